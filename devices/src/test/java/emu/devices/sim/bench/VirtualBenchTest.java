package emu.devices.sim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.rig.IlluminantRig;
import emu.devices.rig.RigDrivers;
import emu.devices.rig.RigRejectedException;
import emu.devices.rig.RigSettings;
import emu.devices.rig.line.LineRig;
import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.Observer;
import emu.devices.sim.spectral.Spectrum;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VirtualBenchTest {
    private static double luminance(Spectrum s) {
        return s.integrate(Observer.Y_BAR);
    }

    /** Blue-to-red ratio of a spectrum: 450 nm over 650 nm. */
    private static double blueness(Spectrum s) {
        return s.at((450 - 380) / 5) / s.at((650 - 380) / 5);
    }

    @Test
    void warmUpDriftIsBrighterAndBluerThenSettles() {
        AtomicLong now = new AtomicLong(0);
        VirtualBench bench = new VirtualBench(Duration.ofSeconds(10), now::get);
        SpectralLight light = new SpectralLight(bench, List.of("D65", "A", "3200K"));
        light.selectPreset("A");
        light.setOn(true);
        Spectrum cold = bench.light().emitted();
        assertFalse(light.settled());
        assertEquals(1.11, luminance(cold), 0.02, "a cold LED starts about 12% bright");
        now.set(5_000_000_000L);
        assertFalse(light.settled());
        Spectrum warm = bench.light().emitted();
        assertTrue(luminance(warm) < luminance(cold) && luminance(warm) > 1.0);
        assertTrue(blueness(warm) < blueness(cold), "drift is bluer while cold");
        now.set(10_000_000_001L);
        assertTrue(light.settled());
        LightState s = bench.light();
        assertEquals("A", s.preset().orElseThrow().name());
        Spectrum a = Illuminants.get("A").spd();
        assertEquals(1.0, luminance(s.emitted()), 0.011);
        assertEquals(blueness(a), blueness(s.emitted()), 0.01 * blueness(a));
        assertTrue(light.temperatureC() > 35, "a lit LED runs warm");
        light.setIntensity(0.5);
        now.addAndGet(20_000_000_000L);
        assertEquals(0.5, luminance(bench.light().emitted()), 1e-3);
        light.setOn(false);
        assertEquals(0, luminance(bench.light().emitted()), 0);
        assertTrue(light.hours() > 0);
    }

    @Test
    void theStationOpensTheSpectralRigByDriverName() throws Exception {
        VirtualBench bench = new VirtualBench(Duration.ZERO);
        RigDrivers drivers = RigDrivers.standard().with("sim", bench.rigDriver());
        try (IlluminantRig rig = drivers.open(RigSettings.defaults())) {
            assertEquals(VirtualBench.DEFAULT_PRESETS, rig.presets());
            rig.setPreset("LED-B3");
            rig.setOn(true);
            rig.awaitSettled(Duration.ofSeconds(5));
            assertEquals("LED-B3", bench.light().preset().orElseThrow().name());
        }
    }

    @Test
    void unknownPresetsAreRejectedWhenTheLightIsBuilt() {
        VirtualBench bench = new VirtualBench(Duration.ZERO);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SpectralLight(bench, List.of("D65", "sodium")));
        assertTrue(e.getMessage().contains("'sodium'"), e.getMessage());
    }

    @Test
    void theRealLineRigDrivesTheBenchThroughTheSimulatedFirmware() throws Exception {
        VirtualBench bench = new VirtualBench(Duration.ofMillis(200));
        try (LineRig rig = bench.connectRig("sim-test", LineRig.Options.defaults(), List.of("D65", "FL11", "2700K"))) {
            assertEquals(List.of("D65", "FL11", "2700K"), rig.presets());
            rig.setPreset("2700K");
            rig.setOn(true);
            rig.awaitSettled(Duration.ofSeconds(5));
            LightState s = bench.light();
            assertTrue(s.settled());
            assertEquals("2700K", s.preset().orElseThrow().name());
            assertEquals(1.0, luminance(s.emitted()), 0.011);
            assertThrows(RigRejectedException.class, () -> rig.setPreset("D50"));
            rig.setChannels(new int[] {32768});
            rig.awaitSettled(Duration.ofSeconds(5));
            assertEquals(0.5, luminance(bench.light().emitted()), 0.01);
        }
    }

    @Test
    void lampAgeingAdvancesPerLightChangeAndPerBandNotByTheClock() {
        AtomicLong now = new AtomicLong(0);
        VirtualBench bench = new VirtualBench(Duration.ZERO, now::get);
        SpectralLight light = new SpectralLight(bench, List.of("D65", "A"));
        bench.setAgeing(-0.01, 0, 0.02);
        light.setOn(true);
        light.selectPreset("D65");
        Spectrum first = bench.light().emitted();
        now.set(3_600_000_000_000L);
        assertEquals(first.at((650 - 380) / 5), bench.light().emitted().at((650 - 380) / 5), 1e-12, "an hour later, no step: no change");
        for (int i = 0; i < 10; i++) {
            light.selectPreset("D65");
        }
        Spectrum later = bench.light().emitted();
        // 1 selection at first, 11 now: red band x (1 - 0.11)/(1 - 0.01), green unchanged, blue x (1.22)/(1.02)
        assertEquals(0.89 / 0.99, later.at((650 - 380) / 5) / first.at((650 - 380) / 5), 1e-9);
        assertEquals(1.0, later.at((530 - 380) / 5) / first.at((530 - 380) / 5), 1e-9);
        assertEquals(1.22 / 1.02, later.at((450 - 380) / 5) / first.at((450 - 380) / 5), 1e-9);
        bench.setAgeing(0, 0, 0);
        light.selectPreset("D65");
        assertEquals(Illuminants.get("D65").spd().at((650 - 380) / 5), bench.light().emitted().at((650 - 380) / 5), 1e-12,
                "no ageing: the preset's spectrum");
    }
}
