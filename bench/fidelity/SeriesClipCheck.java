import emu.calibration.pairs.ExposureSeries;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training side only: how well {@link ExposureSeries} finds the clipped readings in a training CSV
 * as the {@code dense} scenario writes it (every reading of the training reflectances under the
 * trained lights, clipped ones included), against the bench camera's own flags (noise-free raw at
 * or past the white level). Prints, per tolerance, the clipped readings found (recall), the
 * unclipped ones flagged (false alarms) and, of those, how close they came to the clip.
 *
 * <p>Usage: {@code bench/fidelity/series-clip.sh [STOCKS]}.
 */
public class SeriesClipCheck {

    public static void main(String[] args) {
        List<String> stocks = List.of((args.length > 0 ? args[0] : "portrait-160,cine-250d,consumer-200,consumer-200~").split(","));
        double[] tolerances = {0.003, 0.005, 0.01, 0.02, 0.03, 0.05};
        for (String name : stocks) {
            for (String scenario : List.of("dense", "full")) {
                List<Double> trainEvs = scenario.equals("dense") ? Dense.TRAIN_EVS : Fidelity.TRAIN_EVS;
                List<Double> evs = new ArrayList<>(trainEvs);
                evs.addAll(scenario.equals("dense") ? Dense.HELD_EVS : Fidelity.HELD_EVS);
                List<Fidelity.Patch> patches = Fidelity.patches(11);
                Map<String, Boolean> held = new java.util.HashMap<>();
                patches.forEach(p -> held.put(p.id(), p.heldOut()));
                List<Pair> marked = Fidelity.render(Fidelity.stock(name), patches, Fidelity.TRAIN_LIGHTS, evs, 1, false).stream()
                        .filter(p -> !held.get(p.patch()) && Fidelity.TRAIN_LIGHTS.contains(p.illuminant())
                                && trainEvs.contains(p.ev())).toList();
                PairSet csv = new PairSet(marked.stream().map(Dense::unmarked).toList());
                long truth = marked.stream().filter(Fidelity::clipped).count();
                System.out.printf(Locale.ROOT, "%s, %s training CSV: %d pairs, %d clipped by the camera%n", name, scenario,
                        csv.size(), truth);
                for (double tol : tolerances) {
                    long t0 = System.nanoTime();
                    boolean[] found = ExposureSeries.clipped(csv, tol);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    int hit = 0;
                    int false1 = 0;
                    double nearest = Double.NaN;
                    for (int i = 0; i < found.length; i++) {
                        boolean t = Fidelity.clipped(marked.get(i));
                        if (found[i] && t) {
                            hit++;
                        } else if (found[i]) {
                            false1++;
                            double m = Math.max(marked.get(i).digitalR(), Math.max(marked.get(i).digitalG(),
                                    marked.get(i).digitalB()));
                            nearest = Double.isNaN(nearest) ? m : Math.min(nearest, m);
                        }
                    }
                    System.out.printf(Locale.ROOT, "  tolerance %.3f: found %4d of %4d clipped (%.1f%%), %3d unclipped flagged"
                            + " (lowest max digital %.2f), %.0f ms%n", tol, hit, truth, 100.0 * hit / Math.max(1, truth), false1,
                            nearest, ms);
                }
            }
        }
    }
}
