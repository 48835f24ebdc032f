package emu.station.cli;

import emu.calibration.io.Hashes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.fit.ModelDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** station fit / evaluate end to end on a small synthetic pairs CSV. */
class FitCommandTest {


    /** A film-like response: a light-tinted matrix, then an S-curve per channel, sRGB-coded. */
    static String pairs(int patches, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        StringBuilder b = new StringBuilder("frame,roll,illuminant,ev,patch,digital_r,digital_g,digital_b,film_r,film_g,film_b\n");
        for (String light : new String[] {"D65", "A"}) {
            double warm = light.equals("A") ? 1 : 0;
            for (int ev = -1; ev <= 1; ev++) {
                rnd = new java.util.SplittableRandom(seed);
                for (int p = 0; p < patches; p++) {
                    double[] d = new double[3];
                    for (int c = 0; c < 3; c++) {
                        d[c] = (0.03 + 0.8 * rnd.nextDouble()) * Math.pow(2, ev) * (c == 0 ? 1 + 0.4 * warm : c == 2 ? 1 - 0.4 * warm : 1);
                    }
                    double[] f = new double[3];
                    for (int c = 0; c < 3; c++) {
                        double e = 0.9 * d[c] + 0.05 * d[(c + 1) % 3] + 0.05 * (1 + 0.5 * warm) * d[(c + 2) % 3];
                        f[c] = Math.pow(0.05 + 0.9 / (1 + Math.exp(-0.8 * Math.log(e / 0.18) / Math.log(2))), 1 / 2.2);
                    }
                    b.append(String.format(Locale.ROOT, "f%d,r1,%s,%d,P%02d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f%n", ev + 2, light,
                            ev, p, d[0], d[1], d[2], f[0], f[1], f[2]));
                }
            }
        }
        return b.toString();
    }

