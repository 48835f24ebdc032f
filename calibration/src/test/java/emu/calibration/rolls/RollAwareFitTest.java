package emu.calibration.rolls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import emu.calibration.color.Srgb;
import emu.calibration.fit.ColourModel;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.ModelSelection;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roll-aware fitting on synthetic rolls whose deviations are known: a smooth "stock" (a compressive
 * tone curve with channel cross-talk, a little different under tungsten), five rolls rendered from it
 * with small deviations and one with a large one (a mis-processed roll), scan noise on top. The fit
 * must find each roll's deviation, flag the outlier alone, and give a nominal closer to the true
 * stock than a fit of the pooled rolls.
 */
class RollAwareFitTest {
    /** The true stock. */
    static final ColourModel STOCK = new ColourModel() {
        @Override
        public double[] predict(double[] d, String illuminant) {
            double[] out = new double[d.length];
            double warm = illuminant.equals("A") ? 0.03 : 0;
            for (int i = 0; i < d.length; i += 3) {
                for (int c = 0; c < 3; c++) {
                    double x = Math.max(0, 0.8 * d[i + c] + 0.1 * d[i + (c + 1) % 3] + 0.1 * d[i + (c + 2) % 3] + (c == 0 ? warm * d[i] : 0));
                    out[i + c] = Srgb.INSTANCE.encode(1.05 * x / (x + 0.2) * 0.18 / (1.05 * 0.18 / 0.38));
                }
            }
            return out;
        }

        @Override
        public List<String> illuminants() {
            return List.of("D65", "A");
        }
    };

    static final List<RollDeviation> TRUTH = List.of(
            new RollDeviation("R1", new double[] {0.01, -0.01, 0.00}, new double[] {1.02, 0.99, 1.01}, new double[] {0.005, 0, -0.005}),
            new RollDeviation("R2", new double[] {-0.01, 0.00, 0.01}, new double[] {0.98, 1.01, 1.00}, new double[] {-0.005, 0.005, 0}),
            new RollDeviation("R3", new double[] {0.00, 0.01, -0.01}, new double[] {1.00, 1.00, 0.98}, new double[] {0, -0.005, 0.005}),
            new RollDeviation("R4", new double[] {0.01, 0.00, 0.00}, new double[] {0.99, 0.99, 1.01}, new double[] {0, 0, 0}),
            new RollDeviation("R5", new double[] {0.10, 0.10, 0.10}, new double[] {1.15, 1.15, 1.15}, new double[] {0.03, 0.03, 0.03}));

    static PairSet rolls(List<RollDeviation> truth, long seed) {
        Random rnd = new Random(seed);
        double[][] patches = new double[40][];
        for (int p = 0; p < patches.length; p++) {
            patches[p] = new double[] {0.03 + 0.8 * rnd.nextDouble(), 0.03 + 0.8 * rnd.nextDouble(), 0.03 + 0.8 * rnd.nextDouble()};
        }
        List<Pair> out = new ArrayList<>();
        for (RollDeviation roll : truth) {
            ColourModel film = new RollModel(STOCK, roll);
            for (String light : List.of("D65", "A")) {
                for (double ev : new double[] {-2, -1, 0, 1, 2}) {
                    double[] d = new double[3 * patches.length];
                    for (int p = 0; p < patches.length; p++) {
                        for (int c = 0; c < 3; c++) {
                            d[3 * p + c] = 0.18 / 0.4 * patches[p][c] * Math.pow(2, ev) * (light.equals("A") && c == 2 ? 0.6 : 1);
                        }
                    }
                    double[] f = film.predict(d, light);
                    for (int p = 0; p < patches.length; p++) {
                        out.add(new Pair(roll.roll() + "-" + ev, roll.roll(), light, ev, "P" + p, d[3 * p], d[3 * p + 1], d[3 * p + 2],
                                f[3 * p] + 0.002 * rnd.nextGaussian(), f[3 * p + 1] + 0.002 * rnd.nextGaussian(),
                                f[3 * p + 2] + 0.002 * rnd.nextGaussian()));
                    }
                }
            }
        }
        return new PairSet(out);
    }

    static ModelSelection.Settings settings() {
        return new ModelSelection.Settings(List.of("root-polynomial:degree=3"), 3, 1, 0, 1, null);
    }

