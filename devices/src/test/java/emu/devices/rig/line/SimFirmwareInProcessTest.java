package emu.devices.rig.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.rig.RigFault;
import emu.devices.rig.RigFaultException;
import emu.devices.rig.RigIdentity;
import emu.devices.rig.RigRejectedException;
import emu.devices.rig.RigStatus;
import emu.devices.rig.RigTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The host client against the simulated firmware over an in-process link (no pty: see LineRigPtyTest). */
class SimFirmwareInProcessTest {
    private final PlainLight light = new PlainLight(List.of("D65", "A", "F11"), 3, Duration.ofMillis(150));
    private LineRig rig;

    private LineRig open(Duration minSettle) throws Exception {
        rig = new SimFirmware(light).connectInProcess("sim", LineRig.Options.defaults().withMinSettle(minSettle));
        return rig;
    }

    @AfterEach
    void close() {
        if (rig != null) rig.close();
    }

    @Test
    void identifiesAndListsPresets() throws Exception {
        open(Duration.ZERO);
        assertEquals(new RigIdentity("EMU-SIM-RIG", "1.0.0", 3, true, 1), rig.identify());
        assertEquals(List.of("D65", "A", "F11"), rig.presets());
    }

    @Test
    void setPresetThenSettleWaitsForReadyAndTheMinimumTime() throws Exception {
        open(Duration.ofMillis(400));
        rig.setOn(true);
        rig.setPreset("A");
        assertFalse(rig.status().ready(), "just after a change the light is not settled");
        long t0 = System.nanoTime();
        rig.awaitSettled(Duration.ofSeconds(5));
        assertTrue(System.nanoTime() - t0 >= 300_000_000L, "the 400 ms minimum settle time was honoured");
        RigStatus s = rig.status();
        assertTrue(s.ready());
        assertTrue(s.on());
        assertEquals(Optional.of("A"), s.preset());
        assertEquals(40.0, s.temperatureC(), 1e-9, "plain light: 25 C ambient + 15 C at full output");
    }

    @Test
    void settleTimesOutWhenTheRigStaysBusy() throws Exception {
        rig = new SimFirmware(new PlainLight(List.of("D65"), 1, Duration.ofSeconds(30)))
                .connectInProcess("sim", LineRig.Options.defaults());
        rig.setPreset("D65");
        RigTimeoutException e = assertThrows(RigTimeoutException.class, () -> rig.awaitSettled(Duration.ofMillis(300)));
        assertTrue(e.getMessage().startsWith("rig sim: not settled within 300 ms"), e.getMessage());
    }

    @Test
    void unknownPresetIsRefusedWithTheListOfKnownOnes() throws Exception {
        open(Duration.ZERO);
        RigRejectedException e = assertThrows(RigRejectedException.class, () -> rig.setPreset("D66"));
        assertEquals(RigRejectedException.Code.UNKNOWN_PRESET, e.code());
        assertEquals("rig sim: unknown preset 'D66'; the rig has: D65, A, F11", e.getMessage());
    }

    @Test
    void rawLevelsIntensityAndArgumentChecks() throws Exception {
        open(Duration.ZERO);
        rig.setChannels(new int[] {0, 32768, 65535});
        rig.setIntensity(0.25);
        RigStatus s = rig.status();
        assertEquals(Optional.empty(), s.preset());
        assertEquals(0.25, s.intensity(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> rig.setChannels(new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> rig.setChannels(new int[] {1, 2, 65536}));
        assertThrows(IllegalArgumentException.class, () -> rig.setIntensity(1.5));
    }

    @Test
    void shutterPulseAndBusyWhileItRuns() throws Exception {
        open(Duration.ZERO);
        rig.pulseShutter(Duration.ofMillis(2000));
        RigRejectedException e = assertThrows(RigRejectedException.class, () -> rig.pulseShutter(Duration.ofMillis(10)));
        assertEquals(RigRejectedException.Code.BUSY, e.code());
    }

    @Test
    void noShutterOutputIsUnsupported() throws Exception {
        rig = new SimFirmware(light, "NOSHUTTER", "2.0", false, Duration.ZERO).connectInProcess("sim", LineRig.Options.defaults());
        assertFalse(rig.identify().shutterRelease());
        RigRejectedException e = assertThrows(RigRejectedException.class, () -> rig.pulseShutter(Duration.ofMillis(50)));
        assertEquals(RigRejectedException.Code.UNSUPPORTED, e.code());
    }

    @Test
    void aFaultEventStopsTheSettleWaitAndChangesAreRefused() throws Exception {
        open(Duration.ZERO);
        rig.setOn(true);
        rig.setPreset("D65");
        light.setFault(RigFault.OVERTEMP, true);
        RigFaultException e = assertThrows(RigFaultException.class, () -> rig.awaitSettled(Duration.ofSeconds(5)));
        assertEquals(Set.of(RigFault.OVERTEMP), e.faults());
        RigRejectedException refused = assertThrows(RigRejectedException.class, () -> rig.setPreset("A"));
        assertEquals(RigRejectedException.Code.FAULT, refused.code());
        light.setFault(RigFault.OVERTEMP, false);
        rig.setPreset("A");
        rig.awaitSettled(Duration.ofSeconds(5));
        assertTrue(rig.status().faults().isEmpty());
    }
}
