package emu.station.fromimages;

import emu.calibration.pairs.PairsCsv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The manifest CSV that pairs captures with scans by hand: a header naming at least {@code
 * capture,scan,illuminant,ev} (any order, extra columns ignored), optionally {@code roll,frame};
 * one row per plan step. File names are relative to the captures and scans folders (or absolute);
 * {@code ev} is stops from the metered exposure. Lines starting with {@code #} are comments.
 * Every problem is collected and reported with its line and field.
 */
public final class Manifest {
    static final List<String> REQUIRED = List.of("capture", "scan", "illuminant", "ev");

    private Manifest() {}

    /**
     * @throws IllegalArgumentException listing every bad line and field (exit 2)
     */
    public static List<Step> read(Path manifest, Path captures, Path scans) throws IOException {
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException("--manifest " + manifest + ": no such file");
        }
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        Map<String, Integer> col = new HashMap<>();
        int headerLine = -1;
        List<Step> steps = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = n == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(n);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = PairsCsv.split(line);
            if (headerLine < 0) {
                headerLine = n + 1;
                for (int i = 0; i < f.size(); i++) {
                    col.putIfAbsent(f.get(i).trim().toLowerCase(Locale.ROOT), i);
                }
                List<String> missing = REQUIRED.stream().filter(c -> !col.containsKey(c)).toList();
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException(manifest + " line " + headerLine + ": missing column(s) "
                            + String.join(", ", missing) + "; the header needs capture,scan,illuminant,ev[,roll,frame]");
                }
                continue;
            }
            String where = manifest.getFileName() + " line " + (n + 1);
            int before = problems.size();
            String capture = field(f, col, "capture");
            String scan = field(f, col, "scan");
            String illuminant = field(f, col, "illuminant");
            String evText = field(f, col, "ev");
            for (String c : REQUIRED) {
                if (field(f, col, c).isEmpty()) {
                    problems.add(where + ": " + c + " is empty");
                }
            }
            double ev = Double.NaN;
            if (!evText.isEmpty()) {
                try {
                    ev = Double.parseDouble(evText);
                } catch (NumberFormatException e) {
                    problems.add(where + ": ev = '" + evText + "' is not a number of stops");
                }
                if (!Double.isNaN(ev) && !(ev >= -12 && ev <= 12)) {
                    problems.add(where + ": ev = " + evText + " is outside -12..12 stops");
                }
            }
            Path c = captures.resolve(capture);
            Path s = scans.resolve(scan);
            if (!capture.isEmpty() && !Files.isRegularFile(c)) {
                problems.add(where + ": capture " + c + " does not exist");
            }
            if (!scan.isEmpty() && !Files.isRegularFile(s)) {
                problems.add(where + ": scan " + s + " does not exist");
            }
            if (problems.size() == before) {
                String frame = field(f, col, "frame");
                steps.add(new Step(c, s, illuminant, ev, field(f, col, "roll"),
                        frame.isEmpty() ? FolderPairing.stem(s) : frame, where));
            }
        }
        if (headerLine < 0) {
            problems.add(manifest + ": empty; expected the header capture,scan,illuminant,ev[,roll,frame]");
        } else if (steps.isEmpty() && problems.isEmpty()) {
            problems.add(manifest + ": no rows after the header");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("manifest " + manifest + ":\n  " + String.join("\n  ", problems));
        }
        return steps;
    }

    private static String field(List<String> f, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        return i == null || i >= f.size() ? "" : f.get(i).trim();
    }
}
