package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import emu.calibration.color.Illuminants;
import org.junit.jupiter.api.Test;

/** The fitters' illuminant feature takes any light the registry knows, D93 as the bench does. */
class IlluminantFeaturesTest {

    @Test
    void aLightTheModelNeverSawComesFromTheRegistry() {
        IlluminantFeatures none = IlluminantFeatures.fromJson(JsonNodeFactory.instance.objectNode());
        assertTrue(none.knows("D93"));
        assertArrayEquals(Illuminants.uv1960(Illuminants.get("D93").xy()), none.uv("d93"), 0);
        assertArrayEquals(Illuminants.uv1960(Illuminants.get("FL11").xy()), none.uv("F11"), 0);
    }

    @Test
    void aNameNeitherInTheModelNorTheRegistryIsAnErrorNamingIt() {
        IlluminantFeatures none = IlluminantFeatures.fromJson(JsonNodeFactory.instance.objectNode());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> none.uv("sodium"));
        assertTrue(e.getMessage().startsWith("unknown illuminant 'sodium'"), e.getMessage());
        assertTrue(!none.knows("sodium"));
    }
}
