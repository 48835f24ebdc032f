import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two cameras side by side (bench/fidelity/camera.sh): four {@link Fidelity} summaries, the D5100 and the
 * {@code moved} camera each with the default serving of untrained lights (spectral) and with {@code --unseen blend},
 * as one markdown table per stock: each protocol's mean CIEDE2000 (exported acescct cube; LOIO the model's), spectral
 * against blend per camera and the moved camera against the D5100 (default serving), in percent.
 *
 * <p>Usage: {@code java CameraTable D5100_SPECTRAL.tsv D5100_BLEND.tsv MOVED_SPECTRAL.tsv MOVED_BLEND.tsv}
 */
public class CameraTable {
    /** The protocols printed first, in this order; then the rest in the summary's order. */
    static final List<String> FIRST = List.of("patches", "LOIO", "ev -2.75", "ev 0.25", "ev 2.25", "ev 2.75",
            "bright in range", "ev 3.5", "clipped", "light D55", "lights");

    public static void main(String[] args) throws Exception {
        List<Map<String, Map<String, Double>>> s = new ArrayList<>();
        for (String a : args) {
            s.add(Summary.read(Path.of(a)));
        }
        for (String stock : s.get(2).keySet()) {
            System.out.println();
            System.out.println("**" + stock + "**");
            System.out.println();
            System.out.println("| protocol | D5100 spectral | D5100 blend | spectral vs blend | moved spectral | moved blend "
                    + "| spectral vs blend | moved vs D5100 |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            List<String> keys = new ArrayList<>(FIRST.stream().filter(s.get(2).get(stock)::containsKey).toList());
            s.get(2).get(stock).keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
            for (String k : keys) {
                if (k.startsWith("at ev") || k.startsWith("roll") || k.startsWith("fit")) {
                    continue;
                }
                double[] v = new double[4];
                for (int i = 0; i < 4; i++) {
                    v[i] = s.get(i).getOrDefault(stock, Map.of()).getOrDefault(k, Double.NaN);
                }
                System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %s | %.3f | %.3f | %s | %s |%n", k, v[0], v[1],
                        pct(v[0], v[1]), v[2], v[3], pct(v[2], v[3]), pct(v[2], v[0]));
            }
        }
    }

    /** {@code now} against {@code base} in percent, signed (negative: lower error). */
    static String pct(double now, double base) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * (now / base - 1));
    }
}
