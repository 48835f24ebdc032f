package emu.calibration.spectral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.chart.ChartSpectra;
import emu.calibration.color.Illuminant;
import emu.calibration.color.Illuminants;
import emu.calibration.io.Json;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The camera's and the film's spectral models estimated from training pairs whose patches have known reflectances
 * ({@link ChartSpectra}, by the pairs' patch ids), shot under lights with known SPDs ({@link Illuminants}, at unit
 * luminance). From them the pairs of a light nobody trained are synthesised from its SPD ({@link #synthesise}); the
 * session-7 study (bench/RESULTS.md, "unseen lights from a spectral camera and film model") serves unseen lights so.
 * The parameters (a few kB) round-trip through {@link #toJson()} / {@link #fromJson} exactly.
 */
public final class SpectralModel {
    /** Samples per spectrum: 380-780 nm by 5 nm. */
    public static final int N = ChartSpectra.SIZE;
    /** Fewest distinct patches with a known reflectance the fit accepts (one ColorChecker's worth). */
    public static final int MIN_PATCHES = 24;

    private final SpectralCamera camera;
    private final SpectralFilm film;

    private SpectralModel(SpectralCamera camera, SpectralFilm film) {
        this.camera = camera;
        this.film = film;
    }

    /**
     * Fits both models on the pairs whose light has a known SPD and whose patch a known reflectance (others are left
     * out); refused when there are too few such patches or no such light.
     */
    public static SpectralModel fit(PairSet pairs, Map<String, double[]> reflectances, SpectralOptions opt) {
        if (pairs.illuminants().stream().noneMatch(l -> Illuminants.find(l).isPresent())) {
            throw new SpectralRefusedException(SpectralRefusedException.Reason.UNKNOWN_LIGHTS,
                    "none of the pairs' lights " + pairs.illuminants() + " has a known SPD");
        }
        long used = pairs.asList().stream()
                .filter(p -> Illuminants.find(p.illuminant()).isPresent() && reflectances.containsKey(p.patch()))
                .map(Pair::patch).distinct().count();
        if (used < MIN_PATCHES) {
            throw new SpectralRefusedException(SpectralRefusedException.Reason.UNKNOWN_PATCHES, used + " of the pairs' "
                    + pairs.patches().size() + " patch ids (e.g. '" + pairs.patches().iterator().next() + "') name a patch with a"
                    + " known reflectance under a light with a known SPD, at least " + MIN_PATCHES + " needed (known ids:"
                    + " cc24-01..cc24-24, p190-001..p190-190)");
        }
        List<SpectralSample> samples = samples(pairs, reflectances);
        return new SpectralModel(SpectralCamera.fit(samples, opt.lamCam()), SpectralFilm.fit(samples, opt));
    }

    /** The ColorChecker 24 and AMPAS 190 reflectances by patch id ({@link ChartSpectra#byId()}). */
    public static Map<String, double[]> chartReflectances() {
        return ChartSpectra.byId();
    }

    /** The unit-luminance SPD of the light called {@code name}; refused when the registry does not know it. */
    public static double[] spd(String name) {
        return Illuminants.find(name).map(Illuminant::unitLuminanceSpd).orElseThrow(() -> new SpectralRefusedException(
                SpectralRefusedException.Reason.UNKNOWN_LIGHTS, "light '" + name + "' has no known SPD"));
    }

    /** The samples the spectral fit can use: a light with a known SPD and a patch with a known reflectance. */
    public static List<SpectralSample> samples(PairSet pairs, Map<String, double[]> refl) {
        List<SpectralSample> out = new ArrayList<>();
        for (Pair p : pairs) {
            if (Illuminants.find(p.illuminant()).isPresent() && refl.containsKey(p.patch())) {
                out.add(new SpectralSample(p.illuminant(), p.ev(), rl(refl.get(p.patch()), spd(p.illuminant())), p.digital(),
                        p.film()));
            }
        }
        return out;
    }

    /** R·L: a reflectance times an SPD, sample by sample. */
    public static double[] rl(double[] reflectance, double[] spd) {
        return SpectralAlgebra.times(reflectance, spd);
    }

    public SpectralCamera camera() {
        return camera;
    }

    public SpectralFilm film() {
        return film;
    }

    /**
     * Synthetic pairs under {@code light} (unit-luminance {@code spd}, its scale from the metering rule, no roll shift)
     * for these reflectances at these EVs; readings brighter than {@code clip} in any channel are left out, as a training
     * CSV leaves clipped readings out.
     */
    public List<Pair> synthesise(String light, double[] spd, Map<String, double[]> refl, List<Double> evs, double clip) {
        double s = camera.meteredScale(spd);
        List<Pair> out = new ArrayList<>();
        for (double ev : evs) {
            for (Map.Entry<String, double[]> e : refl.entrySet()) {
                double[] rl = rl(e.getValue(), spd);
                double[] d = camera.digital(rl, ev, s);
                if (Math.max(d[0], Math.max(d[1], d[2])) > clip) {
                    continue;
                }
                double[] f = film.film(rl, ev, null);
                out.add(new Pair("syn", "syn", light, ev, e.getKey(), d[0], d[1], d[2], f[0], f[1], f[2]));
            }
        }
        return out;
    }

    /** The parameters: camera sensitivities and scales, film sensitivities, curves, crosstalk and roll shifts. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("grid", "380-780 nm by 5 nm");
        o.set("camera", camera.toJson());
        o.set("film", film.toJson());
        return o;
    }

    /** A model from {@link #toJson()}'s form; a missing or malformed field is named in the exception. */
    public static SpectralModel fromJson(JsonNode o) {
        return new SpectralModel(SpectralCamera.fromJson(Json.required(o, "camera")), SpectralFilm.fromJson(Json.required(o, "film")));
    }

    static double[] grid(double[] v, String what) {
        if (v.length != N) {
            throw new IllegalArgumentException("spectral model: " + what + " has " + v.length + " samples, expected " + N);
        }
        return v;
    }

    static Map<String, List<SpectralSample>> byLight(List<SpectralSample> samples) {
        Map<String, List<SpectralSample>> by = new LinkedHashMap<>();
        samples.forEach(s -> by.computeIfAbsent(s.light(), k -> new ArrayList<>()).add(s));
        return by;
    }
}
