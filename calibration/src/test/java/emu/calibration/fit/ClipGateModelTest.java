package emu.calibration.fit;

import emu.calibration.io.Json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.Matrices;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clip gate on {@link DigitalClipTest}'s synthetic sensor (each raw channel clips at its own
 * level before the matrix to Rec.709): the colour model fitted without the clipped readings serves
 * readings clear of the clip unchanged, the same candidate refitted with them serves readings at
 * the clip, the gate only opens as a reading brightens, and the model round-trips through its
 * directory, a stack included.
 */
class ClipGateModelTest {

    static final String SPEC = "root-polynomial:degree=2:illuminant=per";

    /** {@link DigitalClipTest#pairs}'s readings plus the clipped ones the sensor read, with their (near-white) film. */
    static PairSet withClipped(PairSet colour) {
        List<Pair> out = new ArrayList<>(colour.asList());
        for (Pair p : colour) {
            if (p.ev() != 2) {
                continue;
            }
            // the same patch two stops brighter: raw past the clip in some channel
            double[] r = Matrices.apply(Matrices.invert(DigitalClipTest.M), p.digital());
            double[] bright = {4 * r[0], 4 * r[1], 4 * r[2]};
            if (!DigitalClipTest.clips(bright)) {
                continue;
            }
            double[] read = Matrices.apply(DigitalClipTest.M, new double[] {Math.min(bright[0], DigitalClipTest.CLIP[0]),
                    Math.min(bright[1], DigitalClipTest.CLIP[1]), Math.min(bright[2], DigitalClipTest.CLIP[2])});
            double[] f = SyntheticFilm.film(Matrices.apply(DigitalClipTest.M, bright), p.illuminant());
            out.add(new Pair("f4", p.roll(), p.illuminant(), 4, p.patch(), read[0], read[1], read[2], f[0], f[1], f[2]));
        }
        return new PairSet(out);
    }

    static FittedModel fit(PairSet pairs) {
        return Candidate.parse(SPEC).fit(pairs, 1, IlluminantFeatures.from(pairs));
    }

    @Test
    void eachSideIsServedByItsOwnFitAndTheGateOpensOnlyAsAReadingBrightens() {
        PairSet colour = DigitalClipTest.pairs(true);
        PairSet all = withClipped(colour);
        assertTrue(all.size() > colour.size() + 20, "clipped readings added: " + (all.size() - colour.size()));
        FittedModel plain = fit(colour);
        ClipGateModel gate = assertInstanceOf(ClipGateModel.class, ClipGateModel.of(plain, colour, all, 1, (m, p) -> m));
        assertSame(plain, gate.colour());
        assertEquals(SPEC, gate.spec());
        FittedModel zone = fit(all);
        double[] clipRead = Matrices.apply(DigitalClipTest.M, DigitalClipTest.CLIP); // every raw channel at its clip
        double[] dim = {0.2, 0.15, 0.18};
        double[] in = {dim[0], dim[1], dim[2], clipRead[0], clipRead[1], clipRead[2]};
        double[] served = gate.predict(in, "A");
        assertArrayEquals(java.util.Arrays.copyOf(plain.predict(in, "A"), 3), java.util.Arrays.copyOf(served, 3), 0,
                "a dim reading: the colour model's film");
        assertArrayEquals(zone.predict(clipRead, "A"), java.util.Arrays.copyOfRange(served, 3, 6), 1e-12,
                "a reading at the clip: the refit's film");
        // the gate is 0 clear of the clip, 1 at it, and never falls as a reading brightens
        double last = 0;
        for (double s = 0.05; s <= 1.2; s += 0.01) {
            double g = gate.gate(s * clipRead[0], s * clipRead[1], s * clipRead[2]);
            assertTrue(g >= last && g >= 0 && g <= 1, "gate " + g + " at " + s);
            last = g;
        }
        assertEquals(0, gate.gate(dim[0], dim[1], dim[2]));
        assertEquals(1, gate.gate(clipRead[0], clipRead[1], clipRead[2]));
        // the band ends where the left-out readings begin: (nearly) every clipped reading is the refit's
        java.util.Set<Pair> kept = new java.util.HashSet<>(colour.asList());
        int left = 0;
        int open = 0;
        for (Pair p : all) {
            if (!kept.contains(p)) {
                left++;
                open += gate.gate(p.digitalR(), p.digitalG(), p.digitalB()) == 1 ? 1 : 0;
            }
        }
        assertTrue(open >= 0.98 * left, open + " of " + left + " clipped readings fully in the clip zone");
    }

    @Test
    void nothingLeftOutOrNoClipToPlaceServesTheColourModelAlone() {
        PairSet colour = DigitalClipTest.pairs(true);
        FittedModel plain = fit(colour);
        assertSame(plain, ClipGateModel.of(plain, colour, colour, 1, (m, p) -> m), "no reading left out: one fit");
        PairSet unclipped = DigitalClipTest.pairs(false);
        FittedModel other = fit(unclipped);
        assertSame(other, ClipGateModel.of(other, unclipped, withClipped(colour), 1, (m, p) -> m),
                "pairs that place no clip: nothing to gate on");
    }

