import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ColourModel;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.lut.CubeFile;
import emu.calibration.lut.LutBaker;
import emu.calibration.lut.LutInterpolations;
import emu.calibration.lut.LutProvenance;
import emu.calibration.lut.ShapedLut;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.devices.sim.digital.DigitalCameraModel;
import emu.devices.sim.film.CharacteristicCurve;
import emu.devices.sim.film.Development;
import emu.devices.sim.film.FilmStock;
import emu.devices.sim.film.FilmStocks;
import emu.devices.sim.film.ProcessedRoll;
import emu.devices.sim.film.Scanner;
import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.PatchSet;
import emu.devices.sim.spectral.Spectrum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Fidelity on unseen data, scored the way an outside evaluator does: train through the CLI
 * ({@code station fit --pairs CSV --out M}, a child JVM), bake every light into a .cube exactly as
 * {@code station export} does, read the file back and apply it (tetrahedral) to pairs the fit never
 * saw. Held out at once: reflectances (every 5th AMPAS-190 patch plus random "natural-ish" spectra,
 * mixtures of 3 measured reflectances under a smooth random tilt; and, scored apart as "pub ..." lines, the 128
 * public CIE 224 CES / CIE 13.3 TCS / NIST CQS reflectances of {@link #PUBLIC_CSV}, rendered in their own pass with
 * their own noise stream on the same developed rolls, so that no other pair or figure changes), lights (fluorescent, LED and
 * Planckian not in training, D55 between the trained D50 and D65) and EVs a stop past each end of
 * the trained range (the brightest, +3, separately) and +0.5 in between. Pairs whose digital
 * reading clipped are never trained on and are scored as their own group ("clipped"). The summary
 * adds the selected model's leave-one-light-out mean from its fit report and the fit's wall
 * time, CPU time and peak RSS (GNU time). Diagnostic ("nominal ..." / "roll ..."): the cubes scored against the same
 * readings' film from the stock's nominal development, and each roll against it (every light is its
 * own roll here, as in an outside evaluator's data); {@code train-nominal.csv} holds the training
 * pairs' nominal twins for training-side tools.
 *
 * <p>Stocks: the simulator's own (e.g. portrait-160, cine-250d) and {@code NAME~} = NAME with its
 * parameters moved away from the simulator's defaults (sensitivities shifted 10 nm, contrast,
 * toe, shoulder, interimage and print contrast changed), so that what we tune does not only fit
 * our own simulator. The training CSV carries an extra column and one light under a name with no
 * known chromaticity ({@code studio-lamp}, rendered as LED-B4), as an outside CSV may.
 *
 * <p>Usage: {@code bench/fidelity/run.sh WORK [scenario] [stocks] [candidates]}
 * with scenario {@code full} (5 training lights), {@code one-light} (D65 only), {@code dense} (the
 * outside evaluator's exposures and training CSV, clipped readings included, {@link Dense}) or
 * {@code dense-unclipped} (the same without clipped readings in training), stocks a comma list, candidates
 * {@code default} or a comma list of candidate specs (passed to --candidates). FID_CAMERA=moved renders every
 * pair (training and held out) with {@link DigitalCameraModel#moved()} instead of the D5100.
 */
public class Fidelity {

    static final List<String> TRAIN_LIGHTS = List.of("D65", "D50", "A", "FL2", "LED-B3", "studio-lamp");
    static final List<String> UNSEEN_LIGHTS = List.of("D55", "4000K", "2700K", "FL11", "FL4", "FL7", "LED-B5",
            "LED-B1", "LED-V1", "LED-BH1");
    /**
     * FID_TRAIN_LIGHTS=D50,D65,A,FL2,FL11,LED-B3 (the outside evaluator's six) overrides the training lights of
     * {@code full} and {@code dense}; the unseen lights are then {@link #UNSEEN_LIGHTS} and LED-V2 (the evaluator's
     * unseen LED) less the trained ones. Every roll is drawn in that order, so figures compare only within it.
     */
    static final List<String> TRAIN_OVERRIDE = System.getenv().containsKey("FID_TRAIN_LIGHTS")
            ? List.of(System.getenv("FID_TRAIN_LIGHTS").split(",")) : null;
    static final List<Double> TRAIN_EVS = List.of(-2.0, -1.0, 0.0, 1.0, 2.0);
    static final List<Double> HELD_EVS = List.of(-3.0, 0.5, 3.0);
    static final List<String> ENCODINGS = List.of("acescct", "linear");
    /** Lattice points per axis of the baked cubes; FID_SIZE overrides (65: the outside evaluator's size). */
    static final int SIZE = Integer.parseInt(System.getenv().getOrDefault("FID_SIZE", "33"));
    static final int RANDOM_PATCHES = 80;
    /**
     * The public reflectances held out as a third source (bench/fidelity/data/README.md: CIE 224 CES, CIE 13.3 TCS,
     * NIST CQS; never trained on), relative to the checkout, and the seed of their own noise stream.
     */
    static final String PUBLIC_CSV = "bench/fidelity/data/public_reflectances.csv";
    static final long PUBLIC_SEED = 2411;
    /** The summary prefixes of the public lines: all 128, the CES, the TCS + CQS ("tv"). */
    static final List<String> PUBLIC_GROUPS = List.of("pub ", "pub ces ", "pub tv ");
    /**
     * The camera every pair is rendered with: FID_CAMERA names one of {@link DigitalCameraModel#names()}
     * ({@code moved}: an invented CMOS sensor unlike the D5100); default {@code nikon-d5100}, the simulator's.
     */
    static final String CAMERA_NAME = System.getenv().getOrDefault("FID_CAMERA", "nikon-d5100");
    static final DigitalCameraModel CAMERA = DigitalCameraModel.named(CAMERA_NAME);
    /** bin/station's JVM options for {@code fit}. */
    static final String FIT_OPTS = "-Xmx512m -Dorg.bytedeco.javacpp.maxbytes=512m -Dorg.bytedeco.javacpp.maxphysicalbytes=0";

    record Patch(String id, Spectrum reflectance, boolean heldOut) {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/emu-fidelity");
        String scenario = args.length > 1 ? args[1] : "full";
        List<String> stocks = List.of((args.length > 2 ? args[2] : "portrait-160,cine-250d,consumer-200~").split(","));
        String candidates = args.length > 3 ? args[3] : "default";
        List<String> trainLights = scenario.equals("one-light") ? List.of("D65")
                : TRAIN_OVERRIDE != null ? TRAIN_OVERRIDE : TRAIN_LIGHTS;
        boolean dense = scenario.startsWith("dense");
        // dense: the evaluator's training CSV held every reading (6 lights x 13 EVs x 214 = 16,692 pairs),
        // clipped ones included; dense-unclipped drops them from training as full does
        boolean trainClipped = scenario.equals("dense");
        List<Double> trainEvs = dense ? Dense.TRAIN_EVS : TRAIN_EVS;
        List<Double> evs = new ArrayList<>(trainEvs);
        evs.addAll(dense ? Dense.HELD_EVS : HELD_EVS);
        Files.createDirectories(work);
        System.out.printf(Locale.ROOT, "== fidelity: scenario %s, stocks %s, candidates %s, LUT %d^3 %s, camera %s%n",
                scenario, stocks, candidates, SIZE, ENCODINGS, CAMERA_NAME);
        Map<String, Map<String, Double>> summary = new LinkedHashMap<>();
        for (String name : stocks) {
            Path dir = work.resolve(scenario + "-" + name.replace('~', 'p'));
            Files.createDirectories(dir);
            FilmStock stock = stock(name);
            List<Patch> patches = patches(11);
            long t0 = System.nanoTime();
            Development[] rolls = new Development[trainLights.size() + unseenLights(trainLights).size()];
            List<Pair> all = render(stock, patches, trainLights, evs, 1, false, rolls);
            System.out.printf(Locale.ROOT, "%s: rendered %d pairs in %.1f s%n", name, all.size(), (System.nanoTime() - t0) / 1e9);
            Map<String, Boolean> held = new LinkedHashMap<>();
            patches.forEach(p -> held.put(p.id(), p.heldOut()));
            List<Pair> train = all.stream().filter(p -> !held.get(p.patch()) && trainLights.contains(p.illuminant())
                    && trainEvs.contains(p.ev()) && (trainClipped || !clipped(p))).map(Dense::unmarked).toList();
            Path csv = dir.resolve("train.csv");
            writeCsv(csv, train);
            Path model = dir.resolve("model");
            if (!Files.exists(model.resolve("model.json"))) {
                fit(csv, model, candidates, dir.resolve("fit.log"));
            }
            ModelDirectory md = ModelDirectory.load(model);
            System.out.printf(Locale.ROOT, "%s: model %s (fit log %s)%n", name, md.metadata().spec(), dir.resolve("fit.log"));
            List<Pair> test = all.stream().filter(p -> held.get(p.patch())).toList();
            writeCsv(dir.resolve("heldout.csv"), test); // for peers scored on the same pairs (bench/ArgyllBench.java)
            Map<String, Double> sc = score(md.model(), test, trainLights, trainEvs, dir);
            sc.putAll(selectionFigures(model, dir));
            // The same held-out pairs with every light's film from the stock's NOMINAL development
            // (same digital readings and grain): how much of each protocol is the roll's own deviation.
            List<Pair> allNominal = render(stock, patches, trainLights, evs, 1, true);
            List<Pair> nominal = allNominal.stream().filter(p -> held.get(p.patch())).toList();
            // The training pairs' nominal-roll twins, for training-side tools (bench/fidelity/SharedServing.java).
            writeCsv(dir.resolve("train-nominal.csv"), allNominal.stream().filter(p -> !held.get(p.patch())
                    && trainLights.contains(p.illuminant()) && trainEvs.contains(p.ev()) && !clipped(p)).toList());
            sc.putAll(nominalScores(dir, test, nominal, trainLights));
            if (dense) {
                Dense.diagnose(md.model(), stock, patches, train, test, trainLights, dir, "dense-diagnosis.tsv");
            }
            // The public reflectances (PUBLIC_CSV), a third held-out source: their own pass and noise stream on the
            // same developed rolls, so that not one pair above changes; scored through the cubes written above.
            List<Patch> pub = publicPatches();
            List<Pair> pubTest = render(stock, pub, trainLights, evs, PUBLIC_SEED, false, rolls);
            writeCsv(dir.resolve("heldout-public.csv"), pubTest);
            sc.putAll(scorePublic(dir, pubTest, trainLights, trainEvs));
            if (dense) {
                Dense.diagnose(md.model(), stock, pub, List.of(), pubTest, trainLights, dir, "dense-diagnosis-public.tsv");
            }
            summary.put(name, sc);
        }
        System.out.println();
        System.out.println("== summary: mean CIEDE2000 of the exported acescct LUT on held-out reflectances");
        List<String> cols = dense ? Dense.COLUMNS : List.of("patches", "light D55", "lights", "LOIO", "ev -3.0", "ev 0.5",
                "at ev 2.0", "ev 3.0", "clipped", "all");
        System.out.printf(Locale.ROOT, "%-16s", "stock");
        cols.forEach(c -> System.out.printf(Locale.ROOT, " %9s", c.replace("light ", "")));
        System.out.printf(Locale.ROOT, " %9s %9s %9s%n", "fit s", "fit cpu s", "fit MB");
        summary.forEach((k, v) -> {
            System.out.printf(Locale.ROOT, "%-16s", k);
            cols.forEach(c -> System.out.printf(Locale.ROOT, " %9.2f", v.getOrDefault(c, Double.NaN)));
            System.out.printf(Locale.ROOT, " %9.0f %9.0f %9.0f%n", v.getOrDefault("fit s", Double.NaN),
                    v.getOrDefault("fit cpu s", Double.NaN), v.getOrDefault("fit MB", Double.NaN));
        });
        System.out.println(dense ? Dense.LEGEND : "(LOIO: the selected model's leave-one-light-out mean from its fit report, model not LUT;"
                + " at ev 2.0: trained lights at the brightest trained EV; ev 3.0: one stop past it;"
                + " clipped: held-out reflectances whose digital reading clipped, trained lights, any EV)");
        if (dense) {
            Dense.printByEv(summary, "");
        }
        System.out.println();
        System.out.println("== public reflectances (" + PUBLIC_CSV + ", held out only; same protocols, acescct cube):"
                + " pub = all 128, pub ces = CIE 224 CES (99), pub tv = CIE 13.3 TCS + NIST CQS (29)");
        System.out.printf(Locale.ROOT, "%-24s", "stock");
        cols.stream().filter(c -> !c.equals("LOIO")).forEach(c -> System.out.printf(Locale.ROOT, " %9s", c.replace("light ", "")));
        System.out.println();
        summary.forEach((k, v) -> PUBLIC_GROUPS.forEach(g -> {
            System.out.printf(Locale.ROOT, "%-24s", k + " " + g.trim());
            cols.stream().filter(c -> !c.equals("LOIO"))
                    .forEach(c -> System.out.printf(Locale.ROOT, " %9.2f", v.getOrDefault(g + c, Double.NaN)));
            System.out.println();
        }));
        if (dense) {
            PUBLIC_GROUPS.forEach(g -> Dense.printByEv(summary, g));
        }
        Summary.write(work.resolve("summary.tsv"), summary);
        String base = System.getenv("FID_BASELINE");
        if (base != null && !base.isBlank() && Files.isRegularFile(Path.of(base))) { // FID_BASELINE= (empty): none
            Summary.verdicts(Summary.read(Path.of(base)), summary);
        }
    }

    /** A simulator stock, or {@code NAME~}: NAME with its parameters perturbed. */
    static FilmStock stock(String name) {
        if (!name.endsWith("~")) {
            return FilmStocks.get(name);
        }
        FilmStock s = FilmStocks.get(name.substring(0, name.length() - 1));
        Spectrum[] sens = s.sensitivity();
        int[] shift = {2, 0, -2}; // samples of 5 nm: red layer +10 nm, blue layer -10 nm
        for (int i = 0; i < 3; i++) {
            Spectrum orig = sens[i];
            int k = shift[i];
            double[] v = new double[Spectrum.SIZE];
            for (int j = 0; j < v.length; j++) {
                v[j] = orig.at(Math.max(0, Math.min(Spectrum.SIZE - 1, j - k)));
            }
            sens[i] = Spectrum.of(v);
        }
        CharacteristicCurve[] curves = s.curves();
        for (int i = 0; i < 3; i++) {
            CharacteristicCurve c = curves[i];
            curves[i] = new CharacteristicCurve(c.foot() + 0.05 * (i - 1), c.gamma() * (1.08 + 0.03 * i), c.toe() * 1.3,
                    c.range(), c.shoulder() * 1.25);
        }
        double[][] inter = s.interlayer();
        double[][] il = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                il[i][j] = inter[i][j] * 1.4;
            }
        }
        return new FilmStock(name, "perturbed " + s.name(), s.balance(), sens, curves, il, s.dyes(), s.masks(), s.base(),
                s.fog(), s.variation(), s.granularity(), s.printContrast() * 1.1);
    }

    /** CC24 + AMPAS-190 (every 5th held out) + random natural-ish reflectances (all held out). */
    static List<Patch> patches(long seed) {
        List<Patch> out = new ArrayList<>();
        List<Spectrum> measured = new ArrayList<>();
        for (PatchSet.Patch p : PatchSet.colorChecker24().patches()) {
            out.add(new Patch(p.id(), p.reflectance(), false));
            measured.add(p.reflectance());
        }
        List<PatchSet.Patch> p190 = PatchSet.ampas190().patches();
        for (int i = 0; i < p190.size(); i++) {
            out.add(new Patch(p190.get(i).id(), p190.get(i).reflectance(), i % 5 == 4));
            measured.add(p190.get(i).reflectance());
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int r = 0; r < RANDOM_PATCHES; r++) {
            double[] w = new double[3];
            double tw = 0;
            Spectrum mix = Spectrum.constant(0);
            Spectrum[] parts = new Spectrum[3];
            for (int k = 0; k < 3; k++) {
                w[k] = -Math.log(1 - rng.nextDouble());
                tw += w[k];
                parts[k] = measured.get(rng.nextInt(measured.size()));
            }
            for (int k = 0; k < 3; k++) {
                mix = mix.plus(parts[k].scale(w[k] / tw));
            }
            double a = 0.6 * (rng.nextDouble() - 0.5);
            double b = 0.6 * (rng.nextDouble() - 0.5);
            double gain = 0.6 + 0.8 * rng.nextDouble();
            Spectrum tilt = Spectrum.sample(nm -> {
                double t = (nm - 580) / 200.0;
                return gain * Math.exp(a * t + b * t * t);
            });
            out.add(new Patch(String.format(Locale.ROOT, "rnd-%03d", r + 1),
                    mix.times(tilt).map(v -> Math.max(0.003, Math.min(1, v))), true));
        }
        return out;
    }

    /** {@link #render(FilmStock, List, List, List, long, boolean)} at the {@code full} scenario's EVs, the rolls' own film. */
    static List<Pair> render(FilmStock stock, List<Patch> patches, List<String> trainLights, long seed) {
        List<Double> evs = new ArrayList<>(TRAIN_EVS);
        evs.addAll(HELD_EVS);
        return render(stock, patches, trainLights, evs, seed, false);
    }

    /**
     * Every patch under every light and EV: one developed roll per light (with {@code nominal}, every
     * light's film from the stock's nominal development instead, all else and every random draw the
     * same). Clipped digital readings marked (frame "clip...").
     */
    static List<Pair> render(FilmStock stock, List<Patch> patches, List<String> trainLights, List<Double> evs, long seed,
                             boolean nominal) {
        return render(stock, patches, trainLights, evs, seed, nominal, null);
    }

    /**
     * {@link #render(FilmStock, List, List, List, long, boolean)} on given rolls: {@code rolls} (one slot per light, or
     * null) receives each light's drawn development where its slot is empty and overrides it where the slot is filled,
     * so that a later pass with its own seed (the public reflectances) lies on the same developed rolls as an earlier
     * one. The draws themselves are unchanged, so an empty array renders exactly what null does.
     */
    static List<Pair> render(FilmStock stock, List<Patch> patches, List<String> trainLights, List<Double> evs, long seed,
                             boolean nominal, Development[] rolls) {
        DigitalCameraModel camera = CAMERA;
        List<String> lights = new ArrayList<>(trainLights);
        lights.addAll(unseenLights(trainLights));
        SplittableRandom rng = new SplittableRandom(seed);
        List<Pair> out = new ArrayList<>();
        int roll = 0;
        for (String name : lights) {
            Illuminant light = Illuminants.get(name.equals("studio-lamp") ? "LED-B4" : name);
            Development dev = Development.sample(rng.split(), stock.variation());
            if (rolls != null) {
                dev = rolls[roll] != null ? rolls[roll] : (rolls[roll] = dev);
            }
            ProcessedRoll r = new ProcessedRoll(stock, nominal ? Development.NOMINAL : dev, Scanner.labScanner());
            roll++;
            int frame = 0;
            for (double ev : evs) {
                frame++;
                for (Patch p : patches) {
                    double[] raw = camera.raw(p.reflectance(), light, ev);
                    if (camera.clips(raw)) {
                        // Kept for the "clipped" score only (frame "clip..."), drawn from their own
                        // random stream so that every other pair is the same as before they were kept.
                        SplittableRandom c = new SplittableRandom(31L * roll + 1009L * frame + p.id().hashCode());
                        double[] d = camera.toRec709(camera.expose(raw, c, 400));
                        double[] f = r.scanPatch(p.reflectance(), light, ev, c, 400);
                        out.add(new Pair("clip" + frame, "R" + roll, name, ev, p.id(), d[0], d[1], d[2], f[0], f[1], f[2]));
                        continue;
                    }
                    double[] d = camera.toRec709(camera.expose(raw, rng, 400));
                    double[] f = r.scanPatch(p.reflectance(), light, ev, rng, 400);
                    out.add(new Pair(String.valueOf(frame), "R" + roll, name, ev, p.id(), d[0], d[1], d[2], f[0], f[1], f[2]));
                }
            }
        }
        return out;
    }

    /** The pairs CSV with two extra columns (the contract says extra columns are ignored). */
    static void writeCsv(Path file, List<Pair> pairs) throws IOException {
        StringBuilder sb = new StringBuilder("frame,roll,scanner,illuminant,ev,patch,digital_r,digital_g,digital_b,"
                + "film_r,film_g,film_b,note\n");
        for (Pair p : pairs) {
            sb.append(String.format(Locale.ROOT, "%s,%s,noritsu,%s,%s,%s,%.7g,%.7g,%.7g,%.7g,%.7g,%.7g,bench%n",
                    p.frame(), p.roll(), p.illuminant(), p.ev(), p.patch(), p.digitalR(), p.digitalG(), p.digitalB(),
                    p.filmR(), p.filmG(), p.filmB()));
        }
        Files.writeString(file, sb);
    }

    static boolean clipped(Pair p) {
        return p.frame().startsWith("clip");
    }

    /**
     * The selected model's leave-one-light-out mean (its fit report) and the fit's wall time,
     * CPU time and peak RSS ({@code fit.time}, GNU time -v), when recorded.
     */
    static Map<String, Double> selectionFigures(Path model, Path dir) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        Path report = model.resolve("report.json");
        if (Files.exists(report)) {
            var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile());
            String winner = root.path("winner").asText();
            for (var c : root.path("candidates")) {
                if (c.path("spec").asText().equals(winner)) {
                    var l = c.path("leaveOneIlluminantOut").path("overall").path("mean");
                    if (l.isNumber()) {
                        out.put("LOIO", l.asDouble());
                    }
                }
            }
        }
        Path time = dir.resolve("fit.time");
        if (Files.exists(time)) {
            for (String line : Files.readAllLines(time)) {
                String t = line.trim();
                if (t.startsWith("Elapsed (wall clock)")) {
                    String[] hms = t.substring(t.lastIndexOf(' ') + 1).split(":");
                    double sec = 0;
                    for (String part : hms) {
                        sec = sec * 60 + Double.parseDouble(part);
                    }
                    out.put("fit s", sec);
                } else if (t.startsWith("User time")) {
                    out.merge("fit cpu s", Double.parseDouble(t.substring(t.lastIndexOf(' ') + 1)), Double::sum);
                } else if (t.startsWith("System time")) {
                    out.merge("fit cpu s", Double.parseDouble(t.substring(t.lastIndexOf(' ') + 1)), Double::sum);
                } else if (t.startsWith("Maximum resident set size")) {
                    out.put("fit MB", Double.parseDouble(t.substring(t.lastIndexOf(' ') + 1)) / 1024);
                }
            }
        }
        return out;
    }

    /** {@code station fit} in a child JVM with this classpath, as the evaluator runs it (under GNU time when present). */
    static void fit(Path csv, Path model, String candidates, Path log) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/time"))) {
            cmd.addAll(List.of("/usr/bin/time", "-v", "-o", log.resolveSibling("fit.time").toString()));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The launcher's own options for `fit` (bin/station), so the figures are what `station fit` costs;
        // FID_FIT_OPTS overrides them (e.g. -Xmx2g, the harness's setting before issue 24's second round).
        String opts = System.getenv().getOrDefault("FID_FIT_OPTS", FIT_OPTS);
        cmd.addAll(List.of(opts.trim().split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "emu.station.cli.Main", "fit",
                "--pairs", csv.toString(), "--out", model.toString(), "--seed", "1"));
        if (!candidates.equals("default")) {
            cmd.add("--candidates");
            cmd.add(candidates);
        }
        // FID_FIT_ARGS: more `station fit` options, e.g. "--highlights rebuild"
        String extra = System.getenv().getOrDefault("FID_FIT_ARGS", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        long t0 = System.nanoTime();
        int rc = pb.start().waitFor();
        System.out.printf(Locale.ROOT, "  station fit: exit %d in %.1f s%n", rc, (System.nanoTime() - t0) / 1e9);
        if (rc != 0) {
            throw new IllegalStateException("station fit failed (exit " + rc + "), see " + log);
        }
    }

    /** Bakes, writes, reads back and applies each light's LUT; prints breakdowns; returns the acescct summary. */
    /** The lights rendered beside {@code trainLights} and scored as unseen ({@link #TRAIN_OVERRIDE}). */
    static List<String> unseenLights(List<String> trainLights) {
        if (TRAIN_OVERRIDE == null || !trainLights.equals(TRAIN_OVERRIDE)) {
            return UNSEEN_LIGHTS;
        }
        List<String> unseen = new ArrayList<>(UNSEEN_LIGHTS);
        unseen.add("LED-V2");
        unseen.removeAll(trainLights);
        return unseen;
    }

    static Map<String, Double> score(ColourModel model, List<Pair> test, List<String> trainLights, List<Double> trainEvs,
            Path dir) throws IOException {
        Map<String, Double> summary = new LinkedHashMap<>();
        Map<String, List<Pair>> byLight = new LinkedHashMap<>();
        test.forEach(p -> byLight.computeIfAbsent(p.illuminant(), k -> new ArrayList<>()).add(p));
        for (String encName : ENCODINGS) {
            InputEncoding enc = InputEncoding.get(encName);
            Map<String, List<Double>> groups = new TreeMap<>();
            List<Double> modelDe = new ArrayList<>();
            for (Map.Entry<String, List<Pair>> e : byLight.entrySet()) {
                String light = e.getKey();
                PairSet ps = new PairSet(e.getValue());
                ShapedLut lut;
                try {
                    LutBaker.Baked baked = LutBaker.bake(model, light, enc, SIZE);
                    Path file = dir.resolve(light + "-" + encName + ".cube");
                    CubeFile.write(baked.lut(), new LutProvenance("bench", "fidelity", "bench", light, encName,
                            "srgb", Double.NaN), file);
                    lut = CubeFile.read(file).lut();
                } catch (IllegalArgumentException ex) {
                    System.out.printf(Locale.ROOT, "  %s: %s refused: %s%n", encName, light, ex.getMessage());
                    continue;
                }
                double[] de = Evaluation.deltaE(ps, applyCube(lut, enc, ps));
                double[] direct = encName.equals(ENCODINGS.get(0))
                        ? Evaluation.deltaE(ps, Evaluation.predict(model, ps)) : new double[0];
                boolean seen = trainLights.contains(light);
                for (int i = 0; i < de.length; i++) {
                    if (group(groups, "", ps.get(i), de[i], seen, trainEvs) && direct.length > 0) {
                        modelDe.add(direct[i]);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "  LUT %s %d^3 (tetrahedral), held-out reflectances:%n", encName, SIZE);
            for (Map.Entry<String, List<Double>> g : groups.entrySet()) {
                double[] v = g.getValue().stream().mapToDouble(Double::doubleValue).toArray();
                Arrays.sort(v);
                double mean = Arrays.stream(v).average().orElse(Double.NaN);
                System.out.printf(Locale.ROOT, "    %-14s n=%5d  mean %5.2f  p95 %5.2f  max %6.2f%n", g.getKey(), v.length,
                        mean, v[(int) Math.min(v.length - 1, Math.floor(0.95 * v.length))], v[v.length - 1]);
                if (encName.equals(ENCODINGS.get(0))) {
                    summary.put(g.getKey(), mean);
                }
            }
            if (!modelDe.isEmpty()) {
                System.out.printf(Locale.ROOT, "    model itself (no LUT), all: mean %5.2f%n",
                        modelDe.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
            }
        }
        servingMatrix(model, byLight, trainLights, trainEvs);
        return summary;
    }

    /**
     * Adds one held-out reading's dE to its protocols' groups (keys prefixed {@code prefix}): trained lights at trained
     * EVs ("patches", "at ev X"), unseen lights ("lights", "light L"), trained lights at held-out EVs ("ev X",
     * "bright in range"), clipped readings of trained lights ("clipped", not in "all"). False for a clipped reading.
     */
    static boolean group(Map<String, List<Double>> groups, String prefix, Pair p, double de, boolean seen,
            List<Double> trainEvs) {
        boolean evTrained = trainEvs.contains(p.ev());
        if (clipped(p)) {
            if (seen) {
                add(groups, prefix + "clipped", de);
            }
            return false;
        }
        if (seen && evTrained) {
            add(groups, prefix + "patches", de);
            add(groups, prefix + "at ev " + p.ev(), de);
        }
        if (!seen && evTrained) {
            add(groups, prefix + "lights", de);
            add(groups, prefix + "light " + p.illuminant(), de);
        }
        if (seen && !evTrained) {
            add(groups, prefix + "ev " + p.ev(), de);
            if (p.ev() > 2 && p.ev() < trainEvs.get(trainEvs.size() - 1)) {
                add(groups, prefix + "bright in range", de); // only the dense scenario holds out such EVs
            }
        }
        add(groups, prefix + "all", de);
        return true;
    }

    /** The public reflectances (PUBLIC_CSV, 380-780 nm by 5 nm, one column per sample), all held out. */
    static List<Patch> publicPatches() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(PUBLIC_CSV));
        String[] ids = lines.get(0).split(",");
        double[][] v = new double[ids.length - 1][Spectrum.SIZE];
        if (lines.size() - 1 != Spectrum.SIZE) {
            throw new IllegalStateException(PUBLIC_CSV + ": " + (lines.size() - 1) + " wavelengths, want " + Spectrum.SIZE);
        }
        for (int row = 0; row < Spectrum.SIZE; row++) {
            String[] f = lines.get(row + 1).split(",");
            if (Integer.parseInt(f[0]) != 380 + 5 * row || f.length != ids.length) {
                throw new IllegalStateException(PUBLIC_CSV + ": row " + (row + 1) + " is not " + (380 + 5 * row) + " nm");
            }
            for (int c = 1; c < ids.length; c++) {
                v[c - 1][row] = Math.max(0, Double.parseDouble(f[c]));
            }
        }
        List<Patch> out = new ArrayList<>();
        for (int c = 1; c < ids.length; c++) {
            out.add(new Patch(ids[c], Spectrum.of(v[c - 1]), true));
        }
        return out;
    }

    /**
     * The public reflectances' held-out pairs scored through the acescct cubes {@link #score} wrote into {@code dir},
     * by the same protocols ({@link #group}), as "pub ..." and split into "pub ces ..." (CIE 224 CES) and
     * "pub tv ..." (CIE 13.3 TCS and NIST CQS).
     */
    static Map<String, Double> scorePublic(Path dir, List<Pair> test, List<String> trainLights, List<Double> trainEvs)
            throws IOException {
        Map<String, List<Double>> groups = new TreeMap<>();
        InputEncoding enc = InputEncoding.get(ENCODINGS.get(0));
        for (String light : new java.util.LinkedHashSet<>(test.stream().map(Pair::illuminant).toList())) {
            Path file = dir.resolve(light + "-" + ENCODINGS.get(0) + ".cube");
            if (!Files.exists(file)) {
                continue; // refused by the baker (score printed why)
            }
            PairSet ps = new PairSet(test.stream().filter(p -> p.illuminant().equals(light)).toList());
            double[] de = Evaluation.deltaE(ps, applyCube(CubeFile.read(file).lut(), enc, ps));
            boolean seen = trainLights.contains(light);
            for (int i = 0; i < de.length; i++) {
                Pair p = ps.get(i);
                group(groups, PUBLIC_GROUPS.get(0), p, de[i], seen, trainEvs);
                group(groups, PUBLIC_GROUPS.get(p.patch().startsWith("ces") ? 1 : 2), p, de[i], seen, trainEvs);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "  public reflectances (held out only), LUT %s %d^3 (tetrahedral):%n",
                ENCODINGS.get(0), SIZE);
        groups.forEach((k, v) -> {
            double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double mean = Arrays.stream(a).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "    %-22s n=%5d  mean %5.2f  p95 %5.2f  max %6.2f%n", k, a.length, mean,
                    a[(int) Math.min(a.length - 1, Math.floor(0.95 * a.length))], a[a.length - 1]);
            out.put(k, mean);
        });
        return out;
    }

    /** The cube's film prediction for each pair's digital reading, encoded as {@code enc} (tetrahedral). */
    static double[] applyCube(ShapedLut lut, InputEncoding enc, PairSet ps) {
        double[] codes = enc.fromRec709Linear(ps.digital());
        float[] rgb = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
            rgb[i] = (float) codes[i];
        }
        lut.apply(rgb, 0, ps.size(), LutInterpolations.TETRAHEDRAL);
        double[] pred = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            pred[i] = rgb[i];
        }
        return pred;
    }

    /**
     * Diagnostic (issue 24, session 6): the exported acescct cubes (read back from {@code dir}) scored
     * against the nominal roll's film of the same held-out readings ("nominal ..."), and the roll's own
     * deviation, its film against the nominal film ("roll ..."), for the trained lights ("patches"), D55
     * and the unseen lights, trained EVs, unclipped readings.
     */
    static Map<String, Double> nominalScores(Path dir, List<Pair> test, List<Pair> nominal, List<String> trainLights)
            throws IOException {
        Map<String, List<Double>> groups = new TreeMap<>();
        InputEncoding enc = InputEncoding.get(ENCODINGS.get(0));
        for (String light : new java.util.LinkedHashSet<>(nominal.stream().map(Pair::illuminant).toList())) {
            Path file = dir.resolve(light + "-" + ENCODINGS.get(0) + ".cube");
            if (!Files.exists(file)) {
                continue;
            }
            List<Pair> nom = new ArrayList<>();
            List<Pair> own = new ArrayList<>();
            for (int i = 0; i < nominal.size(); i++) {
                Pair p = nominal.get(i);
                if (p.illuminant().equals(light) && TRAIN_EVS.contains(p.ev()) && !clipped(p)) {
                    if (!test.get(i).patch().equals(p.patch()) || test.get(i).digitalR() != p.digitalR()) {
                        throw new IllegalStateException("nominal render out of step with the held-out pairs at " + i);
                    }
                    nom.add(p);
                    own.add(test.get(i));
                }
            }
            PairSet ps = new PairSet(nom);
            double[] de = Evaluation.deltaE(ps, applyCube(CubeFile.read(file).lut(), enc, ps));
            double[] roll = Evaluation.deltaE(ps, new PairSet(own).film());
            String g = trainLights.contains(light) ? "patches" : "lights";
            for (int i = 0; i < de.length; i++) {
                add(groups, "nominal " + g, de[i]);
                add(groups, "roll " + g, roll[i]);
                if (light.equals("D55")) {
                    add(groups, "nominal D55", de[i]);
                    add(groups, "roll D55", roll[i]);
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        System.out.println("  against the nominal roll (acescct cube; roll = the light's own roll's film against the nominal film):");
        groups.forEach((k, v) -> {
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "    %-16s n=%5d  mean %5.2f%n", k, v.size(), mean);
            out.put(k, mean);
        });
        return out;
    }

    /**
     * Diagnostic: each unseen light's held-out pairs (trained EVs) predicted by the model as if
     * they had been shot under each trained light; shows which trained light would serve it best.
     */
    static void servingMatrix(ColourModel model, Map<String, List<Pair>> byLight, List<String> trainLights,
            List<Double> trainEvs) {
        if (trainLights.size() < 2) {
            return;
        }
        System.out.printf(Locale.ROOT, "  serving matrix (model, mean dE00 of an unseen light served by one trained light):%n  %-9s",
                "");
        trainLights.forEach(t -> System.out.printf(Locale.ROOT, " %11s", t));
        System.out.println();
        for (Map.Entry<String, List<Pair>> e : byLight.entrySet()) {
            if (trainLights.contains(e.getKey())) {
                continue;
            }
            PairSet ps = new PairSet(e.getValue().stream().filter(p -> trainEvs.contains(p.ev()) && !clipped(p)).toList());
            System.out.printf(Locale.ROOT, "  %-9s", e.getKey());
            for (String t : trainLights) {
                PairSet as = new PairSet(ps.asList().stream().map(p -> new Pair(p.frame(), p.roll(), t, p.ev(), p.patch(),
                        p.digitalR(), p.digitalG(), p.digitalB(), p.filmR(), p.filmG(), p.filmB())).toList());
                double[] de = Evaluation.deltaE(as, Evaluation.predict(model, as));
                System.out.printf(Locale.ROOT, " %11.2f", Arrays.stream(de).average().orElse(Double.NaN));
            }
            System.out.println();
        }
    }

    static void add(Map<String, List<Double>> groups, String key, double v) {
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
    }
}