    @Test
    void findsEachRollsDeviationFlagsTheMisprocessedRollAndFitsTheNominalCloserThanThePool(@TempDir Path dir) throws Exception {
        PairSet pairs = rolls(TRUTH, 3);
        RollAwareFit.Result r = RollAwareFit.run(pairs, settings(), RollAwareFit.Nominal.CORRECTED);
        RollReport rolls = r.rolls();

        assertEquals(List.of("R5"), rolls.flagged(), rolls.toText());
        assertEquals(List.of("R5"), rolls.leftOut(), "the flagged roll is left out of the nominal");
        RollSpread r5 = rolls.spread().get(4);
        assertTrue(r5.flagReason().contains("above their upper control limit"), r5.flagReason());
        assertTrue(r5.limit().statistic() > r5.limit().upper());
        // the in-control rolls' true deviations average to (about) the nominal; the fit measures each from it
        RollDeviation centre = RollDeviation.centre("c", TRUTH.subList(0, 4), false);
        for (int i = 0; i < 5; i++) {
            RollDeviation want = TRUTH.get(i).relativeTo(centre);
            RollDeviation got = rolls.deviation(want.roll());
            double tol = i == 4 ? 0.03 : 0.012; // the far roll: the nominal's own error at its ends, seen through a 15% slope change
            assertArrayEquals(want.contrast(), got.contrast(), tol, want.roll() + " contrast: " + rolls.toText());
            double[] wantSum = sum(want);
            double[] gotSum = sum(got);
            // a shift and an offset trade against each other on a straight line; their joint effect on grey is pinned
            assertArrayEquals(wantSum, gotSum, tol, want.roll() + " shift x slope + offset: " + rolls.toText());
        }
        assertTrue(rolls.spread().get(4).meanDeltaE() > 3 * rolls.spread().get(0).meanDeltaE());
        for (RollSpread s : rolls.spread()) {
            assertEquals(10, s.cells().size(), "one cell per light and EV");
        }

        // closer to the true stock than the same candidate on the pooled rolls
        PairSet truthPairs = truthOf(rolls(List.of(RollDeviation.none("T")), 3));
        double aware = Evaluation.of(r.selection().model(), truthPairs).overall().mean();
        double pooled = Evaluation.of(ModelSelection.run(pairs, settings()).model(), truthPairs).overall().mean();
        assertTrue(aware < 0.6 * pooled, "roll-aware " + aware + " vs pooled " + pooled);

        // rolls.json round trip
        Files.writeString(dir.resolve(RollReport.FILE), rolls.withExcluded(List.of("R9")).toJsonText());
        RollReport back = RollReport.read(dir);
        assertNotNull(back);
        assertEquals(rolls.flagged(), back.flagged());
        assertEquals(List.of("R9"), back.excluded());
        assertArrayEquals(rolls.deviation("R2").contrast(), back.deviation("R2").contrast(), 1e-5);
        assertEquals(rolls.spread().get(4).limit().upper(), back.spread().get(4).limit().upper(), 1e-4);
        assertTrue(new ObjectMapper().readTree(rolls.toJsonText()).path("rolls").get(0).has("per_light_ev"), "snake_case keys");
        assertNull(RollReport.read(dir.resolve("elsewhere")));
    }

