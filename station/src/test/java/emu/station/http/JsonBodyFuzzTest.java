package emu.station.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import emu.station.errors.InvalidInputException;

/**
 * Jazzer on the API's JSON bodies (issue 16, 3: wrong types answered 500): whatever the text, the
 * body helper every handler reads through either yields values or refuses with
 * {@link InvalidInputException} (400, naming the field); anything else would be a 500.
 */
class JsonBodyFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void body(FuzzedDataProvider in) {
        String key = in.pickValue(new String[] {"name", "stock", "offset", "evs", "illuminants", "bad", "corners", ""});
        String text = in.consumeRemainingAsString();
        try {
            Body b = Json.parse(text);
            b.has(key);
            b.text(key, false);
            b.integer(key, 0);
            b.bool(key, false);
            b.strings(key);
            b.doubles(key);
        } catch (InvalidInputException expected) {
            // 400 with a message
        }
    }
}
