package emu.calibration.fit;

import emu.calibration.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.Illuminants;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.spectral.SpectralModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The selected model with untrained lights of known SPD served from the spectral camera and film model ({@code station
 * fit --unseen spectral}, the default since session 8; bench/RESULTS.md, issue 24 sessions 7 and 8). Trained lights
 * and lights without a known SPD go to the selected model unchanged. An untrained light U with a known SPD: U's pairs are synthesised by
 * {@link SpectralModel#synthesise} for the training reflectances at the trained EVs (readings brighter than the
 * training pairs' brightest left out, as a training CSV leaves clipped ones out), a {@code spec} model is fitted on them
 * (built on first use, cached), and to it are added
 * <ul>
 *   <li>{@link #RESIDUAL} of the blend's residual: the inverse-distance blend of the trained lights' real {@code spec}
 *       models minus the same blend of {@code spec} models fitted on their synthetic pairs (a light without a known SPD
 *       keeps its real pairs there: no residual from it). Why half: session 7's leave-one-light-out (0 / 0.5 / 1);</li>
 *   <li>{@link #ADVANTAGE} of the selected model's gain over that blend at U: selected(U) - blend(U), both serving U
 *       from the trained lights (zero when the selected model is the {@code SPEC} candidate itself, as on most stocks;
 *       a stack's better fit of the trained lights carried over to U). Why: session 8's leave-one-light-out against the
 *       selected model ({@code bench/fidelity/spectral.sh loosel}).</li>
 * </ul>
 *
 * <p>Written as type {@code spectral-served}: the selected model, the two blends, the spectral parameters, the
 * training reflectance ids (in order), the EVs, the clip level and the two shares, so a served light is rebuilt
 * identically on load, and the per-light fitter ({@code spec}). A file
 * without {@code advantage} (written before session 8) is served as written: share 0; without {@code spec} (before
 * session 15): {@link #SPEC}.
 */
public final class SpectralServedModel implements FinishingStep {
    /** The study's per-light fitter for the served lights and the blends. */
    public static final String SPEC = "root-polynomial:degree=3:illuminant=per";
    /** The share of the blend's residual added to the spectral model's prediction (session 7). */
    public static final double RESIDUAL = 0.5;
    /**
     * The share of the selected model's gain over the {@code SPEC} blend added for a served light (session 8, chosen by
     * leave-one-light-out against the selected model, bench/RESULTS.md "the spectral serving's residual share").
     */
    public static final double ADVANTAGE = 0.5;

    /** The per-light fitter of model files written before session 15, which do not name theirs. */
    static final String SPEC_BEFORE_15 = SPEC;

    private final FittedModel selected;
    private final SpectralModel spectral;
    private final String spec;
    private final Candidate candidate;
    private final IlluminantFeatures lights;
    private final Map<String, double[]> trainRefl;
    private final List<Double> evs;
    private final double clip;
    private final FittedModel blend;
    private final FittedModel synthBlend;
    private final double residual;
    private final double advantage;
    private final Map<String, FittedModel> served = new ConcurrentHashMap<>();

    private SpectralServedModel(FittedModel selected, SpectralModel spectral, String spec, IlluminantFeatures lights,
                                Map<String, double[]> trainRefl, List<Double> evs, double clip, FittedModel blend,
                                FittedModel synthBlend, double residual, double advantage) {
        this.selected = selected;
        this.spectral = spectral;
        this.spec = spec;
        this.candidate = Candidate.parse(spec);
        this.lights = lights;
        this.trainRefl = trainRefl;
        this.evs = List.copyOf(evs);
        this.clip = clip;
        this.blend = blend;
        this.synthBlend = synthBlend;
        this.residual = residual;
        this.advantage = advantage;
    }

    /**
     * Fits the blends on {@code train} (the pairs {@code spectral} was fitted on) and wraps {@code selected};
     * {@code selected} null: the blend serves trained lights and lights without a known SPD (the bench's comparison).
     */
    public static SpectralServedModel fit(FittedModel selected, SpectralModel spectral, PairSet train,
                                          IlluminantFeatures lights, Map<String, double[]> reflectances) {
        return fit(selected, spectral, train, lights, reflectances, SPEC, RESIDUAL, ADVANTAGE);
    }

    /**
     * {@link #fit(FittedModel, SpectralModel, PairSet, IlluminantFeatures, Map)} with another per-light fitter and
     * shares (the bench's sweeps; session 15 tried {@code grid:illuminant=per} with grid selected: better on the
     * training side, worse on the held-out D55, bench/RESULTS.md). The fitter is stored in the model file.
     */
    public static SpectralServedModel fit(FittedModel selected, SpectralModel spectral, PairSet train,
                                          IlluminantFeatures lights, Map<String, double[]> reflectances, String spec,
                                          double residual, double advantage) {
        Candidate c = Candidate.parse(spec);
        Map<String, double[]> refl = new LinkedHashMap<>();
        train.patches().stream().filter(reflectances::containsKey).forEach(p -> refl.put(p, reflectances.get(p)));
        List<Double> evs = new ArrayList<>(new TreeSet<>(train.asList().stream().map(Pair::ev).toList()));
        double clip = Arrays.stream(train.digital()).max().orElse(1);
        FittedModel blend = c.fit(train, 1, lights);
        List<Pair> synth = new ArrayList<>();
        for (String l : train.illuminants()) {
            if (Illuminants.find(l).isPresent()) {
                synth.addAll(spectral.synthesise(l, SpectralModel.spd(l), refl, evs, clip));
            } else {
                synth.addAll(train.filter(p -> p.illuminant().equals(l)).asList());
            }
        }
        FittedModel synthBlend = c.fit(new PairSet(synth), 1, lights);
        return new SpectralServedModel(selected == null ? blend : selected, spectral, spec, lights, refl, evs, clip, blend,
                synthBlend, residual, advantage);
    }

    /** The selected model: trained lights and lights without a known SPD. */
    FittedModel selected() {
        return selected;
    }

    @Override
    public FittedModel inner() {
        return selected;
    }

    /** The blend of the trained lights' real {@code SPEC} models. */
    public FittedModel blend() {
        return blend;
    }

    public SpectralModel spectral() {
        return spectral;
    }

    /** Whether {@code light} is served from the spectral model: not trained, and its SPD known. */
    public boolean spectrallyServed(String light) {
        return !selected.illuminants().contains(light) && Illuminants.find(light).isPresent();
    }

    @Override
    public double[] predict(double[] digitalRgb, String illuminant) {
        return spectrallyServed(illuminant) ? served(digitalRgb, illuminant, residual, advantage)
                : selected.predict(digitalRgb, illuminant);
    }

    /** {@link #served(double[], String, double, double)} without the selected model's gain (the bench's share sweep). */
    public double[] served(double[] digitalRgb, String light, double residual) {
        return served(digitalRgb, light, residual, 0);
    }

    /**
     * {@code light}'s prediction from its synthetic pairs' model plus {@code residual} times the blend's residual plus
     * {@code advantage} times the selected model's gain over the blend at {@code light}.
     */
    public double[] served(double[] digitalRgb, String light, double residual, double advantage) {
        FittedModel one = served.computeIfAbsent(light, l -> candidate.fit(
                new PairSet(spectral.synthesise(l, SpectralModel.spd(l), trainRefl, evs, clip)), 1, lights));
        double[] p = one.predict(digitalRgb, light);
        boolean gain = advantage != 0 && selected != blend;
        // the blend once for both terms: an export bakes every lattice point of a served light through here
        double[] b = residual != 0 || gain ? blend.predict(digitalRgb, light) : null;
        if (residual != 0) {
            double[] s = synthBlend.predict(digitalRgb, light);
            for (int i = 0; i < p.length; i++) {
                p[i] += residual * (b[i] - s[i]);
            }
        }
        if (gain) {
            double[] sel = selected.predict(digitalRgb, light);
            for (int i = 0; i < p.length; i++) {
                p[i] += advantage * (sel[i] - b[i]);
            }
        }
        return p;
    }

    /** {@link #served(double[], String, double)} as a model of {@code light} alone. */
    public ColourModel served(String light, double residual) {
        return new ColourModel() {
            @Override
            public double[] predict(double[] digitalRgb, String l) {
                return served(digitalRgb, l, residual);
            }

            @Override
            public List<String> illuminants() {
                return List.of(light);
            }
        };
    }


    @Override
    public Serving servingOf(String illuminant) {
        if (spectrallyServed(illuminant)) {
            return new Serving(Serving.Kind.SPECTRAL, List.of(), illuminant + ": not trained; served by the spectral"
                    + " model of camera and film from the light's SPD + " + residual + " x the blend's residual"
                    + (spec.equals(SPEC) ? "" : " (" + spec + " fits)")
                    + (advantage == 0 ? "" : " + " + advantage + " x the selected model's gain over the blend"));
        }
        Serving s = selected.servingOf(illuminant);
        // why the spectral model does not serve an untrained light: the reader expects it to
        return s.kind() == Serving.Kind.TRAINED ? s : s.withText(s.text() + "; not the spectral model: no SPD is known"
                + " for " + illuminant);
    }


    @Override
    public ObjectNode toJson(Path dir) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "spectral-served");
        o.put("residual", residual);
        o.put("advantage", advantage);
        o.put("spec", spec);
        o.set("model", selected.toJson(dir));
        o.set("spectral", spectral.toJson());
        ArrayNode ids = o.putArray("reflectances");
        trainRefl.keySet().forEach(ids::add);
        Json.putArray(o, "evs", evs.stream().mapToDouble(Double::doubleValue).toArray());
        o.put("clip", clip);
        o.set("illuminants", lights.toJson());
        o.set("blend", blend.toJson(dir.resolve("spectral-blend")));
        o.set("synthetic-blend", synthBlend.toJson(dir.resolve("spectral-synthetic-blend")));
        return o;
    }

    static SpectralServedModel fromJson(JsonNode o, Path dir) throws IOException {
        Map<String, double[]> all = SpectralModel.chartReflectances();
        Map<String, double[]> refl = new LinkedHashMap<>();
        for (JsonNode id : Json.required(o, "reflectances")) {
            double[] r = all.get(id.asText());
            if (r == null) {
                throw new IllegalArgumentException("model file: spectral-served: unknown reflectance id '" + id.asText() + "'");
            }
            refl.put(id.asText(), r);
        }
        List<Double> evs = Arrays.stream(Json.doubles(Json.required(o, "evs"))).boxed().toList();
        return new SpectralServedModel(Models.fromJson(Json.required(o, "model"), dir),
                SpectralModel.fromJson(Json.required(o, "spectral")),
                o.has("spec") ? Json.required(o, "spec").asText() : SPEC_BEFORE_15, IlluminantFeatures.fromJson(Json.required(o, "illuminants")),
                refl, evs, Json.required(o, "clip").asDouble(), Models.fromJson(Json.required(o, "blend"),
                dir.resolve("spectral-blend")), Models.fromJson(Json.required(o, "synthetic-blend"),
                dir.resolve("spectral-synthetic-blend")), share(o, "residual"),
                o.has("advantage") ? share(o, "advantage") : 0);
    }

    /** A share from the model file: a number (names the field when not). */
    private static double share(JsonNode o, String field) {
        JsonNode v = Json.required(o, field);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("model file: spectral-served: '" + field + "' must be a number, got " + v);
        }
        return v.asDouble();
    }
}
