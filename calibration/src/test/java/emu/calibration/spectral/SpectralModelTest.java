package emu.calibration.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.io.Json;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The spectral fit on pairs synthesised from a known camera and film (smooth Gaussian sensitivities, a logistic
 * film curve, no crosstalk), the real chart reflectances and the registry's SPDs: a light it never saw is predicted
 * from its SPD alone.
 */
public class SpectralModelTest {
    public static final List<String> TRAINED = List.of("D65", "D50", "A", "FL2", "LED-B3");
    public static final List<Double> EVS = List.of(-1.0, 0.0, 1.0);
    static Map<String, double[]> refl = SpectralModel.chartReflectances();
    static SpectralModel model;

    static double[] gauss(double peak, double width) {
        double[] g = new double[SpectralModel.N];
        for (int i = 0; i < g.length; i++) {
            double d = 380 + 5 * i - peak;
            g[i] = Math.exp(-d * d / (2 * width * width));
        }
        return g;
    }

    static final double[][] CAMERA = {gauss(600, 40), gauss(540, 40), gauss(455, 30)};
    static final double[][] FILM = {gauss(620, 30), gauss(550, 35), gauss(450, 30)};

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The true pair of {@code patch} under {@code light}: metered camera, film = a logistic of log2 exposure. */
    public static Pair truth(String light, double ev, String patch) {
        double[] spd = SpectralModel.spd(light);
        double[] rl = SpectralModel.rl(refl.get(patch), spd);
        double meter = 1 / (0.2126 * dot(spd, CAMERA[0]) + 0.7152 * dot(spd, CAMERA[1]) + 0.0722 * dot(spd, CAMERA[2]));
        double[] d = new double[3];
        double[] f = new double[3];
        for (int c = 0; c < 3; c++) {
            d[c] = meter * Math.pow(2, ev) * dot(rl, CAMERA[c]);
            double x = ev + Math.log(dot(rl, FILM[c])) / Math.log(2);
            f[c] = 0.08 + 0.85 / (1 + Math.exp(-(x - (3 + 0.2 * c)) / 1.6));
        }
        return new Pair("t", "r-" + light, light, ev, patch, d[0], d[1], d[2], f[0], f[1], f[2]);
    }

    public static PairSet pairs(List<String> lights) {
        List<Pair> out = new ArrayList<>();
        for (String l : lights) {
            for (double ev : EVS) {
                refl.keySet().forEach(p -> out.add(truth(l, ev, p)));
            }
        }
        return new PairSet(out);
    }

    @BeforeAll
    static void fit() {
        model = SpectralModel.fit(pairs(TRAINED), refl, SpectralOptions.defaults());
    }

    @Test
    void aLightLeftOutIsPredictedFromItsSpd() {
        for (String light : List.of("D55", "FL11", "LED-V1")) {
            List<Pair> syn = model.synthesise(light, SpectralModel.spd(light), refl, EVS, Double.MAX_VALUE);
            assertEquals(EVS.size() * refl.size(), syn.size());
            double digital = 0;
            double film = 0;
            double asD65 = 0; // a light served as if it were D65, for scale
            for (Pair s : syn) {
                Pair t = truth(light, s.ev(), s.patch());
                double y = 0.2126 * t.digitalR() + 0.7152 * t.digitalG() + 0.0722 * t.digitalB() + 0.01;
                for (int c = 0; c < 3; c++) {
                    digital += Math.pow((s.digital()[c] - t.digital()[c]) / y, 2) / (3 * syn.size());
                    film += Math.abs(s.film()[c] - t.film()[c]) / (3 * syn.size());
                    asD65 += Math.abs(truth("D65", s.ev(), s.patch()).film()[c] - t.film()[c]) / (3 * syn.size());
                }
            }
            // the reference: the film readings span 0.08..0.93; a blend of the trained lights misses by 0.01-0.05
            // measured: D55 0.0015 / 0.00003, FL11 (three narrow spikes) 0.0077 / 0.0001, LED-V1 0.0023 / 0.0001
            assertTrue(Math.sqrt(digital) < 0.015, light + ": camera off by " + Math.sqrt(digital) + " of luminance (RMS)");
            assertTrue(film < 0.004, light + ": film off by " + film + " on average");
        }
        assertEquals(0, model.camera().dropped(), "every exact reading is explained within 5%");
    }