    @Test
    void aGateOfAStackBehindTheRebuildRoundTripsThroughItsDirectory(@TempDir Path dir) throws Exception {
        PairSet colour = DigitalClipTest.pairs(true);
        PairSet all = withClipped(colour);
        FittedModel stack = new StackModel(StackModel.specOf(List.of(SPEC, "matrix:illuminant=per")),
                List.of(fit(colour), Candidate.parse("matrix:illuminant=per").fit(colour, 1, IlluminantFeatures.from(colour))),
                new double[] {0.7, 0.3});
        FittedModel selected = DigitalClip.rebuildHighlights(stack, colour);
        ClipGateModel gate = assertInstanceOf(ClipGateModel.class,
                ClipGateModel.of(selected, colour, all, 1, DigitalClip::rebuildHighlights));
        StackModel zoneStack = assertInstanceOf(StackModel.class,
                assertInstanceOf(HighlightModel.class, gate.clipZone()).model(), "the refit keeps the stack");
        assertArrayEquals(new double[] {0.7, 0.3}, zoneStack.weights(), 0, "and its weights");

        FitReport report = ModelSelection.run(colour, new ModelSelection.Settings(List.of(SPEC), 3, 1, 1, 1, null)).report();
        ModelDirectory.save(dir.resolve("m"), gate, ModelDirectory.metadata("x".getBytes(), report, gate, "s", "t"), report);
        FittedModel back = ModelDirectory.load(dir.resolve("m")).model();
        assertInstanceOf(ClipGateModel.class, back);
        double[] clipRead = Matrices.apply(DigitalClipTest.M, DigitalClipTest.CLIP);
        double[] in = {0.2, 0.15, 0.18, 0.9 * clipRead[0], 0.9 * clipRead[1], 0.9 * clipRead[2], clipRead[0], clipRead[1],
                clipRead[2]};
        for (String light : DigitalClipTest.LIGHTS) {
            assertArrayEquals(gate.predict(in, light), back.predict(in, light), 1e-12, light);
        }
    }

    @Test
    void aDamagedGateIsRefusedNamingTheField(@TempDir Path dir) throws Exception {
        PairSet colour = DigitalClipTest.pairs(true);
        ClipGateModel gate = (ClipGateModel) ClipGateModel.of(fit(colour), colour, withClipped(colour), 1, (m, p) -> m);
        ObjectNode o = gate.toJson(dir);
        Json.putArray(o, "band", new double[] {0.96});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Models.fromJson(o, dir)).getMessage().contains("'band'"));
        Json.putArray(o, "band", new double[] {0.96, 0.9});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Models.fromJson(o, dir)).getMessage().contains("'band'"));
        Json.putArray(o, "band", new double[] {0.9, 0.96});
        Json.putArray(o, "planes", new double[] {1, 2});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Models.fromJson(o, dir)).getMessage().contains("'planes'"));
    }

    /**
     * The experiment switch emu.fit.clipzone (session 12): {@code near} refits the clip zone only on the left-out
     * readings and the kept ones at or past the band, so the refit differs from the one on every pair; a typo is refused
     * naming the property (it would otherwise silently run the default in an experiment).
     */
    @Test
    void theNearClipZoneFitsOnlyTheLeftOutReadingsAndThoseInOrPastTheBand() {
        PairSet colour = DigitalClipTest.pairs(true);
        PairSet all = withClipped(colour);
        String before = System.getProperty(ClipGateModel.ZONE_PROPERTY);
        try {
            System.setProperty(ClipGateModel.ZONE_PROPERTY, "nearby");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ClipGateModel.of(fit(colour), colour, all, 1, (m, p) -> m));
            assertEquals("emu.fit.clipzone=nearby: expected all or near", e.getMessage());
            System.setProperty(ClipGateModel.ZONE_PROPERTY, "near");
            ClipGateModel gate = assertInstanceOf(ClipGateModel.class,
                    ClipGateModel.of(fit(colour), colour, all, 1, (m, p) -> m));
            double from = gate.band()[0];
            DigitalClip clip = DigitalClip.estimate(colour).clip();
            PairSet near = ClipGateModel.near(clip.placedPlanes(), from, colour, all);
            java.util.Set<Pair> kept = new java.util.HashSet<>(colour.asList());
            int left = 0;
            int inBand = 0;
            for (Pair p : all) {
                double[] r = Matrices.apply(clip.placedPlanes(), p.digital());
                boolean past = Math.max(r[0], Math.max(r[1], r[2])) >= from;
                left += kept.contains(p) ? 0 : 1;
                inBand += kept.contains(p) && past ? 1 : 0;
                assertEquals(!kept.contains(p) || past, near.asList().contains(p), "pair " + p);
            }
            assertTrue(left > 20 && inBand > 0 && near.size() == left + inBand && near.size() < all.size(),
                    left + " left out, " + inBand + " kept in or past the band, " + near.size() + " of " + all.size());
            double[] clipRead = Matrices.apply(DigitalClipTest.M, DigitalClipTest.CLIP);
            assertArrayEquals(fit(near).predict(clipRead, "A"), gate.clipZone().predict(clipRead, "A"), 1e-12,
                    "the clip zone is the refit on the near pairs");
            assertTrue(Math.abs(fit(all).predict(clipRead, "A")[0] - gate.clipZone().predict(clipRead, "A")[0]) > 1e-6,
                    "not the refit on every pair");
        } finally {
            if (before == null) {
                System.clearProperty(ClipGateModel.ZONE_PROPERTY);
            } else {
                System.setProperty(ClipGateModel.ZONE_PROPERTY, before);
            }
        }
    }
}
