package emu.calibration.fit;

import static emu.calibration.fit.DigitalClip.START;

import emu.calibration.color.Matrices;

/**
 * How a reading near the camera's clip ({@link DigitalClip}) is rebuilt, the way raw converters do (dcraw's "rebuild"
 * highlight modes): in clip units r = A x, a channel near its clip is raised towards the light's grey at the
 * brightness of the channel that is brightest relative to that grey, never lowered, so a reading of every channel
 * clipped becomes a grey as bright as the clip and a saturated colour whose dominant channel clipped is left alone.
 * The threshold, the planes' fit and the grey's brightness (from the unclipped channels) were chosen on clipped
 * readings of the bench's TRAINING reflectances (bench/fidelity/highlights.sh), never on its held-out ones.
 *
 * <p>Since issue 24 session 6 a clip estimated now rebuilds only where {@link DigitalClip#CHANNELS} (two) raw channels
 * are at the clip ({@link #gate}): a 3D LUT cannot hold a rebuild of one channel without smearing it onto the bright
 * unclipped readings in the same lattice cell (bench/fidelity/HighlightLattice.java). A channel whose plane the pairs
 * do not place is never treated as clipped.
 */
final class HighlightRebuild {
    private HighlightRebuild() {}

    /** Rebuilds clipped channels of the {@code n x 3} scene-linear readings by {@code clip}, in place. */
    static void reconstruct(DigitalClip clip, double[] rgb, String illuminant) {
        double[] a = clip.a;
        boolean[] placed = clip.placed;
        double[] g = clip.grey.getOrDefault(illuminant, new double[] {1, 1, 1});
        double[] n = Matrices.apply(a, g);
        for (int o = 0; o + 2 < rgb.length; o += 3) {
            double[] r = Matrices.apply(a, new double[] {rgb[o], rgb[o + 1], rgb[o + 2]});
            double k = 0;
            double kFree = 0;
            double all = 1;
            boolean any = false;
            for (int c = 0; c < 3; c++) {
                // an unplaced channel is never clipped: it is a channel clear of the clip, whatever it reads
                any |= placed[c] && r[c] > START;
                all *= placed[c] ? weight(r[c]) : 0;
                if (n[c] > 0) {
                    k = Math.max(k, r[c] / n[c]);
                    // a channel's say in the grey's brightness stops growing where it may be clipped
                    kFree = Math.max(kFree, (placed[c] ? Math.min(r[c], START) : r[c]) / n[c]);
                }
            }
            if (!any) {
                continue;
            }
            // the grey's brightness from the channels clear of the clip; with every channel clipped, the
            // brightest relative to the grey (so no channel is lowered). Both only grow with any r_c, so
            // each rebuilt channel is non-decreasing in every raw channel.
            k = Math.max(kFree, all * k);
            double gate = clip.strength * gate(clip, r);
            double[] out = r.clone();
            for (int c = 0; c < 3; c++) {
                double w = placed[c] ? weight(r[c]) : 0;
                if (w > 0 && n[c] > 0) {
                    out[c] = r[c] + gate * w * Math.max(0, k * n[c] - r[c]);
                }
            }
            double[] x = Matrices.apply(clip.inverse, out);
            rgb[o] = x[0];
            rgb[o + 1] = x[1];
            rgb[o + 2] = x[2];
        }
    }

    /**
     * With the clip's {@code channels} > 1 the rebuild waits for that many raw channels near the clip: 0 while the
     * channels-th brightest is below its gate_from ({@link DigitalClip#GATE_FROM} for clips estimated now) of its clip,
     * 1 from {@link DigitalClip#START}, smooth between. It starts lower than a channel's own rebuild because the
     * planes of channels that seldom clip first are placed outward (only kept readings bound them: 2-12% on the
     * bench's camera and the tests'). Only grows with any r_c, so the rebuild stays non-decreasing in every raw channel.
     */
    private static double gate(DigitalClip clip, double[] r) {
        int channels = clip.channels;
        if (channels == 1) {
            return 1;
        }
        double[] sorted = r.clone();
        for (int c = 0; c < 3; c++) {
            sorted[c] = clip.placed[c] ? r[c] : Double.NEGATIVE_INFINITY; // never among the channels at the clip
        }
        java.util.Arrays.sort(sorted);
        double t = Math.min(1, Math.max(0, (sorted[3 - channels] - clip.gateFrom) / (START - clip.gateFrom)));
        return t * t * (3 - 2 * t);
    }

    /** 0 below {@link DigitalClip#START} of the clip, 1 at and past it, smooth (C1) between. */
    static double weight(double r) {
        double t = Math.min(1, Math.max(0, (r - START) / (1 - START)));
        return t * t * (3 - 2 * t);
    }
}
