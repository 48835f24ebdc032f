package emu.devices.camera;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CameraApiTest {
    private static CameraSetting choice(String name, List<String> choices, boolean ro) {
        return new CameraSetting(name, name, "/main/" + name, CameraSetting.Type.RADIO, choices.get(0), choices,
                Optional.empty(), ro);
    }

    @Test
    void settingChecksChoicesRangesAndReadOnly() {
        CameraSetting iso = choice("iso", List.of("100", "200"), false);
        iso.checkAccepts("cam", "200");
        CameraSettingException e = assertThrows(CameraSettingException.class, () -> iso.checkAccepts("cam", "150"));
        assertTrue(e.getMessage().contains("choices: 100, 200"), e.getMessage());
        assertThrows(CameraSettingException.class,
                () -> choice("serial", List.of("1"), true).checkAccepts("cam", "1"));
        CameraSetting range = new CameraSetting("ev", "EV", "/ev", CameraSetting.Type.RANGE, "0", List.of(),
                Optional.of(new CameraSetting.Range(-3, 3, 0.5f)), false);
        range.checkAccepts("cam", "1.5");
        assertThrows(CameraSettingException.class, () -> range.checkAccepts("cam", "4"));
        assertThrows(CameraSettingException.class, () -> range.checkAccepts("cam", "x"));
    }

    @Test
    void requestValidatesBaseNameAndKeepsFixedOrder() {
        assertThrows(IllegalArgumentException.class, () -> CaptureRequest.asSet(Path.of("/tmp"), "../x"));
        assertThrows(IllegalArgumentException.class, () -> CaptureRequest.asSet(Path.of("/tmp"), ""));
        CaptureRequest r = CaptureRequest.relative(Path.of("/tmp"), "s1", ShutterSpeed.parse("1/60").orElseThrow(), 1)
                .holding("f-number", "f/8").holding("iso", "100");
        assertEquals(List.of("f-number", "iso"), List.copyOf(r.fixed().keySet()));
        assertEquals(Optional.of(1.0), r.requestedEv());
    }

    @Test
    void optionsNeedModelAndPortTogether() {
        CameraOptions o = CameraOptions.defaults();
        assertEquals("auto-detected camera", o.device());
        assertThrows(IllegalArgumentException.class, () -> o.withCamera("Nikon DSC D750", null));
        assertEquals("Nikon DSC D750 on usb:>rec", o.withCamera("Nikon DSC D750", "usb:>rec").device());
        assertEquals(Optional.empty(), o.withCamera(" ", "").model());
    }

    @Test
    void notFoundListsDetectedCameras() {
        CameraNotFoundException e = new CameraNotFoundException("Canon on usb:1", "no Canon on usb:1",
                List.of(new DetectedCamera("Nikon DSC D750", "usb:001,004")), null);
        assertTrue(e.getMessage().contains("detected: Nikon DSC D750 on usb:001,004"), e.getMessage());
        assertTrue(new CameraNotFoundException("x", "none", List.of(), null).getMessage()
                .contains("no camera detected"));
    }

    @Test
    void unknownDriverNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CameraDrivers.get("nope"));
        assertTrue(e.getMessage().startsWith("unknown camera driver 'nope'"), e.getMessage());
    }

    @Test
    void captureTargetsFromConfigAndTheirCameraChoices() {
        assertEquals(CaptureTarget.RAM, CaptureTarget.fromKey("RAM"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CaptureTarget.fromKey("sd"));
        assertEquals("capture target 'sd' is not one of: ram, card", e.getMessage());
        List<String> ptp = List.of("Internal RAM", "Memory card");
        assertEquals(Optional.of("Internal RAM"), CaptureTarget.RAM.choiceAmong(ptp));
        assertEquals(Optional.of("Memory card"), CaptureTarget.CARD.choiceAmong(ptp));
        assertEquals(Optional.empty(), CaptureTarget.CARD.choiceAmong(List.of("Internal RAM")));
    }
}
