import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ColourModel;
import emu.calibration.fit.Evaluation;
import emu.calibration.lut.CubeFile;
import emu.calibration.lut.LutInterpolations;
import emu.calibration.lut.ShapedLut;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.devices.sim.digital.DigitalCameraModel;
import emu.devices.sim.film.FilmStock;
import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.Spectrum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The {@code dense} scenario of {@link Fidelity}: the outside evaluator's exposures on the virtual
 * bench (issue 24). It trains on EV -3..+3 in half stops (13 exposures, six lights, the 176 training
 * reflectances: 13,728 pairs, against the evaluator's ~16,700 = 6 x 13 x 214 with its 214
 * reflectances, so every reading, clipped ones included, as an outside CSV holds them;
 * {@code dense-unclipped} drops the clipped ones from training, 12,931 on portrait-160) and holds out the evaluator's quarter stops -2.75, +0.25 and +2.25, plus +2.75
 * (the brightest in-range point) and +3.5 (half a stop past the range). "bright in range" pools the
 * held-out EVs inside (+2, +3). The summary prints every held-out EV and every trained EV.
 *
 * <p>{@link #diagnose} splits the error by exposure and, at the bright end, by how close the
 * reading's brightest raw channel came to the sensor's clip (noise-free raw / white level) and by
 * how far up the film's shoulder the truth lies, for the model itself and for the exported cube,
 * on training reflectances (in-sample) and held-out ones: bias of the model (in-sample error rises),
 * generalisation (only held-out rises), lattice (cube worse than model) or the metric (dE per unit of
 * film RGB error grows near white).
 */
final class Dense {

    static final List<Double> TRAIN_EVS = List.of(-3.0, -2.5, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0);
    static final List<Double> HELD_EVS = List.of(-2.75, 0.25, 2.25, 2.75, 3.5);
    static final List<String> COLUMNS = List.of("patches", "light D55", "lights", "LOIO", "ev -2.75", "ev 0.25", "ev 2.25",
            "ev 2.75", "bright in range", "ev 3.5", "clipped", "all");
    static final String LEGEND = "(LOIO: the selected model's leave-one-light-out mean from its fit report, model not LUT;"
            + " ev X: trained lights at a held-out EV (-2.75 / +0.25 / +2.25 the evaluator's); bright in range: +2.25 and"
            + " +2.75 together; ev 3.5: half a stop past the trained range; clipped: held-out reflectances whose digital"
            + " reading clipped, trained lights, any EV)";

    private Dense() {}

    /** A clipped reading as the evaluator's CSV holds it: under its frame's number, not flagged. */
    static Pair unmarked(Pair p) {
        return !Fidelity.clipped(p) ? p : new Pair(p.frame().substring("clip".length()), p.roll(), p.illuminant(), p.ev(),
                p.patch(), p.digitalR(), p.digitalG(), p.digitalB(), p.filmR(), p.filmG(), p.filmB());
    }

    /**
     * The per-trained-EV table (trained lights, held-out reflectances, exported acescct cube); {@code prefix} picks the
     * public reflectances' lines ("pub ", "pub ces ", "pub tv ", {@link Fidelity#PUBLIC_GROUPS}) or the bench's ("").
     */
    static void printByEv(Map<String, Map<String, Double>> summary, String prefix) {
        System.out.println("== " + prefix + "by trained EV (trained lights, held-out reflectances, acescct cube)");
        System.out.printf(Locale.ROOT, "%-16s", "stock");
        TRAIN_EVS.forEach(ev -> System.out.printf(Locale.ROOT, " %6s", String.format(Locale.ROOT, "%+.1f", ev)));
        System.out.println();
        summary.forEach((stock, m) -> {
            System.out.printf(Locale.ROOT, "%-16s", stock);
            TRAIN_EVS.forEach(ev -> System.out.printf(Locale.ROOT, " %6.2f", m.getOrDefault(prefix + "at ev " + ev, Double.NaN)));
            System.out.println();
        });
    }

    /** One scored reading: the pair, its model and cube error, film RGB error, raw clip fraction and film maximum. */
    record Scored(Pair pair, boolean heldOut, double model, double cube, double rgbErr, double clipFrac, double filmMax) {}

    /** {@link #diagnose(ColourModel, FilmStock, List, List, List, List, Path, String)} into dense-diagnosis.tsv. */
    static void diagnose(ColourModel model, FilmStock stock, List<Fidelity.Patch> patches, List<Pair> train,
            List<Pair> test, List<String> trainLights, Path dir) throws IOException {
        diagnose(model, stock, patches, train, test, trainLights, dir, "dense-diagnosis.tsv");
    }

    /**
     * Prints where the error at the bright end comes from (see the class comment) and writes every row to
     * {@code dir/file}. Reads the acescct cubes {@link Fidelity#score} wrote into {@code dir}. For the public
     * reflectances ({@code dense-diagnosis-public.tsv}) {@code train} is empty: held-out rows only.
     */
    static void diagnose(ColourModel model, FilmStock stock, List<Fidelity.Patch> patches, List<Pair> train,
            List<Pair> test, List<String> trainLights, Path dir, String file) throws IOException {
        DigitalCameraModel camera = Fidelity.CAMERA;
        Map<String, Spectrum> refl = new HashMap<>();
        patches.forEach(p -> refl.put(p.id(), p.reflectance()));
        List<Scored> rows = new ArrayList<>();
        InputEncoding enc = InputEncoding.get("acescct");
        for (String light : trainLights) {
            for (boolean held : new boolean[] {false, true}) {
                List<Pair> ps = (held ? test : train).stream()
                        .filter(p -> p.illuminant().equals(light) && !Fidelity.clipped(p)).toList();
                if (ps.isEmpty()) {
                    continue;
                }
                PairSet set = new PairSet(ps);
                double[] pm = Evaluation.predict(model, set);
                double[] dm = Evaluation.deltaE(set, pm);
                ShapedLut lut = CubeFile.read(dir.resolve(light + "-acescct.cube")).lut();
                double[] dc = Evaluation.deltaE(set, Fidelity.applyCube(lut, enc, set));
                var illum = Illuminants.get(light.equals("studio-lamp") ? "LED-B4" : light);
                for (int i = 0; i < ps.size(); i++) {
                    Pair p = ps.get(i);
                    double[] raw = camera.raw(refl.get(p.patch()), illum, p.ev());
                    double frac = Math.max(raw[0], Math.max(raw[1], raw[2])) / camera.whiteLevel();
                    if (camera.clips(raw)) {
                        continue; // a clipped training reading (dense trains on them); scored as "clipped" elsewhere
                    }
                    double[] f = p.film();
                    double err = Math.sqrt(sq(pm[3 * i] - f[0]) + sq(pm[3 * i + 1] - f[1]) + sq(pm[3 * i + 2] - f[2]));
                    rows.add(new Scored(p, held, dm[i], dc[i], err, frac, Math.max(f[0], Math.max(f[1], f[2]))));
                }
            }
        }
        System.out.println("  dense diagnosis (trained lights, unclipped readings; model = selected model, cube = acescct "
                + Fidelity.SIZE + "^3)" + (file.equals("dense-diagnosis.tsv") ? "" : ", " + file) + ":");
        System.out.printf(Locale.ROOT, "    %-8s %6s %8s | %6s %8s %8s %9s %9s%n", "EV", "n trn", "trn mdl", "n held",
                "held mdl", "held cube", "film max", "clip frac");
        Map<Double, List<Scored>> byEv = new TreeMap<>();
        rows.forEach(r -> byEv.computeIfAbsent(r.pair().ev(), k -> new ArrayList<>()).add(r));
        byEv.forEach((ev, rs) -> {
            List<Scored> tr = rs.stream().filter(r -> !r.heldOut()).toList();
            List<Scored> he = rs.stream().filter(Scored::heldOut).toList();
            System.out.printf(Locale.ROOT, "    %+-8.2f %6d %8.2f | %6d %8.2f %8.2f %9.3f %9.3f%n", ev, tr.size(),
                    mean(tr, Scored::model), he.size(), mean(he, Scored::model), mean(he, Scored::cube),
                    mean(he, Scored::filmMax), mean(he, Scored::clipFrac));
        });
        List<Scored> bright = rows.stream().filter(r -> r.pair().ev() >= 2.0).toList();
        bins("brightest raw channel / clip level, EV >= +2", bright, Scored::clipFrac, new double[] {0, 0.5, 0.8, 0.9, 0.95, 1.0});
        bins("film maximum channel (the shoulder), EV >= +2", bright, Scored::filmMax, new double[] {0, 0.6, 0.75, 0.85, 0.9, 2});
        List<Scored> mid = rows.stream().filter(r -> Math.abs(r.pair().ev()) <= 0.5).toList();
        bins("film maximum channel, EV -0.5..+0.5 (same bins, mid exposures)", mid, Scored::filmMax,
                new double[] {0, 0.6, 0.75, 0.85, 0.9, 2});
        writeRows(dir.resolve(file), rows);
    }

    /** Mean model / cube error and dE per unit film-RGB error for the rows binned by {@code key}. */
    static void bins(String title, List<Scored> rows, ToDoubleFunction<Scored> key, double[] edges) {
        System.out.println("    by " + title + ":");
        System.out.printf(Locale.ROOT, "      %-11s %6s %8s | %6s %8s %8s %11s%n", "bin", "n trn", "trn mdl", "n held", "held mdl",
                "held cube", "dE/rgb err");
        for (int b = 0; b + 1 < edges.length; b++) {
            double lo = edges[b];
            double hi = edges[b + 1];
            List<Scored> in = rows.stream().filter(r -> key.applyAsDouble(r) >= lo && key.applyAsDouble(r) < hi).toList();
            List<Scored> tr = in.stream().filter(r -> !r.heldOut()).toList();
            List<Scored> he = in.stream().filter(Scored::heldOut).toList();
            System.out.printf(Locale.ROOT, "      %4.2f-%-6.2f %6d %8.2f | %6d %8.2f %8.2f %11.1f%n", lo, hi, tr.size(),
                    mean(tr, Scored::model), he.size(), mean(he, Scored::model), mean(he, Scored::cube),
                    mean(in, Scored::model) / mean(in, Scored::rgbErr));
        }
    }

    /** Every scored row (for plots and re-analysis): one line per reading. */
    static void writeRows(Path file, List<Scored> rows) throws IOException {
        StringBuilder sb = new StringBuilder("light\tev\tpatch\theld\tmodel\tcube\trgb_err\tclip_frac\tfilm_max\n");
        for (Scored r : rows) {
            sb.append(String.format(Locale.ROOT, "%s\t%s\t%s\t%b\t%.4f\t%.4f\t%.5f\t%.4f\t%.4f%n", r.pair().illuminant(),
                    r.pair().ev(), r.pair().patch(), r.heldOut(), r.model(), r.cube(), r.rgbErr(), r.clipFrac(), r.filmMax()));
        }
        Files.writeString(file, sb);
    }

    static double mean(List<Scored> rows, ToDoubleFunction<Scored> f) {
        return rows.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    static double sq(double v) {
        return v * v;
    }
}
