package emu.calibration.fit;

import emu.calibration.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.Matrices;
import emu.calibration.pairs.PairSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two fits of one selected model served together, gated on the camera's clip (issue 24, session 7):
 * the colour model fitted WITHOUT the readings {@link emu.calibration.pairs.ExposureSeries} flags as
 * clipped serves a reading away from the clip, and the same candidate refitted on every reading,
 * clipped ones included (the clip-zone model), serves it where its brightest RAW channel is at the
 * clip. Why: a pairs CSV that holds its clipped readings teaches a model what a clipped input becomes
 * (their film is nearly white), but the same readings bend the model for the unclipped colours just
 * below the clip (bench/RESULTS.md, "the evaluator's exposures"); each fit is right on its own side.
 *
 * <p>The gate is a smoothstep of the largest clip unit max_c (A x)_c ({@link DigitalClip}'s planes:
 * 1 = at the clip) from {@code from} (all colour model) to {@code to} (all clip-zone model). The
 * planes of channels that seldom clip first are placed outward, so the camera's clipped readings sit
 * at 0.95-1.0 of them on the bench, and elsewhere on another camera: the band ends where the left-out
 * readings begin ({@link #openAt}) and is {@link #WIDTH} wide, chosen on the bench's training readings
 * (bench/fidelity/ClipGate.java, train mode) for 33^3 and 65^3 cubes together: a lattice cell spans
 * 20-45% in linear, so a narrower band only moves which nodes carry which model.
 * Written as type {@code clip-gate}: the planes, the band and both models (the clip-zone model's
 * files under {@code clip-zone/}); its spec is the colour model's.
 */
public final class ClipGateModel implements FinishingStep {

    /**
     * The gate is fully open at this quantile of the left-out readings' largest clip unit, so that nearly
     * every clipped reading is served by the clip-zone model wherever the camera's planes were placed.
     */
    static final double TO_QUANTILE = 0.01;
    /** The width of the ramp below it, in clip units (bench, training side: 0.90-0.95 on the bench's camera). */
    static final double WIDTH = 0.05;

    private final FittedModel colour;
    private final FittedModel clipZone;
    /** Row-major 3x3: row c maps a reading to raw channel c in clip units. */
    private final double[] planes;
    private final double from;
    private final double to;

    /**
     * Two fitted models served together over a band of the caller's choosing: the bench's band study
     * (bench/fidelity/ClipGate.java) scores fixed bands through this class, the fit places the band itself.
     */
    public static ClipGateModel withBand(FittedModel colour, FittedModel clipZone, DigitalClip clip, double from, double to) {
        return new ClipGateModel(colour, clipZone, clip.placedPlanes(), from, to);
    }

    ClipGateModel(FittedModel colour, FittedModel clipZone, double[] planes, double from, double to) {
        if (planes.length != 9 || !java.util.Arrays.stream(planes).allMatch(Double::isFinite)) {
            throw new IllegalArgumentException("clip gate: 'planes' must hold 9 finite numbers");
        }
        if (!(from >= 0 && from < to)) {
            throw new IllegalArgumentException("clip gate: 'band' must be two numbers 0 <= from < to, got " + from + ", " + to);
        }
        this.colour = colour;
        this.clipZone = clipZone;
        this.planes = planes.clone();
        this.from = from;
        this.to = to;
    }

    /**
     * {@code selected} (fitted on {@code colourPairs}, the pairs without their flagged clipped readings)
     * served together with the same candidate refitted on {@code allPairs}, or {@code selected} itself
     * when no reading was left out ({@code allPairs} no larger: the two fits would be one) or
     * {@code colourPairs} show too little clipping to place the camera's clip (nothing to gate on).
     * {@code wrap} is applied to the refit as it was to {@code selected} (e.g. the highlight rebuild).
     */
    public static FittedModel of(FittedModel selected, PairSet colourPairs, PairSet allPairs, long seed,
                          java.util.function.BiFunction<FittedModel, PairSet, FittedModel> wrap) {
        return of(selected, DigitalClip.estimate(colourPairs).clip(), colourPairs, allPairs, seed, wrap);
    }

    /**
     * As above with the clip already estimated from {@code colourPairs} ({@code clip} null: none placed). The gate
     * reads only the planes the pairs bracket ({@link DigitalClip#placedPlanes}).
     */
    public static FittedModel of(FittedModel selected, DigitalClip clip, PairSet colourPairs, PairSet allPairs, long seed,
                          java.util.function.BiFunction<FittedModel, PairSet, FittedModel> wrap) {
        if (allPairs.size() <= colourPairs.size()) {
            return selected;
        }
        if (clip == null || !(clip.placed(0) || clip.placed(1) || clip.placed(2))) {
            return selected;
        }
        double to = openAt(clip, colourPairs, allPairs);
        double from = Math.max(0, to - WIDTH);
        FittedModel inner = selected;
        while (inner instanceof FinishingStep step) { // the clip zone is refitted from the selected model itself
            inner = step.inner();
        }
        PairSet zonePairs = zone() == Zone.NEAR ? near(clip.placedPlanes(), from, colourPairs, allPairs) : allPairs;
        FittedModel zone = wrap.apply(refit(inner, zonePairs, seed), allPairs);
        return new ClipGateModel(selected, zone, clip.placedPlanes(), from, to);
    }

    /** The pairs the clip-zone model is refitted on: every pair (the product's), or only those near the clip. */
    public enum Zone { ALL, NEAR }

    /**
     * Experiment only (issue 24, session 12), the system property {@code emu.fit.clipzone}: {@code near} refits the
     * clip-zone model only on the left-out readings and the kept ones at or past the gate's band ({@link #near}), so that
     * the bright unclipped readings far below the clip do not bend it; unset or {@code all}: every pair, unchanged. Any
     * other value is refused naming the property: a typo must not silently run the default in an experiment. Read per
     * call so a test can set it; {@link Finishing#prepare} reads it before any fit.
     */
    public static Zone zone() {
        String v = System.getProperty(ZONE_PROPERTY);
        if (v == null || v.equals("all")) {
            return Zone.ALL;
        }
        if (v.equals("near")) {
            return Zone.NEAR;
        }
        throw new IllegalArgumentException(ZONE_PROPERTY + "=" + v + ": expected all or near");
    }

    /** The experiment switch of {@link #zone}. */
    public static final String ZONE_PROPERTY = "emu.fit.clipzone";

    /**
     * The readings of {@code allPairs} left out of {@code colourPairs} (the flagged ones) and the kept ones whose largest
     * clip unit is at least {@code from} (in or past the band, where the clip-zone model serves them).
     */
    static PairSet near(double[] planes, double from, PairSet colourPairs, PairSet allPairs) {
        java.util.Set<emu.calibration.pairs.Pair> kept = new java.util.HashSet<>(colourPairs.asList());
        return allPairs.filter(p -> {
            double[] r = Matrices.apply(planes, p.digital());
            return !kept.contains(p) || Math.max(r[0], Math.max(r[1], r[2])) >= from;
        });
    }

    /**
     * Where the gate is fully open: the {@link #TO_QUANTILE} quantile of the largest clip unit of the readings
     * in {@code allPairs} but not in {@code colourPairs} (the ones left out as clipped). On the bench's camera
     * it is 0.953 (p5 0.974, median 0.981: the planes of channels that seldom clip first are placed outward),
     * the top of the band chosen there on the training side (bench/RESULTS.md, issue 24 session 7).
     */
    static double openAt(DigitalClip clip, PairSet colourPairs, PairSet allPairs) {
        java.util.Set<emu.calibration.pairs.Pair> kept = new java.util.HashSet<>(colourPairs.asList());
        List<Double> m = new ArrayList<>();
        for (emu.calibration.pairs.Pair p : allPairs) {
            if (!kept.contains(p)) {
                double[] r = Matrices.apply(clip.placedPlanes(), p.digital());
                m.add(Math.max(r[0], Math.max(r[1], r[2])));
            }
        }
        m.sort(null);
        return m.isEmpty() ? 1 : m.get((int) Math.floor(TO_QUANTILE * (m.size() - 1)));
    }

    /** The same model fitted on other pairs: a stack keeps its members' specs and its weights. */
    static FittedModel refit(FittedModel model, PairSet pairs, long seed) {
        IlluminantFeatures lights = IlluminantFeatures.from(pairs);
        if (model instanceof StackModel s) {
            List<FittedModel> members = new ArrayList<>();
            for (FittedModel m : s.members()) {
                members.add(Candidate.parse(m.spec()).fit(pairs, seed, lights));
            }
            return new StackModel(s.spec(), members, s.weights());
        }
        return Candidate.parse(model.spec()).fit(pairs, seed, lights);
    }

    FittedModel colour() {
        return colour;
    }

    @Override
    public FittedModel inner() {
        return colour;
    }

    /** The gate's band, from (all colour model) and to (all clip-zone model), for tests. */
    double[] band() {
        return new double[] {from, to};
    }

    FittedModel clipZone() {
        return clipZone;
    }

    /** 0: the colour model; 1: the clip-zone model. Only grows with the reading's largest clip unit. */
    double gate(double r, double g, double b) {
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 3; c++) {
            m = Math.max(m, planes[3 * c] * r + planes[3 * c + 1] * g + planes[3 * c + 2] * b);
        }
        double t = Math.min(1, Math.max(0, (m - from) / (to - from)));
        return t * t * (3 - 2 * t);
    }

    @Override
    public double[] predict(double[] digitalRgb, String illuminant) {
        double[] out = colour.predict(digitalRgb, illuminant);
        int n = digitalRgb.length / 3;
        double[] g = new double[n];
        int open = 0;
        for (int i = 0; i < n; i++) {
            g[i] = gate(digitalRgb[3 * i], digitalRgb[3 * i + 1], digitalRgb[3 * i + 2]);
            open += g[i] > 0 ? 1 : 0;
        }
        if (open == 0) {
            return out;
        }
        // only the readings in or past the band go to the clip-zone model
        int[] rows = new int[open];
        double[] sub = new double[3 * open];
        for (int i = 0, j = 0; i < n; i++) {
            if (g[i] > 0) {
                rows[j] = i;
                System.arraycopy(digitalRgb, 3 * i, sub, 3 * j++, 3);
            }
        }
        double[] z = clipZone.predict(sub, illuminant);
        for (int j = 0; j < open; j++) {
            int i = rows[j];
            for (int c = 0; c < 3; c++) {
                out[3 * i + c] += g[i] * (z[3 * j + c] - out[3 * i + c]);
            }
        }
        return out;
    }




    @Override
    public ObjectNode toJson(Path dir) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "clip-gate");
        Json.putArray(o, "planes", planes);
        Json.putArray(o, "band", new double[] {from, to});
        o.set("model", colour.toJson(dir));
        o.set("clip_model", clipZone.toJson(dir.resolve("clip-zone")));
        return o;
    }

    static ClipGateModel fromJson(JsonNode o, Path dir) throws IOException {
        double[] band = Json.doubles(Json.required(o, "band"));
        if (band.length != 2) {
            throw new IllegalArgumentException("clip gate: 'band' must hold 2 numbers, got " + band.length);
        }
        return new ClipGateModel(Models.fromJson(Json.required(o, "model"), dir),
                Models.fromJson(Json.required(o, "clip_model"), dir.resolve("clip-zone")),
                Json.doubles(Json.required(o, "planes")), band[0], band[1]);
    }

    /** Clip units of a reading, for tests. */
    double[] clipUnits(double[] rgb) {
        return Matrices.apply(planes, rgb);
    }
}
