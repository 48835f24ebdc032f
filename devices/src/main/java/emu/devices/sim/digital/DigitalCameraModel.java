package emu.devices.sim.digital;

import emu.calibration.color.Matrices;
import emu.calibration.color.RgbSpace;
import emu.devices.sim.Noise;
import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.LeastSquares;
import emu.devices.sim.spectral.PatchSet;
import emu.devices.sim.spectral.SpectralTable;
import emu.devices.sim.spectral.Spectrum;
import emu.devices.sim.spectral.Observer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The digital camera's colour pipeline, from a spectral stimulus to scene-linear Rec.709 RGB as
 * the pairs contract defines it (DESIGN.md, "Pairs CSV").
 *
 * <ol>
 *   <li>raw_c = k(E) · 2^EV · ∫ s_c(λ) R(λ) E(λ) dλ with the Nikon D5100's measured sensitivities
 *       s_c; the metering factor k(E) makes an 18% grey at EV 0 come out with Rec.709 luminance
 *       0.18 under every illuminant (metering normalises luminance, not colour);</li>
 *   <li>photon shot noise and read noise on raw counts, then per-channel clipping at the sensor's
 *       white level (the same raw count for every channel, so a warm light clips red first);</li>
 *   <li>a FIXED daylight (D65) white balance: a tungsten shot stays warm;</li>
 *   <li>a 3x3 matrix to linear Rec.709, fitted once by white-preserving least squares on the 24 +
 *       190 reflectances under D65 against their CIE 1931 colorimetry.</li>
 * </ol>
 *
 * <p>Cameras by name ({@link #named}): {@code nikon-d5100}, the simulator's camera everywhere, and
 * {@code moved}, an invented sensor deliberately unlike it ({@link #moved}) for benches that must not
 * only measure the D5100 (issue 24).
 */
public final class DigitalCameraModel {
    /** XYZ (D65 white) to linear Rec.709 RGB, row-major. */
    private static final double[] XYZ_TO_REC709 = RgbSpace.REC709.fromXyz();
    /** Rec.709 luminance weights, ITU-R BT.709-6 item 3.2. */
    private static final double[] LUMA = {0.2126, 0.7152, 0.0722};

    private final String name;
    private final Spectrum[] sensitivity;
    private final double[] whiteBalance;
    private final double[][] matrix;
    private final double whiteLevel;
    private final double readNoise;
    private final double fullWellElectrons;

    private DigitalCameraModel(String name, Spectrum[] sensitivity, double headroomStops, double readNoise, double fullWellElectrons) {
        this.name = name;
        this.sensitivity = sensitivity.clone();
        this.readNoise = readNoise;
        this.fullWellElectrons = fullWellElectrons;
        Illuminant d65 = Illuminants.get("D65");
        Spectrum white = Spectrum.constant(1);
        double[] rawWhite = integrate(white, d65);
        // white balance multipliers normalise the D65 white to 1 in every channel
        this.whiteBalance = new double[] {1 / rawWhite[0], 1 / rawWhite[1], 1 / rawWhite[2]};
        this.matrix = fitMatrix(d65);
        // the sensor clips `headroomStops` above an 18% grey at EV 0 under D65, in green raw counts
        double greyGreen = integrate(Spectrum.constant(0.18), d65)[1] * meteringFactor(d65);
        this.whiteLevel = greyGreen * Math.pow(2, headroomStops);
    }

    /**
     * A Nikon D5100 (NPL-measured sensitivities) with 3.5 stops of highlight headroom above
     * middle grey, read noise 0.05% of the white level and a 25 000 e⁻ full well.
     */
    public static DigitalCameraModel nikonD5100() {
        SpectralTable t = SpectralTable.load("camera_nikon_d5100_rgb.csv");
        return new DigitalCameraModel("Nikon D5100", new Spectrum[] {t.get("r"), t.get("g"), t.get("b")}, 3.5, 5e-4, 25_000);
    }

    /** The camera registry, in the order {@link #names} lists it; the first is the simulator's default. */
    private static final Map<String, Supplier<DigitalCameraModel>> NAMED = new LinkedHashMap<>();

    static {
        NAMED.put("nikon-d5100", DigitalCameraModel::nikonD5100);
        NAMED.put("moved", DigitalCameraModel::moved);
    }

    /** The names {@link #named} knows, the default ({@code nikon-d5100}) first. */
    public static List<String> names() {
        return List.copyOf(NAMED.keySet());
    }

    /**
     * The camera called {@code name} (see {@link #names}).
     *
     * @throws IllegalArgumentException naming the known cameras when {@code name} is not one of them
     */
    public static DigitalCameraModel named(String name) {
        Supplier<DigitalCameraModel> s = NAMED.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown camera '" + name + "'; known: " + String.join(", ", NAMED.keySet()));
        }
        return s.get();
    }

    /**
     * An invented sensor, deliberately unlike the D5100 in every respect a colour fit sees, so that a
     * fidelity figure is not only a figure about the D5100 (issue 24: the outside evaluator's camera
     * was not ours). Every number below is invented (no measured data used); the shape follows what is
     * commonly described for Bayer CMOS colour filter arrays: broad, overlapping dye passbands and a
     * red dye that passes some blue.
     * <ul>
     *   <li>red: Gaussian peak 610 nm, FWHM 100 nm, height 0.85 (the D5100's red: peak 595 nm, ~50 nm
     *       wide at half maximum, 580-630): it reaches well into the green, so red and green overlap
     *       far more; plus a secondary bump of 0.12 at 445 nm, FWHM 45 nm (the red dye's blue leak);</li>
     *   <li>green: peak 540 nm, FWHM 110 nm (D5100: 530 nm, ~80 nm at half maximum, 495-575);</li>
     *   <li>blue: peak 450 nm, FWHM 60 nm, height 0.8 (D5100: 460 nm, ~75 nm, 425-500), plus a 0.04
     *       shoulder at 530 nm, FWHM 60 nm (blue dye's green leak);</li>
     *   <li>2.8 stops of highlight headroom above middle grey (D5100: 3.5): the clip level comes 0.7
     *       stop sooner, as on a camera metered to protect shadows;</li>
     *   <li>read noise 0.08% of the white level and a 15 000 e⁻ full well (smaller pixels than the
     *       D5100's 0.05% / 25 000 e⁻).</li>
     * </ul>
     * The matrix to Rec.709 is fitted as the D5100's is (white-preserving least squares under D65).
     */
    public static DigitalCameraModel moved() {
        Spectrum r = Spectrum.gaussian(610, 100).scale(0.85).plus(Spectrum.gaussian(445, 45).scale(0.12));
        Spectrum g = Spectrum.gaussian(540, 110);
        Spectrum b = Spectrum.gaussian(450, 60).scale(0.8).plus(Spectrum.gaussian(530, 60).scale(0.04));
        return new DigitalCameraModel("moved (invented CMOS)", new Spectrum[] {r, g, b}, 2.8, 8e-4, 15_000);
    }

    /** The camera's name. */
    public String name() {
        return name;
    }

    /** The sensor's white level in raw units (the raw value at which every channel clips). */
    public double whiteLevel() {
        return whiteLevel;
    }

    /**
     * The metering factor k(E): raw values are multiplied by it so that an 18% grey reads
     * Rec.709 luminance 0.18 at EV 0 under {@code light}.
     */
    public double meteringFactor(Illuminant light) {
        double[] rgb = toRec709(integrate(Spectrum.constant(0.18), light));
        return 0.18 / (LUMA[0] * rgb[0] + LUMA[1] * rgb[1] + LUMA[2] * rgb[2]);
    }

    /**
     * Raw sensor values of a surface (before noise and clipping) at {@code ev} stops from the
     * metered exposure under {@code light}.
     */
    public double[] raw(Spectrum reflectance, Illuminant light, double ev) {
        return raw(reflectance, light.spd(), light, ev);
    }

    /**
     * Raw sensor values of a surface lit by {@code emitted} (any scale: a dimmed or drifting
     * lamp) when the exposure was metered for {@code meteredFor} at unit luminance: metering
     * happened once on the settled light, so changes of the lamp since show in the raw values.
     */
    public double[] raw(Spectrum reflectance, Spectrum emitted, Illuminant meteredFor, double ev) {
        double k = meteringFactor(meteredFor) * Math.pow(2, ev);
        double[] raw = {
            sensitivity[0].integrate(reflectance, emitted),
            sensitivity[1].integrate(reflectance, emitted),
            sensitivity[2].integrate(reflectance, emitted),
        };
        for (int c = 0; c < 3; c++) {
            raw[c] *= k;
        }
        return raw;
    }

    /**
     * Adds sensor noise to raw values averaged over {@code pixels} pixels: photon shot noise
     * (Poisson, variance = signal in electrons) and Gaussian read noise (EMVA 1288 R4.0 §2.2
     * linear sensor model), then clips each channel at the white level.
     *
     * @param rng the noise source; {@code null} for the noiseless, still clipped, signal
     */
    public double[] expose(double[] raw, SplittableRandom rng, int pixels) {
        return expose(raw, rng, pixels, 1);
    }

    /**
     * As {@link #expose(double[], SplittableRandom, int)} at an ISO {@code gain} times the base
     * ISO: the same raw value then came from {@code gain} times fewer photons, so shot noise grows
     * by √gain.
     */
    public double[] expose(double[] raw, SplittableRandom rng, int pixels, double gain) {
        double[] out = new double[3];
        double electronsPerUnit = fullWellElectrons / whiteLevel / gain;
        for (int c = 0; c < 3; c++) {
            double v = raw[c];
            if (rng != null) {
                double shotVar = Math.max(v, 0) / electronsPerUnit;
                double readVar = Math.pow(readNoise * whiteLevel, 2);
                v += Noise.gaussian(rng) * Math.sqrt((shotVar + readVar) / pixels);
            }
            out[c] = Math.min(Math.max(v, 0), whiteLevel);
        }
        return out;
    }

    /** Whether any channel of noise-free raw values {@code raw} reaches the white level. */
    public boolean clips(double[] raw) {
        return raw[0] >= whiteLevel || raw[1] >= whiteLevel || raw[2] >= whiteLevel;
    }

    /** Raw values (after noise and clipping) to scene-linear Rec.709: fixed daylight white balance, then the matrix. */
    public double[] toRec709(double[] raw) {
        double[] wb = {raw[0] * whiteBalance[0], raw[1] * whiteBalance[1], raw[2] * whiteBalance[2]};
        double[] out = new double[3];
        for (int r = 0; r < 3; r++) {
            out[r] = matrix[r][0] * wb[0] + matrix[r][1] * wb[1] + matrix[r][2] * wb[2];
        }
        return out;
    }

    /**
     * The whole pipeline for one patch: scene-linear Rec.709 of a surface under {@code light} at
     * {@code ev}, averaged over {@code pixels} pixels.
     *
     * @param rng noise source, {@code null} for no noise
     */
    public double[] capture(Spectrum reflectance, Illuminant light, double ev, SplittableRandom rng, int pixels) {
        return toRec709(expose(raw(reflectance, light, ev), rng, pixels));
    }

    private double[] integrate(Spectrum reflectance, Illuminant light) {
        return new double[] {
            sensitivity[0].integrate(reflectance, light.spd()),
            sensitivity[1].integrate(reflectance, light.spd()),
            sensitivity[2].integrate(reflectance, light.spd()),
        };
    }

    /**
     * Fits the white-balanced raw -> Rec.709 matrix under D65, each row constrained to sum to 1
     * so that white stays white: with m3 = 1 − m1 − m2 the row's least-squares problem becomes
     * t − x3 = m1 (x1 − x3) + m2 (x2 − x3).
     */
    private double[][] fitMatrix(Illuminant d65) {
        List<Spectrum> training = new ArrayList<>();
        PatchSet.colorChecker24().patches().forEach(p -> training.add(p.reflectance()));
        PatchSet.ampas190().patches().forEach(p -> training.add(p.reflectance()));
        int n = training.size();
        double[][] x = new double[n][];
        double[][] t = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] raw = integrate(training.get(i), d65);
            x[i] = new double[] {raw[0] * whiteBalance[0], raw[1] * whiteBalance[1], raw[2] * whiteBalance[2]};
            t[i] = Matrices.apply(XYZ_TO_REC709, Observer.xyz(training.get(i), d65.spd()));
        }
        double[][] m = new double[3][];
        for (int row = 0; row < 3; row++) {
            double[][] a = new double[n][];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = new double[] {x[i][0] - x[i][2], x[i][1] - x[i][2]};
                b[i] = t[i][row] - x[i][2];
            }
            double[] m12 = LeastSquares.solve(a, b);
            m[row] = new double[] {m12[0], m12[1], 1 - m12[0] - m12[1]};
        }
        return m;
    }
}
