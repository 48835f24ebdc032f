package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * model.json is written in the metadata's light order: it must be the order the lights came in, not Map.copyOf's,
 * which changes from one JVM to the next (the same fit gave different bytes; a JVM-salted order matches the insertion
 * order of these eight lights only by a rare chance, so this fails on Map.copyOf almost always).
 */
class ModelMetadataTest {
    @Test
    void theLightsKeepTheirOrder() {
        List<String> lights = List.of("FL2", "D65", "LED-B3", "A", "D50", "FL11", "F7", "D75");
        Map<String, String> in = new LinkedHashMap<>();
        lights.forEach(l -> in.put(l, "table"));
        ModelMetadata m = new ModelMetadata("id", "", "", "matrix", "2026-12-06T00:00:00Z", "test", 1, "sha", 10, "linear",
                "srgb", in, 1.0, 2.0);
        assertEquals(lights, List.copyOf(m.illuminants().keySet()));
    }
}
