package emu.station.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.export.BundleProvenance;
import emu.calibration.fit.ModelMetadata;
import emu.devices.sim.spectral.Illuminants;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundle's provenance takes its spectra from the illuminant registry, as the virtual bench does. */
class BundleSourcesTest {

    private static ModelMetadata model(String... lights) {
        Map<String, String> ill = new LinkedHashMap<>();
        for (String l : lights) {
            ill.put(l, "table");
        }
        return new ModelMetadata("m1", "portrait-160", "", "", "2026-12-06T09:00:00Z", "test", 1, "0".repeat(64), 10,
                "camera-linear", "srgb", ill, 1, 2);
    }

    @Test
    void everyLightCarriesTheSpectrumTheBenchShotWith() {
        List<BundleProvenance.Illuminant> lights = BundleSources.fromModel(model("A", "D93", "FL11", "3200K")).illuminants();
        assertEquals(List.of("3200K", "A", "D93", "FL11"), lights.stream().map(BundleProvenance.Illuminant::name).toList());
        for (BundleProvenance.Illuminant l : lights) {
            assertEquals(380, l.startNm());
            assertEquals(5, l.stepNm());
            double[] bench = new double[l.power().length];
            for (int i = 0; i < bench.length; i++) {
                bench[i] = Illuminants.get(l.name()).spd().at(i);
            }
            assertArrayEquals(bench, l.power(), 0, l.name() + ": same bits as the virtual bench's light");
        }
    }

    @Test
    void aLightTheRegistryDoesNotKnowIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BundleSources.fromModel(model("D65", "studio-lamp")));
        assertTrue(e.getMessage().contains("'studio-lamp'") && e.getMessage().contains("no known spectrum"), e.getMessage());
    }
}
