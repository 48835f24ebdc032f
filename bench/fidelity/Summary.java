import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@link Fidelity}'s summary.tsv (stock, protocol, value) and the verdicts against a baseline's (FID_BASELINE). */
final class Summary {

    private Summary() {}

    /** The summary as tab-separated stock, protocol, value (FID_BASELINE of a later run). */
    static void write(Path file, Map<String, Map<String, Double>> summary) throws IOException {
        StringBuilder sb = new StringBuilder();
        summary.forEach((stock, m) -> m.forEach((k, v) -> sb.append(stock).append('\t').append(k).append('\t')
                .append(String.format(Locale.ROOT, "%.6f", v)).append('\n')));
        Files.writeString(file, sb);
    }

    static Map<String, Map<String, Double>> read(Path file) throws IOException {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length == 3) {
                out.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], Double.parseDouble(f[2]));
            }
        }
        return out;
    }

    /**
     * Per stock and protocol: baseline -> this run and the verdict, "improves" when more than 0.5%
     * lower, "holds" within 0.5%, else "worse" (the same rule as the fit report's comparison).
     */
    static void verdicts(Map<String, Map<String, Double>> base, Map<String, Map<String, Double>> now) {
        System.out.println();
        System.out.println("== against the baseline (FID_BASELINE): baseline -> now (verdict)");
        now.forEach((stock, m) -> {
            Map<String, Double> b = base.get(stock);
            if (b == null) {
                return;
            }
            System.out.println(stock + ":");
            m.forEach((k, v) -> {
                Double old = b.get(k);
                if (old == null || k.startsWith("fit")) {
                    if (old != null) {
                        System.out.printf(Locale.ROOT, "  %-14s %9.2f -> %9.2f%n", k, old, v);
                    }
                    return;
                }
                String verdict = v < old * 0.995 ? "improves" : v <= old * 1.005 ? "holds" : "worse";
                System.out.printf(Locale.ROOT, "  %-14s %6.3f -> %6.3f  %s%n", k, old, v, verdict);
            });
        });
    }
}
