package emu.devices.camera.gphoto2;

import static org.junit.jupiter.api.Assertions.*;

import emu.devices.camera.CameraException;
import emu.devices.camera.CameraInfo;
import emu.devices.camera.CameraNotFoundException;
import emu.devices.camera.CameraSetting;
import emu.devices.camera.CameraSettingException;
import emu.devices.camera.CameraTimeoutException;
import emu.devices.camera.CaptureRequest;
import emu.devices.camera.CaptureResult;
import emu.devices.camera.CaptureTarget;
import emu.devices.camera.CapturedFile;
import emu.devices.camera.CapturedFiles;
import emu.devices.camera.SettingNames;
import emu.devices.camera.ShutterSpeed;
import emu.devices.camera.StorageInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gphoto2 driver against libgphoto2's virtual USB camera (an emulated Nikon D750 over PTP),
 * through the real library via JNA; see {@link VirtualCamera}. Ordered only so the hung-camera test,
 * which leaves a spinning library thread behind, runs last.
 */
@Tag("vcamera")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Gphoto2VcameraTest {
    private static Gphoto2Camera camera;
    private static byte[] source;
    @TempDir Path out;

    @BeforeAll
    static void open() throws Exception {
        source = Files.readAllBytes(VirtualCamera.dcim(VirtualCamera.home()).resolve("EMU00001.JPG"));
        camera = Gphoto2Camera.open(VirtualCamera.runtime(), VirtualCamera.options());
    }

    @AfterAll
    static void close() {
        if (camera != null) {
            camera.close();
        }
    }

    @Test
    @Order(1)
    void abilitiesStructMatchesTheHeader() {
        // sizeof(CameraAbilities) on x86-64 (gphoto2-abilities-list.h), passed by value
        assertEquals(2504, new LibGphoto2.CameraAbilities().size());
    }

    @Test
    @Order(1)
    void describesAndSummarises() {
        CameraInfo info = camera.describe();
        assertEquals(VirtualCamera.MODEL, info.model());
        assertEquals(VirtualCamera.PORT, info.port());
        assertEquals("0.1", info.serial());
        assertEquals("2.5.11", info.firmware());
        assertTrue(info.summary().contains("Model: VC"), info.summary());
        assertEquals("Nikon DSC D750 on usb:>rec (serial 0.1)", info.device());
    }

    @Test
    @Order(1)
    void walksTheConfigTree() {
        List<CameraSetting> all = camera.settings();
        CameraSetting target = find(all, SettingNames.CAPTURE_TARGET);
        assertEquals("/settings/capturetarget", target.path());
        assertEquals(CameraSetting.Type.RADIO, target.type());
        assertEquals(List.of("Internal RAM", "Memory card"), target.choices());
        assertFalse(target.readOnly());
        CameraSetting serial = find(all, "serialnumber");
        assertTrue(serial.readOnly());
        assertEquals(CameraSetting.Type.TEXT, serial.type());
        assertEquals(CameraSetting.Type.DATE, find(all, "datetime").type());
        assertEquals(CameraSetting.Type.TOGGLE, find(all, "fastfs").type());
        assertTrue(find(all, "shutterspeed").choices().contains("0.0100s"));
        assertTrue(find(all, "f-number").choices().contains("f/8"));
    }

    @Test
    @Order(1)
    void setsVerifiesAndRefusesBadValues() {
        // "aperture" finds the Nikon name "f-number"
        assertEquals("f-number", camera.setting(SettingNames.APERTURE).name());
        camera.set(SettingNames.APERTURE, "f/8");
        assertEquals("f/8", camera.setting("f-number").value());
        camera.set("f-number", "f/2.8");
        assertEquals("f/2.8", camera.setting("f-number").value());

        CameraSettingException bad = assertThrows(CameraSettingException.class, () -> camera.set("f-number", "f/1"));
        assertTrue(bad.getMessage().contains("does not accept 'f/1'") && bad.getMessage().contains("f/8"),
                bad.getMessage());
        assertTrue(bad.getMessage().contains("Nikon DSC D750 on usb:>rec"), bad.getMessage());
        assertThrows(CameraSettingException.class, () -> camera.set("serialnumber", "1"));
        CameraSettingException unknown = assertThrows(CameraSettingException.class, () -> camera.setting("iso"));
        assertTrue(unknown.getMessage().contains("no setting 'iso'") && unknown.getMessage().contains("shutterspeed"),
                unknown.getMessage());
    }

    @Test
    @Order(1)
    void readsStorage() {
        List<StorageInfo> storage = camera.storageInfo();
        assertEquals(1, storage.size());
        assertEquals("/store_00010001", storage.get(0).path());
        assertEquals("GPVC Storage", storage.get(0).description());
        assertTrue(storage.get(0).freeBytes() > 0 && storage.get(0).freeBytes() <= storage.get(0).capacityBytes());
    }

    @Test
    @Order(2)
    void capturesDownloadsAndDeletes() throws Exception {
        CaptureResult r = camera.capture(new CaptureRequest(out, "step-001",
                new CaptureRequest.Exposure.Explicit(ShutterSpeed.parse("0.0100s").orElseThrow()), Map.of()));
        assertEquals(1, r.files().size());
        CapturedFile f = r.jpeg().orElseThrow();
        assertEquals(out.resolve("step-001.jpg"), f.path());
        assertArrayEquals(source, Files.readAllBytes(f.path()), "downloaded bytes = the virtual camera's source file");
        assertEquals(CapturedFiles.sha256(source), f.sha256());
        assertEquals(source.length, f.size());
        assertTrue(f.cameraPath().startsWith("/store_00010001/DCIM/"), f.cameraPath());
        assertEquals("0.0100s", r.shutterSpeed().orElseThrow().label());
        // deleted on the camera (keep_on_camera = false): fetching it again fails
        CameraException gone = assertThrows(CameraException.class, () -> camera.download(f.cameraPath()));
        assertTrue(gone.getMessage().contains(f.cameraPath()), gone.getMessage());
        try (var files = Files.list(out)) {
            assertEquals(List.of(f.path()), files.toList(), "no temp file left");
        }
    }

    @Test
    @Order(2)
    void triggerAndWaitForEventReportTheNewFile() {
        List<String> paths = camera.triggerCapture();
        assertEquals(1, paths.size(), paths.toString());
        assertTrue(paths.get(0).matches("/store_00010001/DCIM/\\d{3}GPHOT/GPH_\\d{4}\\.JPG"), paths.get(0));
        assertArrayEquals(source, camera.download(paths.get(0)));
    }

    @Test
    @Order(2)
    void bracketsFiveStepsByShutterSpeed() throws Exception {
        ShutterSpeed base = ShutterSpeed.parse("0.0100s").orElseThrow();
        // the vcamera offers 1/10000 .. 1 s in uneven steps: 0.0025 0.005 0.01 0.02 0.05
        Map<Integer, String> expected = Map.of(-2, "0.0025s", -1, "0.0050s", 0, "0.0100s", 1, "0.0200s",
                2, "0.0500s");
        Set<String> names = new HashSet<>();
        for (int ev = -2; ev <= 2; ev++) {
            CaptureResult r = camera.capture(CaptureRequest.relative(out, "bracket-ev" + (ev + 2), base, ev)
                    .holding(SettingNames.APERTURE, "f/5.6"));
            assertEquals(expected.get(ev), r.shutterSpeed().orElseThrow().label());
            assertEquals(expected.get(ev), camera.setting(SettingNames.SHUTTER_SPEED).value());
            assertEquals("f/5.6", camera.setting(SettingNames.APERTURE).value());
            assertEquals(ev, r.requestedEv());
            double achieved = Math.log(ShutterSpeed.parse(expected.get(ev)).orElseThrow().seconds() / 0.01) / Math.log(2);
            assertEquals(achieved, r.achievedEv(), 1e-9);
            CapturedFile f = r.files().get(0);
            assertArrayEquals(source, Files.readAllBytes(f.path()));
            names.add(f.path().getFileName().toString());
        }
        assertEquals(5, names.size());
    }

    @Test
    @Order(2)
    void refusesSpeedsTheCameraDoesNotOffer() {
        ShutterSpeed base = ShutterSpeed.parse("0.0100s").orElseThrow();
        CameraSettingException e = assertThrows(CameraSettingException.class,
                () -> camera.capture(CaptureRequest.relative(out, "x", base, 8)));
        assertTrue(e.getMessage().contains("cannot expose +8.00 EV"), e.getMessage());
        assertThrows(CameraSettingException.class, () -> camera.capture(new CaptureRequest(out, "y",
                new CaptureRequest.Exposure.Explicit(ShutterSpeed.parse("1/3").orElseThrow()), Map.of())));
    }

    @Test
    @Order(3)
    void keepsFilesOnTheCardWhenConfigured() throws Exception {
        try (Gphoto2Camera keep = Gphoto2Camera.open(VirtualCamera.runtime(),
                VirtualCamera.options().withCaptureTarget(CaptureTarget.CARD, true))) {
            assertEquals("Memory card", keep.setting(SettingNames.CAPTURE_TARGET).value());
            CaptureResult r = keep.capture(CaptureRequest.asSet(out, "kept"));
            assertArrayEquals(source, keep.download(r.files().get(0).cameraPath()), "still on the camera");
        }
    }

    @Test
    @Order(3)
    void unknownModelAndWrongPortNameTheDevice() {
        CameraNotFoundException model = assertThrows(CameraNotFoundException.class, () -> Gphoto2Camera.open(
                VirtualCamera.runtime(), VirtualCamera.options().withCamera("Nikon DSC D9999", VirtualCamera.PORT)));
        assertTrue(model.getMessage().contains("knows no camera model 'Nikon DSC D9999'"), model.getMessage());
        assertTrue(model.getMessage().contains("no camera detected"), model.getMessage());
        CameraNotFoundException port = assertThrows(CameraNotFoundException.class, () -> Gphoto2Camera.open(
                VirtualCamera.runtime(), VirtualCamera.options().withCamera(VirtualCamera.MODEL, "usb:>nope")));
        assertTrue(port.getMessage().startsWith("no Nikon DSC D750 answered on usb:>nope (libgphoto2 -52"),
                port.getMessage());
        assertEquals("Nikon DSC D750 on usb:>nope", port.device());
    }

    @Test
    @Order(4)
    void reconnectsWhenTheCameraComesBack() throws Exception {
        Path rec = Path.of(">rec").toAbsolutePath();
        Path away = rec.resolveSibling("rec.away");
        Files.move(rec, away);
        try {
            CameraNotFoundException e = assertThrows(CameraNotFoundException.class, camera::reconnect);
            assertTrue(e.getMessage().startsWith("no Nikon DSC D750 answered on usb:>rec"), e.getMessage());
        } finally {
            Files.move(away, rec);
        }
        // the session was dropped; the next call reconnects by itself
        assertEquals("0.1", camera.describe().serial());
        assertArrayEquals(source, Files.readAllBytes(camera.capture(CaptureRequest.asSet(out, "back"))
                .files().get(0).path()));
    }

    @Test
    @Order(9)
    void hungCameraFailsTheStepAndTheNextStepReconnects() throws Exception {
        // With no picture to copy the vcamera's capture never returns (a spinning library thread):
        // the watchdog must fail the step, and the camera must work again once the picture is back.
        Path pic = VirtualCamera.dcim(VirtualCamera.home()).resolve("EMU00001.JPG");
        Path away = pic.resolveSibling("EMU00001.away");
        int abandonedBefore = VirtualCamera.runtime().abandonedThreads();
        try (Gphoto2Camera c = Gphoto2Camera.open(VirtualCamera.runtime(),
                VirtualCamera.options().withCallTimeout(Duration.ofSeconds(3)))) {
            Files.move(pic, away);
            try {
                CameraTimeoutException e = assertThrows(CameraTimeoutException.class,
                        () -> c.capture(CaptureRequest.asSet(out, "hung")));
                assertTrue(e.getMessage().startsWith("capturing on Nikon DSC D750 on usb:>rec did not return within"),
                        e.getMessage());
            } finally {
                Files.move(away, pic);
            }
            assertEquals(abandonedBefore + 1, VirtualCamera.runtime().abandonedThreads());
            assertFalse(Files.exists(out.resolve("hung.jpg")));
            assertArrayEquals(source, Files.readAllBytes(c.capture(CaptureRequest.asSet(out, "after"))
                    .files().get(0).path()));
        }
    }

    private static CameraSetting find(List<CameraSetting> all, String name) {
        return all.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + all.stream().map(CameraSetting::name).toList()));
    }
}
