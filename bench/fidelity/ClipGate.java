import emu.calibration.fit.ClipGateModel;
import emu.calibration.fit.ColourModel;
import emu.calibration.fit.DigitalClip;
import emu.calibration.fit.FittedModel;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.pairs.ExposureSeries;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 24, session 7 (helper {@code gate}): clipped readings served by their own model. Two models
 * fitted on the same {@code dense} training CSV, {@code keep} (every reading, clipped ones included)
 * and {@code drop} ({@code --clipped-series drop}), served together: a reading is predicted by
 * {@code drop} away from the camera's clip and by {@code keep} where its brightest RAW channel is at
 * the clip, with a smooth ramp between ({@code g:LO:HI}: the gate opens as the largest of the
 * reading's clip units r = A x rises from LO to HI; A = the clip planes {@link DigitalClip#estimate}
 * places from the training pairs without their flagged readings, as the drop fit's rebuild does).
 * The served model is baked into cubes and scored exactly as {@link Fidelity#score} does.
 *
 * <p>Mode {@code train}: the TRAINING reflectances under the trained lights (in-sample readings, the
 * clipped ones the keep model was fitted on included) through cubes of the trained lights: the side
 * on which the band is chosen. Mode {@code heldout}: the held-out protocols of {@code run.sh dense}
 * (every light, cubes of every light) and {@link Dense#diagnose}'s bins by distance to the clip.
 *
 * <p>Usage: {@code bench/fidelity/clip-gate.sh MODE KEEPWORK DROPWORK OUT STOCKS VARIANTS} with
 * KEEPWORK / DROPWORK = {@code run.sh ... dense} work dirs holding {@code dense-<stock>/model}, VARIANTS
 * a comma list of {@code keep}, {@code drop}, {@code g:LO:HI} and {@code m:WORK} (WORK's saved {@code dense-<stock>/model}
 * as it is, e.g. a {@code --clipped-series gate} run's). {@code FID_SIZE} sets the cube size.
 * Writes OUT/MODE-summary.tsv (rows "stock variant").
 */
public class ClipGate {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path keepWork = Path.of(args[1]);
        Path dropWork = Path.of(args[2]);
        Path out = Path.of(args[3]);
        List<String> stocks = List.of(args[4].split(","));
        List<String> variants = List.of(args[5].split(","));
        boolean train = mode.equals("train");
        if (!train && !mode.equals("heldout")) {
            throw new IllegalArgumentException("mode must be train or heldout, got " + mode);
        }
        List<String> lights = Fidelity.TRAIN_LIGHTS;
        List<Double> evs = new ArrayList<>(Dense.TRAIN_EVS);
        evs.addAll(Dense.HELD_EVS);
        Map<String, Map<String, Double>> summary = new LinkedHashMap<>();
        for (String name : stocks) {
            String sub = "dense-" + name.replace('~', 'p');
            List<Fidelity.Patch> patches = Fidelity.patches(11);
            List<Pair> all = Fidelity.render(Fidelity.stock(name), patches, lights, evs, 1, false);
            Map<String, Boolean> held = new LinkedHashMap<>();
            patches.forEach(p -> held.put(p.id(), p.heldOut()));
            // the training readings with the bench's clip marker (train.csv holds them unmarked)
            List<Pair> trainMarked = all.stream().filter(p -> !held.get(p.patch()) && lights.contains(p.illuminant())
                    && Dense.TRAIN_EVS.contains(p.ev())).toList();
            List<Pair> trainCsv = trainMarked.stream().map(Dense::unmarked).toList();
            List<Pair> test = all.stream().filter(p -> held.get(p.patch())).toList();
            FittedModel keep = ModelDirectory.load(keepWork.resolve(sub).resolve("model")).model();
            FittedModel drop = ModelDirectory.load(dropWork.resolve(sub).resolve("model")).model();
            DigitalClip clip = DigitalClip.estimate(ExposureSeries.withoutClipped(new PairSet(trainCsv), ExposureSeries.TOLERANCE)).clip();
            if (clip == null) {
                throw new IllegalStateException(name + ": the training pairs place no clip");
            }
            describe(name, clip, trainMarked);
            flagged(clip, trainCsv);
            for (String v : variants) {
                ColourModel m;
                if (v.startsWith("m:")) { // a saved product model as it is, e.g. a `--clipped-series gate` run's (session 12)
                    m = ModelDirectory.load(Path.of(v.substring(2)).resolve(sub).resolve("model")).model();
                } else {
                    m = switch (v) {
                        case "keep" -> keep;
                        case "drop" -> drop;
                        default -> {
                            String[] f = v.split(":");
                            // drop below the band, keep above it: the product's gate with a fixed band
                            yield ClipGateModel.withBand(drop, keep, clip, Double.parseDouble(f[1]), Double.parseDouble(f[2]));
                        }
                    };
                }
                Path dir = out.resolve(mode + "-" + sub + "-" + v.replaceAll("[^A-Za-z0-9.]", "_"));
                Files.createDirectories(dir);
                long t0 = System.nanoTime();
                System.out.printf(Locale.ROOT, "== %s %s %s (%d^3)%n", name, v, mode, Fidelity.SIZE);
                Map<String, Double> sc = Fidelity.score(m, train ? trainMarked : test, lights, Dense.TRAIN_EVS, dir);
                if (!train) {
                    Dense.diagnose(m, Fidelity.stock(name), patches, trainCsv, test, lights, dir);
                }
                System.out.printf(Locale.ROOT, "   (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
                summary.put(name + " " + v, sc);
            }
        }
        List<String> cols = train ? List.of("at ev 2.0", "at ev 2.5", "at ev 3.0", "clipped", "patches")
                : Dense.COLUMNS.stream().filter(c -> !c.equals("LOIO")).toList();
        System.out.printf(Locale.ROOT, "%n== %s, acescct %d^3 cubes%n%-28s", train
                ? "training side: training reflectances, trained lights (in-sample)" : "held out (as run.sh dense)",
                Fidelity.SIZE, "stock variant");
        cols.forEach(c -> System.out.printf(Locale.ROOT, " %9s", c.replace("light ", "").replace("bright in range", "bright")));
        System.out.println();
        summary.forEach((k, v) -> {
            System.out.printf(Locale.ROOT, "%-28s", k);
            cols.forEach(c -> System.out.printf(Locale.ROOT, " %9.3f", v.getOrDefault(c, Double.NaN)));
            System.out.println();
        });
        Summary.write(out.resolve(mode + "-summary.tsv"), summary);
    }

    /** Percentiles of the largest clip unit of the readings {@link ExposureSeries} flags (what a fit sees, no camera flags). */
    static void flagged(DigitalClip clip, List<Pair> trainCsv) {
        PairSet set = new PairSet(trainCsv);
        boolean[] f = ExposureSeries.clipped(set, ExposureSeries.TOLERANCE);
        List<Double> m = new ArrayList<>();
        for (int i = 0; i < f.length; i++) {
            if (f[i]) {
                double[] r = clip.clipUnits(set.get(i).digital());
                m.add(Math.max(r[0], Math.max(r[1], r[2])));
            }
        }
        m.sort(null);
        System.out.printf(Locale.ROOT, "  flagged readings (%d): largest clip unit p1 %.3f, p5 %.3f, p10 %.3f, median %.3f%n",
                m.size(), m.get((int) (0.01 * m.size())), m.get((int) (0.05 * m.size())), m.get((int) (0.1 * m.size())),
                m.get(m.size() / 2));
    }

    /** Where the training readings sit in clip units: the camera's clipped ones and the unclipped bright ones. */
    static void describe(String name, DigitalClip clip, List<Pair> train) {
        double[] edges = {0, 0.8, 0.9, 0.95, 0.98, 1.0, 1.02, 1.05, 1.1, 99};
        int[][] n = new int[2][edges.length - 1];
        for (Pair p : train) {
            double[] r = clip.clipUnits(p.digital());
            double m = Math.max(r[0], Math.max(r[1], r[2]));
            int row = Fidelity.clipped(p) ? 1 : 0;
            for (int b = 0; b + 1 < edges.length; b++) {
                if (m >= edges[b] && m < edges[b + 1]) {
                    n[row][b]++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: training readings by max clip unit (estimated planes)%n  %-10s", name, "");
        for (int b = 0; b + 1 < edges.length; b++) {
            System.out.printf(Locale.ROOT, " %9s", String.format(Locale.ROOT, "%.2f-%.2f", edges[b], edges[b + 1]));
        }
        for (int row = 0; row < 2; row++) {
            System.out.printf(Locale.ROOT, "%n  %-10s", row == 0 ? "unclipped" : "clipped");
            for (int b = 0; b + 1 < edges.length; b++) {
                System.out.printf(Locale.ROOT, " %9d", n[row][b]);
            }
        }
        System.out.println();
    }
}
