package emu.station.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" suggestions for misspelt names, by optimal string alignment distance. */
public final class Suggestions {
    private Suggestions() {}

    /** The closest candidate if it is close enough to be a plausible typo of {@code name}. */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        // An abbreviation of exactly one name ("dmx" for "dmx-enttec") is as good as a typo.
        var prefixed = candidates.stream().filter(c -> c.startsWith(name) && !name.isEmpty()).toList();
        if (prefixed.size() == 1) {
            return Optional.of(prefixed.get(0));
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(name.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= tolerance(name) ? Optional.of(best) : Optional.empty();
    }

    /** Short names tolerate fewer edits, or every short key would "suggest" every other. */
    private static int tolerance(String name) {
        return name.length() <= 4 ? 1 : name.length() <= 8 ? 2 : 3;
    }

    /**
     * Optimal string alignment distance: Levenshtein plus adjacent transposition, so "prot" is one
     * edit from "port" (Damerau, "A technique for computer detection and correction of spelling
     * errors", CACM 7(3), 1964).
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
