package emu.calibration.fit;

import emu.calibration.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.Matrices;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The digital camera's clip level as seen in the pairs, and highlight reconstruction from it.
 *
 * <p>A sensor clips each RAW channel at its white level, before white balance and the matrix to
 * Rec.709; in the pairs' Rec.709 values a clipped reading therefore sits on one of three planes
 * a_c . x = 1 (a_c: row c of the inverse of that matrix, divided by the white level), and a reading
 * with every channel clipped is one fixed, usually magenta, point whatever the light. The pairs
 * do not say where the planes are, but they show it: a patch read at EV e whose reading at the
 * next EV of its frame series is missing was dropped as clipped, so its reading scaled to that EV
 * lies past a plane, while every reading kept lies before all three. {@link #estimate} fits the
 * three planes to those two sets (a smooth-max logistic fit; no camera data needed) and, since issue 24 session 10,
 * places only the planes enough past readings reach first ({@link ClipEstimate}): a channel whose plane is not placed
 * is never treated as clipped.
 *
 * <p>{@link #reconstruct} then rebuilds clipped channels the way raw converters do ({@link HighlightRebuild}); since
 * issue 24 session 6 only where {@link #CHANNELS} (two) raw channels are at the clip. {@code strength}, {@code
 * channels} and {@code gate_from} are written with the clip; a clip written before them rebuilds as it did (one
 * channel, full strength).
 */
public final class DigitalClip {

    /** Below this fraction of the clip a channel is left as read; at 1 it is fully rebuilt. */
    static final double START = 0.98;
    /**
     * Raw channels that must be near the clip before any is rebuilt, for clips estimated now. One channel
     * near the clip is where most bright unclipped readings also sit, and a lattice cell (0.27-0.55 stop in
     * ACEScct) cannot hold a rebuild there without smearing it onto them; two or three channels at the
     * clip is where the magenta error is largest and unclipped readings are rare (session 6, highlights).
     * Models written before carry no "channels" and rebuilt from one.
     */
    static final int CHANNELS = 2;
    /** Where the gate of {@link #CHANNELS} starts opening for the channels after the first (HighlightRebuild). */
    static final double GATE_FROM = 0.97;
    /** Fewer readings past the clip than this: not enough to place three planes, no reconstruction. */
    static final int MIN_PAST = 12;
    /**
     * The rule of issue 24 session 10: a plane fewer than {@link #MIN_PAST} past readings lie past first is not placed
     * (its channel is never treated as clipped); false restores every fitted plane as placed (the rule before).
     */
    static final boolean BRACKETED_ONLY = true;
    /** A series whose next reading was dropped as stuck film is no clip evidence (session 10); false: it counts as before. */
    static final boolean STUCK_IS_NO_EVIDENCE = true;

    /** Row-major 3x3: row c maps a reading to raw channel c in clip units. */
    final double[] a;
    final double[] inverse;
    final Map<String, double[]> grey;
    private final int evidence;
    /** The share of the way to the grey a clipped channel is raised (1: all the way). */
    final double strength;
    /** How many raw channels must be near the clip before any is rebuilt (1, 2 or 3). */
    final int channels;
    /** Where the gate starts opening ({@link HighlightRebuild}). */
    final double gateFrom;
    /** Per raw channel: whether the pairs bracket its plane ({@link ClipEstimate}); an unplaced channel is never clipped. */
    final boolean[] placed;

    DigitalClip(double[] a, Map<String, double[]> grey, int evidence, double strength, int channels, double gateFrom) {
        this(a, grey, evidence, strength, channels, gateFrom, new boolean[] {true, true, true});
    }

    DigitalClip(double[] a, Map<String, double[]> grey, int evidence, double strength, int channels, double gateFrom,
                boolean[] placed) {
        if (placed.length != 3) {
            throw new IllegalArgumentException("digital clip: 'placed' must hold 3 booleans, got " + placed.length);
        }
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("digital clip: 'strength' must be in (0, 1], got " + strength);
        }
        if (channels < 1 || channels > 3) {
            throw new IllegalArgumentException("digital clip: 'channels' must be 1, 2 or 3, got " + channels);
        }
        if (!(gateFrom >= 0 && gateFrom < START)) {
            throw new IllegalArgumentException("digital clip: 'gate_from' must be in [0, " + START + "), got " + gateFrom);
        }
        this.strength = strength;
        this.channels = channels;
        this.gateFrom = gateFrom;
        this.placed = placed.clone();
        this.evidence = evidence;
        this.a = a.clone();
        this.inverse = Matrices.invert(a);
        // insertion order kept (not Map.copyOf, whose order changes between JVMs): model.json is written in it
        this.grey = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(grey));
    }

    /** The clip planes from {@code pairs} (nothing dropped from them as stuck film): see {@link ClipEstimate}. */
    public static ClipEstimate estimate(PairSet pairs) {
        return ClipEstimate.of(pairs, new PairSet(List.of()));
    }

    /**
     * The clip planes from {@code pairs}, the pairs a selection fitted, {@code stuck} being the readings dropped from
     * them as stuck film (a series whose next reading is one of those is no clip evidence): which channels they
     * bracket, or why no clip is placed ({@link ClipEstimate}).
     */
    public static ClipEstimate estimate(PairSet pairs, PairSet stuck) {
        return ClipEstimate.of(pairs, stuck);
    }

    /**
     * {@code model} behind highlight reconstruction with the clip planes of {@code pairs} (the pairs it
     * was fitted on), or {@code model} itself when the pairs do not place the clip of two channels.
     */
    public static FittedModel rebuildHighlights(FittedModel model, PairSet pairs) {
        return rebuildHighlights(model, estimate(pairs));
    }

    /** {@code model} behind the reconstruction {@code estimate} places, or {@code model} itself when it places none. */
    public static FittedModel rebuildHighlights(FittedModel model, ClipEstimate estimate) {
        DigitalClip clip = estimate.rebuilding();
        return clip == null ? model : new HighlightModel(model, clip);
    }

    /** Each light's grey direction: the median of its readings' channel ratios to their sum. */
    static Map<String, double[]> greys(PairSet pairs) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, PairSet> e : pairs.byIlluminant().entrySet()) {
            double[][] ratio = new double[3][e.getValue().size()];
            int n = 0;
            for (Pair p : e.getValue()) {
                double[] d = p.digital();
                double s = d[0] + d[1] + d[2];
                if (s > 0 && d[0] > 0 && d[1] > 0 && d[2] > 0) {
                    for (int c = 0; c < 3; c++) {
                        ratio[c][n] = d[c] / s;
                    }
                    n++;
                }
            }
            if (n > 0) {
                double[] g = new double[3];
                for (int c = 0; c < 3; c++) {
                    g[c] = Stats.of(java.util.Arrays.copyOf(ratio[c], n)).median();
                }
                out.put(e.getKey(), g);
            }
        }
        return out;
    }

    /** Rebuilds clipped channels of the {@code n x 3} scene-linear readings, in place ({@link HighlightRebuild}). */
    public void reconstruct(double[] rgb, String illuminant) {
        HighlightRebuild.reconstruct(this, rgb, illuminant);
    }

    /** This clip with another rebuild {@code strength} in (0, 1]. */
    public DigitalClip withStrength(double strength) {
        return new DigitalClip(a, grey, evidence, strength, channels, gateFrom, placed);
    }

    /** This clip with the gate of two or three channels opening from {@code gateFrom} of the clip. */
    public DigitalClip withGateFrom(double gateFrom) {
        return new DigitalClip(a, grey, evidence, strength, channels, gateFrom, placed);
    }

    /** This clip rebuilding only where at least {@code channels} raw channels are near the clip. */
    public DigitalClip withChannels(int channels) {
        return new DigitalClip(a, grey, evidence, strength, channels, gateFrom, placed);
    }

    /** {@code model} behind this reconstruction. */
    public FittedModel around(FittedModel model) {
        return new HighlightModel(model, this);
    }

    /** How many readings past the clip placed the planes (for the fit report). */
    int evidence() {
        return evidence;
    }

    /** Row-major 3x3 A: clip units r = A x of a reading x. */
    double[] planes() {
        return a.clone();
    }

    /** Whether the pairs bracket raw channel {@code c}'s plane (models written before session 10: every plane). */
    boolean placed(int c) {
        return placed[c];
    }

    /** {@link #planes} with the rows of unplaced channels 0: a clip gate's largest clip unit never comes from them. */
    double[] placedPlanes() {
        double[] out = a.clone();
        for (int c = 0; c < 3; c++) {
            if (!placed[c]) {
                java.util.Arrays.fill(out, 3 * c, 3 * c + 3, 0);
            }
        }
        return out;
    }

    /** Clip units of a reading (1 = at the clip), for reports and tests. */
    public double[] clipUnits(double[] rgb) {
        return Matrices.apply(a, rgb);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        Json.putArray(o, "planes", a);
        o.put("evidence", evidence);
        o.put("strength", strength);
        o.put("channels", channels);
        o.put("gate_from", gateFrom);
        com.fasterxml.jackson.databind.node.ArrayNode pl = o.putArray("placed");
        for (boolean b : placed) {
            pl.add(b);
        }
        ObjectNode g = o.putObject("greys");
        grey.forEach((k, v) -> Json.putArray(g, k, v));
        return o;
    }

    static DigitalClip fromJson(JsonNode o) {
        double[] a = Json.doubles(Json.required(o, "planes"));
        if (a.length != 9) {
            throw new IllegalArgumentException("digital clip: 'planes' must hold 9 numbers, got " + a.length);
        }
        Map<String, double[]> g = new LinkedHashMap<>();
        Json.required(o, "greys").fields().forEachRemaining(e -> g.put(e.getKey(), Json.doubles(e.getValue())));
        // models written before session 6 have no strength: they rebuilt all the way
        // models written before session 10 have no "placed": every plane was used as a clip
        boolean[] placed = {true, true, true};
        JsonNode pl = o.path("placed");
        if (!pl.isMissingNode()) {
            if (!pl.isArray() || pl.size() != 3 || !pl.get(0).isBoolean() || !pl.get(1).isBoolean() || !pl.get(2).isBoolean()) {
                throw new IllegalArgumentException("digital clip: 'placed' must hold 3 booleans, got " + pl);
            }
            for (int c = 0; c < 3; c++) {
                placed[c] = pl.get(c).asBoolean();
            }
        }
        return new DigitalClip(a, g, o.path("evidence").asInt(), o.path("strength").asDouble(1),
                o.path("channels").asInt(1), o.path("gate_from").asDouble(GATE_FROM), placed);
    }
}
