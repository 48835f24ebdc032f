package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.pairs.ExposureSeries;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one finishing path of {@code station fit} and the training, on {@link DigitalClipTest}'s synthetic sensor: each
 * step wraps the selected model only when asked, says what it did or why not, reads the unfiltered pairs only for the
 * gate, and the defaults are the constants both callers' option and config defaults read.
 */
class FinishingTest {
    @Test
    void defaultsAreTheConstantsAndBadModesNameTheAllowedValues() {
        assertEquals(new Finishing.Options(Finishing.Highlights.REBUILD, Finishing.Unseen.SPECTRAL, Finishing.ClippedSeries.KEEP),
                Finishing.Options.DEFAULTS);
        assertEquals(Finishing.HIGHLIGHTS, Finishing.name(Finishing.Options.DEFAULTS.highlights()));
        assertEquals(Finishing.UNSEEN, Finishing.name(Finishing.Options.DEFAULTS.unseen()));
        assertEquals(Finishing.CLIPPED_SERIES, Finishing.name(Finishing.Options.DEFAULTS.clippedSeries()));
        var e = assertThrows(IllegalArgumentException.class, () -> Finishing.parse(Finishing.ClippedSeries.class, "gated",
                "--clipped-series"));
        assertEquals("--clipped-series must be keep, drop or gate, got 'gated'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Finishing.parse(Finishing.Unseen.class, "", "--unseen"));
        assertEquals("--unseen must be blend or spectral, got ''", e.getMessage());
    }

    @Test
    void eachStepWrapsOnlyWhenAskedAndSaysWhatItDid() {
        PairSet colour = DigitalClipTest.pairs(true);
        PairSet all = ClipGateModelTest.withClipped(colour);
        FittedModel selected = ClipGateModelTest.fit(colour);
        List<String> said = new ArrayList<>();
        var none = new Finishing.Options(Finishing.Highlights.NONE, Finishing.Unseen.BLEND, Finishing.ClippedSeries.DROP);
        Finishing.Finished plain = Finishing.finish(selected, colour, () -> {
            throw new AssertionError("the unfiltered pairs are read only for the gate");
        }, 1, none, said::add);
        assertSame(selected, plain.model());
        assertEquals(java.util.Optional.empty(), plain.unseenRefused(), "no spectral model asked for, none refused");
        assertEquals(List.of(), said);

        var rebuild = new Finishing.Options(Finishing.Highlights.REBUILD, Finishing.Unseen.BLEND, Finishing.ClippedSeries.KEEP);
        FittedModel rebuilt = Finishing.finish(selected, colour, () -> all, 1, rebuild, said::add).model();
        assertInstanceOf(HighlightModel.class, rebuilt);
        ClipEstimate e = DigitalClip.estimate(colour);
        // blue never clips first on this sensor: its plane is not placed, and the line says so (session 10)
        assertEquals(List.of("highlights: camera clip estimated from the pairs; readings clipped in two channels are"
                + " rebuilt before the model; blue's clip is not bracketed by the pairs (" + e.first()[2] + " of the "
                + e.past() + " readings past the clip are past it first, 12 place it): blue is never rebuilt"), said);

        said.clear();
        FittedModel gated = Finishing.finish(selected, colour, () -> all, 1,
                rebuild.withClippedSeries(Finishing.ClippedSeries.GATE), said::add).model();
        assertInstanceOf(ClipGateModel.class, gated);
        assertEquals("clipped series: the selected model refitted on all " + all.size() + " pairs serves readings at the"
                + " camera's clip", said.get(1));

        said.clear();
        var spectral = new Finishing.Options(Finishing.Highlights.NONE, Finishing.Unseen.SPECTRAL, Finishing.ClippedSeries.KEEP);
        Finishing.Finished blend = Finishing.finish(selected, colour, () -> all, 1, spectral, said::add);
        assertSame(selected, blend.model());
        // the reason is returned as such (a training keeps it to say with each export it concerns), and the line says
        // it word for word
        String reason = blend.unseenRefused().orElseThrow();
        assertEquals(List.of("unseen lights: no spectral model (" + reason + "); untrained lights keep the blend"), said);
    }

    /**
     * Pairs that keep their clipped readings as read (the outside evaluator's CSV) miss no patch at the top of a
     * series, so the rebuild places no clip however much they clip: the line says that, not "too little clipping"
     * (issue 24 session 9, helper clip's diagnosis); pairs without clipping still get "too little clipping".
     */
    @Test
    void noClipPlacedSaysWhetherThePairsKeepTheirClippedReadings() {
        var rebuild = new Finishing.Options(Finishing.Highlights.REBUILD, Finishing.Unseen.BLEND, Finishing.ClippedSeries.KEEP);
        PairSet kept = DigitalClipTest.pairs(true, true);
        FittedModel selected = ClipGateModelTest.fit(kept);
        List<String> said = new ArrayList<>();
        assertSame(selected, Finishing.finish(selected, kept, () -> kept, 1, rebuild, said::add).model());
        int leave = kept.size() - ExposureSeries.withoutClipped(kept, ExposureSeries.TOLERANCE).size();
        assertTrue(leave >= DigitalClip.MIN_PAST, "the fixture clips: " + leave);
        assertEquals(List.of("highlights: no camera clip placed: the pairs keep their clipped readings as read (" + leave
                + " leave their exposure series), so no patch is missing from the top of its series; readings go to the"
                + " model as read"), said);

        said.clear();
        PairSet dim = DigitalClipTest.pairs(false);
        FittedModel plain = ClipGateModelTest.fit(dim);
        assertSame(plain, Finishing.finish(plain, dim, () -> dim, 1, rebuild, said::add).model());
        assertEquals(List.of("highlights: no camera clip placed: no patch is missing from the top of its exposure series"
                + " and none leaves it, so the pairs show no clipping; readings go to the model as read"), said);
    }

    /** The highlights line for each reason no clip is placed, and for planes placed on every channel (session 10). */
    @Test
    void theHighlightsLineStatesEachReason() {
        // every channel bracketed: a sensor whose three channels each clip first often enough
        PairSet all3 = DigitalClipTest.pairs(true, false, new double[] {2.4, 2.0, 2.1});
        ClipEstimate placed = DigitalClip.estimate(all3);
        assertEquals(List.of(), placed.unplaced(), () -> java.util.Arrays.toString(placed.first()));
        assertEquals("highlights: camera clip estimated from the pairs; readings clipped in two channels are rebuilt before"
                + " the model", Finishing.highlightsLine(placed));

        // a few patches missing at the top: too few to place the planes
        PairSet dim = DigitalClipTest.pairs(false);
        PairSet few = dim.filter(p -> !(p.ev() == 2 && p.illuminant().equals("A") && p.patch().compareTo("P2") < 0
                && p.patch().length() == 2));
        ClipEstimate tooFew = DigitalClip.estimate(few);
        assertEquals(ClipEstimate.Reason.TOO_FEW, tooFew.reason());
        assertEquals("highlights: no camera clip placed: only " + tooFew.past() + " patches are missing from the top of"
                + " their exposure series (12 place the clip); readings go to the model as read",
                Finishing.highlightsLine(tooFew));

        // a channel that never reads above 0: no planes can be fitted
        PairSet dark = new PairSet(DigitalClipTest.pairs(true).asList().stream().map(p -> new emu.calibration.pairs.Pair(
                p.frame(), p.roll(), p.illuminant(), p.ev(), p.patch(), p.digitalR(), p.digitalG(), 0, p.filmR(),
                p.filmG(), p.filmB())).toList());
        ClipEstimate failed = DigitalClip.estimate(dark);
        assertEquals(ClipEstimate.Reason.SOLVE_FAILED, failed.reason());
        assertEquals("highlights: no camera clip placed: no clip planes could be fitted to the " + failed.past()
                + " patches missing from the top of their exposure series (a channel never reads above 0, or the planes do"
                + " not meet in a point); readings go to the model as read", Finishing.highlightsLine(failed));

        // green alone clips: one channel bracketed, the rebuild needs two
        ClipEstimate one = DigitalClip.estimate(DigitalClipTest.pairs(true, false, new double[] {9, 2.0, 9}));
        assertEquals(ClipEstimate.Reason.UNBRACKETED, one.reason());
        assertEquals("highlights: no camera clip placed: the pairs bracket the clip of fewer than 2 channels, the rebuild"
                + " needs 2; red and blue's clips are not bracketed by the pairs (" + one.first()[0] + " and "
                + one.first()[2] + " of the " + one.past() + " readings past the clip are past them first, 12 place one):"
                + " red and blue are never rebuilt; readings go to the model as read", Finishing.highlightsLine(one));
    }

    @Test
    void aRollAwareFitTurnsTheGateIntoDropAndSaysSo() {
        List<String> said = new ArrayList<>();
        var gate = Finishing.Options.DEFAULTS.withClippedSeries(Finishing.ClippedSeries.GATE);
        assertEquals(Finishing.ClippedSeries.DROP, gate.forRollAware(said::add).clippedSeries());
        assertEquals(1, said.size());
        assertSame(Finishing.Options.DEFAULTS, Finishing.Options.DEFAULTS.forRollAware(said::add));
        assertEquals(1, said.size());
    }
}
