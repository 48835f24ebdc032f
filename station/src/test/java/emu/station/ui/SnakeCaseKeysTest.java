package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The key-style guard itself can fail: a camelCase key anywhere fails it, data keys of the named maps do not. */
class SnakeCaseKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCamelCaseKeyAtAnyDepthFailsAndDataKeysPass() throws Exception {
        SnakeCaseKeys.assertIn("ok", JSON.readTree("""
                {"set_id": 1, "steps": [{"capture_id": 2}], "report": {"per_ev": {"-1.0": {"max_delta_e": 1}},
                 "illuminants": {"D65": "table", "LED-B3": "table"}}, "patch_labels": {"cc24-18": "18 cyan"}}"""));
        assertThrows(AssertionFailedError.class, () -> SnakeCaseKeys.assertIn("top", JSON.readTree("{\"setId\": 1}")));
        assertThrows(AssertionFailedError.class, () -> SnakeCaseKeys.assertIn("deep",
                JSON.readTree("{\"steps\": [{\"a\": {\"captureId\": 2}}]}")));
        assertThrows(AssertionFailedError.class, () -> SnakeCaseKeys.assertIn("under a data key",
                JSON.readTree("{\"per_ev\": {\"-1.0\": {\"maxDeltaE\": 1}}}")));
        assertThrows(AssertionFailedError.class, () -> SnakeCaseKeys.assertIn("capitals", JSON.readTree("{\"LOIO\": 1}")));
    }
}