    @Test
    void inControlPooledFlagsAlikeAndFitsTheNominalOnTheInControlRollsAsTheyCame() {
        PairSet pairs = rolls(TRUTH, 3);
        RollAwareFit.Result corrected = RollAwareFit.run(pairs, settings(), RollAwareFit.Nominal.CORRECTED);
        RollAwareFit.Result inCtl = RollAwareFit.run(pairs, settings(), RollAwareFit.Nominal.IN_CONTROL_POOLED);
        assertEquals(RollAwareFit.Nominal.POOLED, RollAwareFit.DEFAULT, "the default (bench/RESULTS.md)");
        // pooled, the default: the same flag reported, no roll left out, the nominal on every pair
        RollAwareFit.Result pooledFit = RollAwareFit.run(pairs, settings());
        assertEquals(corrected.rolls().flagged(), pooledFit.rolls().flagged(), pooledFit.rolls().toText());
        assertEquals(List.of(), pooledFit.rolls().leftOut());
        assertEquals(pairs.size(), pooledFit.selection().report().pairs(), "the nominal is fitted on every roll");
        assertEquals(pooledFit.rolls().spread().size(), pooledFit.rolls().nominalRolls().size());
        // deviations, spread and flags are estimated the same way whichever pairs the nominal is fitted on
        assertEquals(corrected.rolls().flagged(), inCtl.rolls().flagged(), inCtl.rolls().toText());
        assertEquals(List.of("R5"), inCtl.rolls().leftOut());
        assertEquals(5, inCtl.rolls().spread().size());
        assertTrue(inCtl.rolls().spread().get(4).flagged());
        // the nominal: the same selection on the in-control rolls' pairs, uncorrected
        ColourModel want = ModelSelection.run(pairs.filter(p -> !p.roll().equals("R5")), settings()).model();
        PairSet probe = truthOf(rolls(List.of(RollDeviation.none("T")), 3));
        assertArrayEquals(Evaluation.predict(want, probe), Evaluation.predict(inCtl.selection().model(), probe), 1e-12);
        // and it differs from the corrected variant's nominal (the in-control rolls' own deviations stay in it)
        assertFalse(java.util.Arrays.equals(Evaluation.predict(corrected.selection().model(), probe),
                Evaluation.predict(inCtl.selection().model(), probe)));
        // still far closer to the true stock than the pool with the mis-processed roll in it
        double pooled = Evaluation.of(ModelSelection.run(pairs, settings()).model(), probe).overall().mean();
        double ic = Evaluation.of(inCtl.selection().model(), probe).overall().mean();
        assertTrue(ic < 0.6 * pooled, "in-control-pooled " + ic + " vs pooled " + pooled);
        // chosen by name; an unknown name is refused naming the choices
        assertEquals(RollAwareFit.Nominal.IN_CONTROL_POOLED, RollAwareFit.Nominal.parse("in-control-pooled"));
        assertEquals(RollAwareFit.Nominal.CORRECTED, RollAwareFit.Nominal.parse("corrected"));
        assertEquals(RollAwareFit.Nominal.POOLED, RollAwareFit.Nominal.parse("pooled"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RollAwareFit.Nominal.parse("median"));
        assertTrue(e.getMessage().contains("'median'") && e.getMessage().contains("in-control-pooled"), e.getMessage());
    }

    @Test
    void rollsDevelopedAlikeAreNotFlaggedAndOneRollIsRefused() {
        // four rolls developed alike: only scan noise between them, far below the limit's floor
        List<RollDeviation> alike = List.of(RollDeviation.none("A1"), RollDeviation.none("A2"), RollDeviation.none("A3"),
                RollDeviation.none("A4"));
        RollAwareFit.Result r = RollAwareFit.run(rolls(alike, 5), settings());
        assertTrue(r.rolls().meanSpread() < 0.2, r.rolls().toText());
        assertEquals(List.of(), r.rolls().flagged(), r.rolls().toText());
        assertEquals(4, r.rolls().nominalRolls().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RollAwareFit.run(rolls(TRUTH.subList(0, 1), 5), settings()));
        assertTrue(e.getMessage().contains("two or more rolls"), e.getMessage());
        // a plan split over two rolls (one per light) cannot tell a roll from a light
        PairSet split = rolls(TRUTH.subList(0, 2), 5).filter(p -> p.roll().equals("R1") == p.illuminant().equals("D65"));
        assertTrue(RollAwareFit.notComparable(split).orElseThrow().contains("do not repeat the plan"));
        assertThrows(IllegalArgumentException.class, () -> RollAwareFit.run(split, settings()));
    }

    @Test
    void theScanSideCorrectionUndoesItselfAndJsonRejectsAShortArray() {
        RollDeviation d = TRUTH.get(4);
        double[] film = {0.05, 0.2, 0.5, 0.9, 0.46, 0.0, 0.3, 0.31, 0.32};
        assertArrayEquals(film, d.undoScanSide(d.scanSide(film)), 1e-12);
        assertArrayEquals(film, RollDeviation.none("x").scanSide(film), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> RollDeviation.fromJson(new ObjectMapper().createObjectNode()
                .put("roll", "x").set("contrast", new ObjectMapper().createArrayNode().add(1))));
    }

    @Test
    void shewhartConstantsAndLimit() {
        // Montgomery, appendix table VI
        assertEquals(0.7979, RollControl.c4(2), 1e-4);
        assertEquals(0.8862, RollControl.c4(3), 1e-4);
        assertEquals(0.9213, RollControl.c4(4), 1e-4);
        assertEquals(0.9400, RollControl.c4(5), 1e-4);
        RollSpread.Limit l = RollControl.limit(new double[] {1, 2, 3}, 7);
        assertEquals(2, l.centre(), 1e-12);
        assertEquals(1 / 0.886227, l.sigma(), 1e-5);
        assertEquals(2 + 3 / 0.886227, l.upper(), 1e-5);
        assertEquals(1.0 + RollSpread.MIN_WIDTH, RollControl.limit(new double[] {1, 1, 1}, 0).upper(), 1e-12, "the floor");
        assertNull(RollControl.limit(new double[] {1}, 0), "one other roll sets no limit");
        assertFalse(RollControl.limit(new double[] {1, 2, 3}, 4).statistic() > RollControl.limit(new double[] {1, 2, 3}, 4).upper());
    }

    /** Shift x the stock's local slope in log space (about 0.5 here) + offset: what a grey sees. */
    private static double[] sum(RollDeviation d) {
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            out[c] = 0.5 * d.shift()[c] + d.offset()[c];
        }
        return out;
    }

    /** The pairs with their film values set to the true stock's, noise-free. */
    static PairSet truthOf(PairSet pairs) {
        double[] f = Evaluation.predict(STOCK, pairs);
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            out.add(new Pair(p.frame(), p.roll(), p.illuminant(), p.ev(), p.patch(), p.digitalR(), p.digitalG(), p.digitalB(),
                    f[3 * i], f[3 * i + 1], f[3 * i + 2]));
        }
        return new PairSet(out);
    }
}