    @Test
    void parametersRoundTripThroughJsonExactly() throws Exception {
        ObjectNode json = model.toJson();
        String text = Json.MAPPER.writeValueAsString(json);
        assertTrue(text.length() < 40_000, "a few kB: " + text.length());
        SpectralModel back = SpectralModel.fromJson(Json.MAPPER.readTree(text));
        Map<String, double[]> some = new LinkedHashMap<>();
        List.of("cc24-01", "cc24-19", "p190-085").forEach(p -> some.put(p, refl.get(p)));
        List<Pair> a = model.synthesise("D55", SpectralModel.spd("D55"), some, EVS, 1);
        List<Pair> b = back.synthesise("D55", SpectralModel.spd("D55"), some, EVS, 1);
        assertEquals(a, b);
        assertEquals(model.camera().scales(), back.camera().scales());
        json.remove("film");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpectralModel.fromJson(json));
        assertTrue(e.getMessage().contains("'film'"), e.getMessage());
    }

    @Test
    void pairsWithoutKnownPatchesOrLightsAreRefusedWithTheReason() {
        List<Pair> unnamed = new ArrayList<>();
        for (Pair p : pairs(List.of("D65")).asList()) {
            unnamed.add(new Pair(p.frame(), p.roll(), p.illuminant(), p.ev(), "patch-" + p.patch(), p.digitalR(), p.digitalG(),
                    p.digitalB(), p.filmR(), p.filmG(), p.filmB()));
        }
        SpectralRefusedException e = assertThrows(SpectralRefusedException.class,
                () -> SpectralModel.fit(new PairSet(unnamed), refl, SpectralOptions.defaults()));
        assertEquals(SpectralRefusedException.Reason.UNKNOWN_PATCHES, e.reason());
        assertTrue(e.getMessage().contains("0 of the pairs' 214 patch ids") && e.getMessage().contains("patch-cc24-01"),
                e.getMessage());
        List<Pair> lamp = new ArrayList<>();
        for (Pair p : pairs(List.of("D65")).asList()) {
            lamp.add(new Pair(p.frame(), p.roll(), "studio-lamp", p.ev(), p.patch(), p.digitalR(), p.digitalG(), p.digitalB(),
                    p.filmR(), p.filmG(), p.filmB()));
        }
        e = assertThrows(SpectralRefusedException.class, () -> SpectralModel.fit(new PairSet(lamp), refl, SpectralOptions.defaults()));
        assertEquals(SpectralRefusedException.Reason.UNKNOWN_LIGHTS, e.reason());
        assertTrue(e.getMessage().contains("studio-lamp"), e.getMessage());
        assertEquals(SpectralRefusedException.Reason.UNKNOWN_LIGHTS,
                assertThrows(SpectralRefusedException.class, () -> SpectralModel.spd("studio-lamp")).reason());
    }

    /**
     * A film whose red layer is inhibited by the green and blue layers' readings (interimage, as in the perturbed consumer
     * stock), over the evaluator's exposures EV -3..+3: red_x' = red_x - 1.2 f_G - 0.4 f_B.
     */
    static Pair inhibited(String light, double ev, String patch) {
        Pair t = truth(light, ev, patch);
        double x = ev + Math.log(dot(SpectralModel.rl(refl.get(patch), SpectralModel.spd(light)), FILM[0])) / Math.log(2);
        double r = 0.08 + 0.85 / (1 + Math.exp(-(x - 1.2 * t.filmG() - 0.4 * t.filmB() - 3) / 1.6));
        return new Pair(t.frame(), t.roll(), light, ev, patch, t.digitalR(), t.digitalG(), t.digitalB(), r, t.filmG(), t.filmB());
    }

    /** The film's own error (mean absolute, film units) on D55, which neither fit saw, at the trained EVs. */
    static double filmErrorOnD55(SpectralFilm m, List<Double> evs) {
        double e = 0;
        int n = 0;
        for (double ev : evs) {
            for (String p : refl.keySet()) {
                double[] f = m.film(SpectralModel.rl(refl.get(p), SpectralModel.spd("D55")), ev, null);
                Pair t = inhibited("D55", ev, p);
                for (int c = 0; c < 3; c++) {
                    e += Math.abs(f[c] - t.film()[c]);
                    n++;
                }
            }
        }
        return e / n;
    }

    static int peakNm(double[] sensitivity) {
        int top = 0;
        for (int i = 0; i < sensitivity.length; i++) {
            top = sensitivity[i] > sensitivity[top] ? i : top;
        }
        return 380 + 5 * top;
    }

    @Test
    void theStagedFilmFitKeepsEachLayerOnItsOwnExposureAndTheCloserFitIsKept() {
        List<Double> evs = List.of(-3.0, -1.5, 0.0, 1.5, 3.0);
        List<Pair> out = new ArrayList<>();
        for (String l : TRAINED) {
            for (double ev : evs) {
                refl.keySet().forEach(p -> out.add(inhibited(l, ev, p)));
            }
        }
        PairSet train = new PairSet(out);
        List<SpectralSample> samples = SpectralModel.samples(train, refl);
        SpectralOptions opt = SpectralOptions.defaults();
        SpectralFilm staged = SpectralFilm.fit(samples, opt.withStaged(opt.staged()));
        SpectralFilm joint = SpectralFilm.fit(samples, opt.withStaged(0));
        assertTrue(staged.staged() && !joint.staged());
        double es = filmErrorOnD55(staged, evs);
        int peak = peakNm(staged.film[0]);
        // measured: staged 0.0001 on D55, red peak 630 nm (true 620); session 7's joint fit 0.0001, 605 nm
        assertTrue(peak >= 590 && peak <= 660, "the red layer's sensitivity peaks in the red (true 620 nm): " + peak + " nm");
        assertTrue(es < 0.002, "staged: film off by " + es + " on D55, a light it never saw");
        // the choice keeps the fit closer to the training readings, whichever it is
        SpectralFilm kept = SpectralFilm.closer(joint, staged, samples);
        assertEquals(Math.min(joint.rms(samples), staged.rms(samples)), kept.rms(samples), 0);
        assertTrue(SpectralFilm.closer(staged, joint, samples) == kept || staged.rms(samples) == joint.rms(samples));
        assertTrue(SpectralFilm.closer(kept, kept == joint ? staged : joint, samples) == kept);
        // the staged refit is paid for only where the joint fit degenerated (a layer peaking at an end of the grid)
        assertFalse(joint.peaksAtGridEnd(), "joint red peak " + peakNm(joint.film[0]) + " nm");
        assertFalse(SpectralFilm.fit(samples, opt).staged(), "a healthy joint fit is kept without the staged refit");
        joint.film[0][0] = 10 * java.util.Arrays.stream(joint.film[0]).max().orElseThrow();
        assertTrue(joint.peaksAtGridEnd(), "a red layer largest at 380 nm");
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> SpectralOptions.defaults().withSmoothness(0, 1e-1));
        assertThrows(IllegalArgumentException.class, () -> SpectralOptions.defaults().withStaged(30));
        assertEquals(20, SpectralOptions.defaults().staged());
        assertEquals(0, SpectralOptions.session7().staged());
        assertArrayEquals(new double[] {1e-1, 1e-1}, new double[] {SpectralOptions.defaults().lamCam(),
                SpectralOptions.defaults().lamFilm()}, 0);
    }
}
