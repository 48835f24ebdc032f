package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API's one key style (issue 15, docs/api.md): every object key in an answer is snake_case,
 * {@code [a-z0-9_]+}. The exceptions are maps keyed by data, not by field name: their keys are
 * names the operator chose or the plan holds (illuminants such as {@code D65} or {@code LED-B3},
 * EVs such as {@code -1.0}, patch ids such as {@code A1}); they are named here by their own key.
 */
final class SnakeCaseKeys {
    private static final Pattern SNAKE = Pattern.compile("[a-z0-9_]+");
    /** Objects whose keys are data: the fit report's per-light and per-EV scores, the chart's patch labels. */
    static final Set<String> DATA_MAPS = Set.of("illuminants", "per_illuminant", "per_ev", "patch_labels");

    private SnakeCaseKeys() {}

    /** Fails naming every key of {@code json} (the answer of {@code route}) that is not snake_case, by its path. */
    static void assertIn(String route, JsonNode json) {
        List<String> bad = new ArrayList<>();
        walk(json, "$", false, bad);
        assertTrue(bad.isEmpty(), route + " answers keys that are not snake_case: " + bad);
    }

    private static void walk(JsonNode n, String path, boolean dataKeys, List<String> bad) {
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                walk(n.get(i), path + "[" + i + "]", false, bad);
            }
        } else if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (!dataKeys && !SNAKE.matcher(e.getKey()).matches()) {
                    bad.add(path + "." + e.getKey());
                }
                walk(e.getValue(), path + "." + e.getKey(), !dataKeys && DATA_MAPS.contains(e.getKey()), bad);
            });
        }
    }
}