    @Test
    void highlightsAreRebuiltByDefaultOnlyWhenThePairsShowClipping(@TempDir Path dir) throws Exception {
        // The camera "clipped" every reading with a channel above 1.2: those pairs are missing from the top
        // of their EV series, as a station drops them. 64 patches: at least 12 readings past each of two channels'
        // clips first, so the pairs bracket them (issue 24 session 10; 24 patches bracket red alone)
        StringBuilder clipped = new StringBuilder();
        for (String line : pairs(64, 1).split("\n")) {
            String[] f = line.split(",");
            boolean over = !line.startsWith("frame") && (Double.parseDouble(f[5]) > 1.2 || Double.parseDouble(f[6]) > 1.2
                    || Double.parseDouble(f[7]) > 1.2);
            if (!over) {
                clipped.append(line).append('\n');
            }
        }
        Path train = dir.resolve("clipped.csv");
        Files.writeString(train, clipped);
        // the default since issue 24 session 6
        CliRun fit = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("m").toString(), "--candidates",
                "root-polynomial:degree=1", "--folds", "3");
        assertEquals(0, fit.exit(), fit.err());
        assertTrue(fit.out().contains("highlights: camera clip estimated"), fit.out());
        assertTrue(Files.readString(dir.resolve("m").resolve("model.json")).contains("\"highlights\""));
        CliRun off = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("o").toString(), "--candidates",
                "root-polynomial:degree=1", "--folds", "3", "--highlights", "none");
        assertEquals(0, off.exit(), off.err());
        assertTrue(!off.out().contains("highlights:"), off.out());
        assertTrue(!Files.readString(dir.resolve("o").resolve("model.json")).contains("\"highlights\""));
        double[] probe = {0.18, 0.18, 0.18};
        assertEquals(3, ModelDirectory.load(dir.resolve("m")).model().predict(probe, "D65").length);

        Path full = dir.resolve("full.csv");
        Files.writeString(full, pairs(24, 1));
        CliRun none = CliRun.of("fit", "--pairs", full.toString(), "--out", dir.resolve("n").toString(), "--candidates",
                "root-polynomial:degree=1", "--folds", "3", "--highlights", "rebuild");
        assertEquals(0, none.exit(), none.err());
        assertTrue(none.out().contains("no patch is missing from the top of its exposure series and none leaves it, so the"
                + " pairs show no clipping"), none.out());
        assertTrue(!Files.readString(dir.resolve("n").resolve("model.json")).contains("\"highlights\""));

        CliRun bad = CliRun.of("fit", "--pairs", full.toString(), "--out", dir.resolve("b").toString(), "--highlights", "auto");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--highlights must be none or rebuild"), bad.err());
    }

    /**
     * Readings dropped as stuck film (the film, not the sensor, saturated) are no clip evidence: a file whose top
     * exposure's film is stuck in every patch places no camera clip (issue 24 session 10; before, each such patch
     * counted as missing from the top of its series and planes were placed from the film's saturation).
     */
    @Test
    void stuckFilmIsNoClipEvidence(@TempDir Path dir) throws Exception {
        StringBuilder stuck = new StringBuilder();
        for (String line : pairs(24, 1).split("\n")) {
            String[] f = line.split(",");
            if (!line.startsWith("frame") && f[3].equals("1")) {
                f[8] = "0.999500"; // red film at the top of its scale
                line = String.join(",", f);
            }
            stuck.append(line).append('\n');
        }
        Path train = dir.resolve("stuck.csv");
        Files.writeString(train, stuck);
        CliRun fit = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("m").toString(), "--candidates",
                "root-polynomial:degree=1", "--folds", "3", "--unseen", "blend");
        assertEquals(0, fit.exit(), fit.err());
        assertTrue(fit.out().contains("dropped 0 clipped digital, 48 stuck film"), fit.out());
        assertTrue(fit.out().contains("highlights: no camera clip placed: no patch is missing from the top of its exposure"
                + " series and none leaves it"), fit.out());
        assertTrue(!Files.readString(dir.resolve("m").resolve("model.json")).contains("\"highlights\""));
    }

    @Test
    void aDe2000LossAndStackLossFitAndBadValuesExitTwo(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        Files.writeString(train, pairs(24, 1));
        CliRun fit = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("m").toString(), "--candidates",
                "matrix:loss=de2000,root-polynomial:degree=1:loss=de2000", "--folds", "3", "--stack-loss", "de2000");
        assertEquals(0, fit.exit(), fit.err());
        assertTrue(fit.out().contains("[1/2] matrix:loss=de2000: 3-fold CV by patch"), fit.out());
        assertTrue(ModelDirectory.load(dir.resolve("m")).metadata().spec().contains("loss=de2000"));

        CliRun stack = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("b").toString(), "--stack-loss",
                "l1");
        assertEquals(2, stack.exit());
        assertTrue(stack.err().contains("--stack-loss must be squared or de2000"), stack.err());
        CliRun loss = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("c").toString(), "--candidates",
                "matrix:loss=l1", "--folds", "3");
        assertEquals(2, loss.exit(), loss.out());
        assertTrue(loss.err().contains("'matrix:loss=l1': loss must be squared or de2000"), loss.err());
        CliRun tps = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("d").toString(), "--candidates",
                "tps:loss=de2000");
        assertEquals(2, tps.exit(), tps.out());
    }

    @Test
    void aBadCandidateValueIsBadUsageNotEveryCandidateFailing(@TempDir Path dir) throws Exception {
        // Before the values were checked at parse these fitted every other candidate, then exited 1 ("every
        // candidate failed") or dropped the bad one; now they exit 2 before any fitting, naming spec and value.
        Path train = dir.resolve("train.csv");
        Files.writeString(train, pairs(24, 1));
        for (String[] bad : new String[][] {{"root-polynomial:degree=7", "root-polynomial degree must be 1..3, got 7"},
                {"grid:illuminant=per:size=2", "size must be 3..129, got 2"}, {"tps:centres=-3", "centres must be at"
                + " least 8, got -3"}, {"mlp:lr=0", "lr must be > 0, got 0"}}) {
            CliRun fit = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("m").toString(),
                    "--candidates", "matrix," + bad[0], "--folds", "3");
            assertEquals(2, fit.exit(), bad[0] + ": " + fit.out() + fit.err());
            assertTrue(fit.err().contains("'" + bad[0] + "': " + bad[1]), fit.err());
            assertFalse(fit.out().contains("CV by patch"), "no candidate fitted: " + fit.out());
            assertFalse(Files.exists(dir.resolve("m")));
        }
    }

    /**
     * The smoothing the selection chose once per light, as it prints it, goes back in through {@code --candidates}
     * (which splits at commas: the three values are separated by '/'), and a comma-separated one exits 2 naming it.
     */
    @Test
    void aChosenSmoothingCanBeGivenBackThroughTheCandidatesList(@TempDir Path dir) throws Exception {
        Path train = simPairs(dir);
        CliRun fit = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("m").toString(), "--candidates",
                "matrix,grid:illuminant=per:size=9", "--threads", "1", "--finalists", "1");
        assertEquals(0, fit.exit(), fit.err());
        String line = fit.out().lines().filter(l -> l.contains("chosen once per light")).findFirst()
                .orElseThrow(() -> new AssertionError(fit.out()));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("D65 (log-lambdas=[-0-9.]+/[-0-9.]+/[-0-9.]+)")
                .matcher(line);
        assertTrue(m.find(), line);
        CliRun given = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("g").toString(), "--candidates",
                "matrix,grid:illuminant=per:size=9:" + m.group(1), "--threads", "1", "--finalists", "1");
        assertEquals(0, given.exit(), given.err());
        assertTrue(given.out().contains("[2/2] grid:illuminant=per:size=9:" + m.group(1) + ": CV mean dE00"), given.out());
        assertFalse(given.out().contains("chosen once per light"), "a given smoothing is not chosen again: " + given.out());
        CliRun commas = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("c").toString(), "--candidates",
                "grid:illuminant=per:log-lambdas=0,-1,-1");
        assertEquals(2, commas.exit(), commas.out());
        assertTrue(commas.err().contains("log-lambdas must be 3 finite numbers separated by /, got 0"), commas.err());
    }

    /** The virtual bench's pairs for portrait-160 under D65 and A at EV -1, 0, +1 ({@code station sim pairs}). */
    private static Path simPairs(Path dir) {
        Path train = dir.resolve("train.csv");
        CliRun sim = CliRun.of("sim", "pairs", "--stock", "portrait-160", "--illuminants", "D65,A", "--evs", "-1,0,1",
                "--out", train.toString());
        assertEquals(0, sim.exit(), sim.err());
        return train;
    }

    /** One thread is one core: the spectral model of unseen lights is fitted after the selection, not beside it. */
    @Test
    void oneThreadFitsTheSpectralModelAfterTheSelection(@TempDir Path dir) throws Exception {
        Path train = simPairs(dir);
        for (String threads : new String[] {"1", "2"}) {
            CliRun fit = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("m" + threads).toString(),
                    "--candidates", "root-polynomial:degree=1:illuminant=per", "--threads", threads);
            assertEquals(0, fit.exit(), fit.err());
            String line = fit.out().lines().filter(l -> l.startsWith("unseen lights: spectral model of camera and film"))
                    .findFirst().orElseThrow(() -> new AssertionError(fit.out()));
            assertEquals(threads.equals("2"), line.contains("beside the selection"), threads + " thread(s): " + line);
        }
    }

    @Test
    void raceOffRunsEveryFoldOfTheMlpAndABadValueExitsTwo(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        Files.writeString(train, pairs(24, 1));
        String cands = "root-polynomial:degree=1,mlp";
        // on: the MLP (expensive) meets a checkpoint after 1 of 3 folds, whatever it decides there
        CliRun on = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("on").toString(), "--candidates",
                cands, "--folds", "3", "--finalists", "1");
        assertEquals(0, on.exit(), on.err());
        assertTrue(on.out().contains("[2/2] mlp: after 1 of 3 folds mean dE00 "), on.out());
        CliRun off = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("off").toString(), "--candidates",
                cands, "--folds", "3", "--finalists", "1", "--race", "off");
        assertEquals(0, off.exit(), off.err());
        assertFalse(off.out().contains(" of 3 folds"), off.out());
        assertTrue(off.out().contains("[2/2] mlp: CV mean dE00 "), off.out());
        CliRun bad = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("bad").toString(), "--race", "maybe");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--race must be on or off, got maybe"), bad.err());
    }

    @Test
    void clippedSeriesDropLeavesOutTheReadingsThatLeaveTheirExposureSeries(@TempDir Path dir) throws Exception {
        // Every reading kept, but each digital channel clipped at 1.2 (a camera's white level), as an
        // outside CSV holds them: the clipped ones change colour against the same patch at lower EVs.
        StringBuilder csv = new StringBuilder();
        int clipped = 0;
        for (String line : pairs(24, 1).split("\n")) {
            String[] f = line.split(",");
            if (!line.startsWith("frame")) {
                boolean over = false;
                for (int c = 5; c <= 7; c++) {
                    double v = Double.parseDouble(f[c]);
                    over |= v > 1.2;
                    f[c] = String.format(Locale.ROOT, "%.6f", Math.min(v, 1.2));
                }
                clipped += over ? 1 : 0;
            }
            csv.append(String.join(",", f)).append('\n');
        }
        Path train = dir.resolve("all.csv");
        Files.writeString(train, csv);
        CliRun drop = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("d").toString(), "--candidates",
                "root-polynomial:degree=1", "--folds", "3", "--clipped-series", "drop");
        assertEquals(0, drop.exit(), drop.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("dropped (\\d+) clipped digital").matcher(drop.out());
        assertTrue(m.find(), drop.out());
        int dropped = Integer.parseInt(m.group(1));
        assertTrue(clipped >= 10 && dropped <= clipped && dropped >= 0.8 * clipped, dropped + " of " + clipped + " clipped");

        CliRun keep = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("k").toString(), "--candidates",
                "root-polynomial:degree=1", "--folds", "3");
        assertEquals(0, keep.exit(), keep.err());
        assertTrue(keep.out().contains("dropped 0 clipped digital"), keep.out());

        CliRun bad = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("b").toString(), "--clipped-series", "auto");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--clipped-series must be keep, drop or gate"), bad.err());

        // gate: the drop fit away from the clip, the same candidate refitted on every reading at it
        CliRun gate = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("g").toString(), "--candidates",
                "root-polynomial:degree=1", "--folds", "3", "--clipped-series", "gate");
        assertEquals(0, gate.exit(), gate.err());
        assertTrue(gate.out().contains("dropped " + dropped + " clipped digital"), gate.out());
        assertTrue(gate.out().contains("clipped series: the selected model refitted on all"), gate.out());
        assertTrue(Files.readString(dir.resolve("g").resolve("model.json")).contains("\"clip-gate\""));
        var gated = ModelDirectory.load(dir.resolve("g")).model();
        var dropped0 = ModelDirectory.load(dir.resolve("d")).model();
        double[] dim = {0.1, 0.12, 0.08};
        org.junit.jupiter.api.Assertions.assertArrayEquals(dropped0.predict(dim, "D65"), gated.predict(dim, "D65"), 0,
                "clear of the clip: the drop fit's film");
        double[] atClip = {1.2, 1.2, 1.2};
        assertTrue(!java.util.Arrays.equals(dropped0.predict(atClip, "D65"), gated.predict(atClip, "D65")),
                "at the clip: the refit with the clipped readings");
        // exported like any model: the cube's nodes at and past the clip carry the refit's film
        for (String name : new String[] {"g", "d"}) {
            CliRun export = CliRun.of("export", "--model", dir.resolve(name).toString(), "--encoding", "acescct", "--size", "9",
                    "--illuminant", "D65", "--out", dir.resolve(name + ".cube").toString());
            assertEquals(0, export.exit(), export.err());
        }
        assertTrue(!Files.readString(dir.resolve("g.cube")).equals(Files.readString(dir.resolve("d.cube"))));
        CliRun rolls = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("r").toString(), "--clipped-series",
                "gate", "--roll-aware");
        assertEquals(2, rolls.exit(), rolls.out());
        assertTrue(rolls.err().contains("--clipped-series gate does not combine with --roll-aware"), rolls.err());
    }

    @Test
    void fitWritesAModelAndEvaluateScoresOtherPairs(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        Files.writeString(train, pairs(24, 1));
        Files.writeString(test, pairs(12, 2));
        Path model = dir.resolve("model");
        CliRun fit = CliRun.of("fit", "--pairs", train.toString(), "--out", model.toString(), "--candidates",
                "matrix,root-polynomial:degree=1", "--folds", "3", "--finalists", "2", "--seed", "7", "--stock", "s1");
        assertEquals(0, fit.exit(), fit.err());
        assertTrue(fit.out().contains("[1/2] matrix: 3-fold CV by patch"), fit.out());
        assertTrue(fit.out().contains("leave-one-illuminant-out"), fit.out());
        assertTrue(fit.out().contains("<- selected"), fit.out());
        assertTrue(Files.isRegularFile(model.resolve("report.json")) && Files.isRegularFile(model.resolve("report.txt")));
        ModelDirectory md = ModelDirectory.load(model);
        assertEquals("s1", md.metadata().stock());
        assertEquals(7, md.metadata().seed());
        assertEquals(Hashes.sha256Hex(Files.readAllBytes(train)), md.metadata().pairsSha256());
        assertEquals(java.util.List.of("A", "D65"), md.metadata().illuminantNames());

        CliRun eval = CliRun.of("evaluate", "--model", model.toString(), "--pairs", test.toString(), "--json",
                dir.resolve("eval.json").toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("light D65") && eval.out().contains("EV +1") && eval.out().contains("worst patches"),
                eval.out());
        assertTrue(Files.readString(dir.resolve("eval.json")).contains("\"perIlluminant\""));

        // Same seed, same model.
        Path again = dir.resolve("again");
        assertEquals(0, CliRun.of("fit", "--pairs", train.toString(), "--out", again.toString(), "--candidates",
                "matrix,root-polynomial:degree=1", "--folds", "3", "--finalists", "2", "--seed", "7").exit());
        double[] probe = {0.18, 0.18, 0.18, 0.6, 0.2, 0.05};
        assertEquals(java.util.Arrays.toString(md.model().predict(probe, "A")),
                java.util.Arrays.toString(ModelDirectory.load(again).model().predict(probe, "A")));

        // Never overwrites a model.
        CliRun over = CliRun.of("fit", "--pairs", train.toString(), "--out", model.toString(), "--candidates", "matrix");
        assertEquals(2, over.exit());
        assertTrue(over.err().contains("exists and is not empty"), over.err());
    }

    /** Issue 24, session 6: the opt-in shared part, end to end (fit, save, load, export of an untrained light). */
    @Test
    void aSharedPartServesAnUntrainedLightThroughFitAndExport(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        Files.writeString(train, pairs(24, 1));
        Path model = dir.resolve("model");
        CliRun fit = CliRun.of("fit", "--pairs", train.toString(), "--out", model.toString(), "--candidates",
                "root-polynomial:degree=1:illuminant=per:unseen-shared=root-polynomial/degree=1:unseen-shrink=0.5",
                "--folds", "3", "--finalists", "1");
        assertEquals(0, fit.exit(), fit.err());
        assertTrue(fit.out().contains("leave-one-illuminant-out"), fit.out());
        CliRun export = CliRun.of("export", "--model", model.toString(), "--encoding", "acescct", "--size", "9",
                "--illuminant", "4000K", "--out", dir.resolve("4000k.cube").toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(export.out().contains("4000K: not trained; served by the model shared across lights")
                && export.out().contains("0.5 x the deviations from it of"), export.out());
        assertTrue(Files.size(dir.resolve("4000k.cube")) > 0);

        CliRun bad = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("bad").toString(),
                "--candidates", "root-polynomial:degree=1:unseen-shrink=0.5");
        assertEquals(2, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.err().contains("unseen-shrink and unseen-shared need illuminant=per"), bad.err());
    }

    /**
     * Virtual-bench pairs (the devices simulator: the bench's camera, portrait-160 at nominal development, the lab
     * scanner) of the ColorChecker 24 and AMPAS 190 patches under {@code lights} at EV -1, 0, +1; clipped readings
     * left out as a station leaves them out.
     */
    static emu.calibration.pairs.PairSet bench(List<String> lights) {
        return bench(lights, false);
    }

    /** {@link #bench(List)}, with {@code clipped} the clipped readings kept too (as an outside CSV may). */
    static emu.calibration.pairs.PairSet bench(List<String> lights, boolean clipped) {
        var camera = emu.devices.sim.digital.DigitalCameraModel.nikonD5100();
        var roll = new emu.devices.sim.film.ProcessedRoll(emu.devices.sim.film.FilmStocks.get("portrait-160"),
                emu.devices.sim.film.Development.NOMINAL, emu.devices.sim.film.Scanner.labScanner());
        List<emu.devices.sim.spectral.PatchSet.Patch> patches = new java.util.ArrayList<>(
                emu.devices.sim.spectral.PatchSet.colorChecker24().patches());
        patches.addAll(emu.devices.sim.spectral.PatchSet.ampas190().patches());
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        List<emu.calibration.pairs.Pair> out = new java.util.ArrayList<>();
        for (String name : lights) {
            var light = emu.devices.sim.spectral.Illuminants.get(name);
            for (int ev = -1; ev <= (clipped ? 3 : 1); ev++) {
                for (var p : patches) {
                    double[] raw = camera.raw(p.reflectance(), light, ev);
                    if (camera.clips(raw) && !clipped) {
                        continue;
                    }
                    double[] d = camera.toRec709(camera.expose(raw, rng, 400));
                    double[] f = roll.scanPatch(p.reflectance(), light, ev, rng, 400);
                    out.add(new emu.calibration.pairs.Pair("f" + (ev + 2), "r-" + name, name, ev, p.id(), d[0], d[1], d[2],
                            f[0], f[1], f[2]));
                }
            }
        }
        return new emu.calibration.pairs.PairSet(out);
    }

    static String csv(emu.calibration.pairs.PairSet ps) {
        StringBuilder b = new StringBuilder("frame,roll,illuminant,ev,patch,digital_r,digital_g,digital_b,film_r,film_g,film_b\n");
        for (var p : ps) {
            b.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%.7g,%.7g,%.7g,%.7g,%.7g,%.7g%n", p.frame(), p.roll(),
                    p.illuminant(), p.ev(), p.patch(), p.digitalR(), p.digitalG(), p.digitalB(), p.filmR(), p.filmG(), p.filmB()));
        }
        return b.toString();
    }

    /** Issue 24, sessions 7-8: the spectral serving (the default since session 8) serves an untrained light closer to the truth than the blend. */
    @Test
    void unseenSpectralServesAnUntrainedLightFromItsSpd(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        Files.writeString(train, csv(bench(List.of("D65", "D50", "A", "FL2", "LED-B3"))));
        String[] common = {"fit", "--pairs", train.toString(), "--candidates", "root-polynomial:degree=3:illuminant=per", "--folds", "3",
                "--finalists", "0", "--highlights", "none"};
        CliRun spectral = CliRun.of(concat(common, "--out", dir.resolve("s").toString())); // the default
        assertEquals(0, spectral.exit(), spectral.err());
        assertTrue(spectral.out().contains("unseen lights: spectral model of camera and film fitted"), spectral.out());
        CliRun blend = CliRun.of(concat(common, "--out", dir.resolve("b").toString(), "--unseen", "blend"));
        assertEquals(0, blend.exit(), blend.err());
        assertTrue(!blend.out().contains("unseen lights:"), blend.out());
        var s = ModelDirectory.load(dir.resolve("s")).model();
        var b = ModelDirectory.load(dir.resolve("b")).model();
        assertTrue(Files.readString(dir.resolve("s").resolve("model.json")).contains("\"spectral-served\""));
        var truth = bench(List.of("LED-V1"));
        double served = java.util.Arrays.stream(emu.calibration.fit.Evaluation.deltaE(truth, s.predict(truth.digital(), "LED-V1")))
                .average().orElseThrow();
        double blended = java.util.Arrays.stream(emu.calibration.fit.Evaluation.deltaE(truth, b.predict(truth.digital(), "LED-V1")))
                .average().orElseThrow();
        assertTrue(served < blended, "LED-V1: served " + served + " vs blend " + blended);
        var d65 = bench(List.of("D65"));
        assertArrayEquals(b.predict(d65.digital(), "D65"), s.predict(d65.digital(), "D65"), "a trained light is unchanged");

        CliRun export = CliRun.of("export", "--model", dir.resolve("s").toString(), "--encoding", "acescct", "--size", "9",
                "--illuminant", "LED-V1", "--out", dir.resolve("v1.cube").toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(export.out().contains("LED-V1: not trained; served by the spectral model of camera and film from the"
                + " light's SPD + 0.5 x the blend's residual"), export.out());
    }

    /**
     * The spectral serving under the clip gate, end to end (the clip zone refitted from the selected model, not from the
     * wrapper: with a stack selected, SpectralServedModelTest.theClipGateRefitsTheSelectedStack).
     */
    @Test
    void unseenSpectralCombinesWithTheClipGate(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        Files.writeString(train, csv(bench(List.of("D65", "A", "LED-B3"), true)));
        CliRun fit = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("g").toString(), "--candidates",
                "root-polynomial:degree=3:illuminant=per,tps:illuminant=per", "--folds", "3", "--finalists", "2",
                "--clipped-series", "gate", "--unseen", "spectral");
        assertEquals(0, fit.exit(), fit.err() + fit.out());
        String json = Files.readString(dir.resolve("g").resolve("model.json"));
        assertTrue(json.contains("\"clip-gate\"") && json.contains("\"spectral-served\""), fit.out());
        var m = ModelDirectory.load(dir.resolve("g")).model();
        assertTrue(m.serving("LED-V1").contains("spectral model"), m.serving("LED-V1"));
        assertEquals(3, m.predict(new double[] {0.9, 0.9, 0.9}, "LED-V1").length);
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void unseenSpectralKeepsTheBlendWhenThePatchesAreUnknownAndBadModesExitTwo(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        Files.writeString(train, pairs(24, 1)); // patch ids P00..P23: no known reflectance
        CliRun fit = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("m").toString(), "--candidates",
                "root-polynomial:degree=1:illuminant=per", "--folds", "3", "--unseen", "spectral");
        assertEquals(0, fit.exit(), fit.err());
        assertTrue(fit.out().contains("unseen lights: no spectral model (spectral fit refused (UNKNOWN_PATCHES): 0 of the"
                + " pairs' 24 patch ids (e.g. 'P00')") && fit.out().contains("untrained lights keep the blend"), fit.out());
        assertTrue(!Files.readString(dir.resolve("m").resolve("model.json")).contains("spectral-served"));
        CliRun bad = CliRun.of("fit", "--pairs", train.toString(), "--out", dir.resolve("n").toString(), "--unseen", "nonsense");
        assertEquals(2, bad.exit(), bad.out());
        assertTrue(bad.err().contains("--unseen must be blend or spectral, got 'nonsense'"), bad.err());
    }

    @Test
    void malformedCsvExitsTwoNamingEveryLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "frame,roll,illuminant,ev,patch,digital_r,digital_g,digital_b,film_r,film_g,film_b\n"
                + "1,r,D65,0,A1,0.1,0.1,0.1,0.5,0.5,0.5\n"
                + "1,r,D65,0,A2,0.1,x,0.1,0.5,0.5,0.5\n"
                + "1,r,D65,0,A3,0.1,0.1,0.1,0.5,1.5,0.5\n");
        CliRun r = CliRun.of("fit", "--pairs", bad.toString(), "--out", dir.resolve("m").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("line 3: digital_g = 'x' is not a number"), r.err());
        assertTrue(r.err().contains("line 4: film_g = 1.5 is outside 0..1"), r.err());
        CliRun e = CliRun.of("evaluate", "--model", dir.resolve("nothing").toString(), "--pairs", bad.toString());
        assertEquals(2, e.exit());
        assertTrue(e.err().contains("no such directory"), e.err());
        CliRun c = CliRun.of("fit", "--pairs", bad.toString(), "--out", dir.resolve("m").toString(), "--candidates", "spline");
        assertEquals(2, c.exit());
        CliRun missing = CliRun.of("fit", "--pairs", dir.resolve("none.csv").toString(), "--out", dir.resolve("m").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }
}
