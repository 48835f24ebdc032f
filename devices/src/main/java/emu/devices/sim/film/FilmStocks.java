package emu.devices.sim.film;

import emu.devices.sim.spectral.Spectrum;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The name -> stock registry of the simulated film lab. The stocks are invented, not measured;
 * their parameters are chosen to give each a distinct character within the range of real
 * colour negatives:
 * <ul>
 *   <li>{@code portrait-160}: neutral portrait negative, low contrast, long latitude, mild interimage;</li>
 *   <li>{@code consumer-200}: saturated consumer stock, narrow separated sensitivities, strong DIR
 *       inhibition, earlier shoulder, punchy print;</li>
 *   <li>{@code cine-250d}: daylight motion-picture negative, long soft toe, overlapping
 *       sensitivities, flat rendering, tight process control;</li>
 *   <li>{@code cine-500t}: tungsten-balanced (3200 K) motion-picture negative, grainier, so
 *       daylight frames come out blue.</li>
 * </ul>
 */
public final class FilmStocks {
    private static final Map<String, FilmStock> STOCKS = new LinkedHashMap<>();

    static {
        register(new FilmStock("portrait-160", "neutral portrait negative: low contrast, long latitude, soft colour", "D55",
                sensitivities(new double[] {645, 55, 600, 40, 0.25}, new double[] {548, 70, 505, 40, 0.15}, new double[] {450, 60, 415, 30, 0.2}),
                new CharacteristicCurve[] {
                    new CharacteristicCurve(-2.60, 0.54, 0.20, 2.4, 0.30),
                    new CharacteristicCurve(-2.62, 0.55, 0.20, 2.4, 0.30),
                    new CharacteristicCurve(-2.58, 0.57, 0.20, 2.3, 0.30)},
                interlayer(0.07, 0.06, 0.06),
                dyes(690, 545, 445, 1.0), masks(1.0), base(0.10), new double[] {0.12, 0.12, 0.14}, 1.0, 0.04, 1.05));
        register(new FilmStock("consumer-200", "saturated consumer stock: narrow sensitivities, strong interimage, early shoulder", "D55",
                sensitivities(new double[] {655, 45, 625, 30, 0.1}, new double[] {550, 50, 520, 30, 0.1}, new double[] {445, 50, 420, 25, 0.1}),
                new CharacteristicCurve[] {
                    new CharacteristicCurve(-2.38, 0.66, 0.15, 1.9, 0.20),
                    new CharacteristicCurve(-2.40, 0.68, 0.15, 1.9, 0.20),
                    new CharacteristicCurve(-2.36, 0.70, 0.15, 1.8, 0.22)},
                interlayer(0.17, 0.15, 0.12),
                dyes(695, 550, 440, 1.3), masks(0.8), base(0.12), new double[] {0.15, 0.15, 0.18}, 1.3, 0.06, 1.3));
        register(new FilmStock("cine-250d", "daylight motion-picture negative: long soft toe, flat and even", "D55",
                sensitivities(new double[] {630, 60, 595, 40, 0.3}, new double[] {540, 80, 575, 40, 0.2}, new double[] {455, 70, 480, 30, 0.15}),
                new CharacteristicCurve[] {
                    new CharacteristicCurve(-2.90, 0.60, 0.35, 2.6, 0.40),
                    new CharacteristicCurve(-2.90, 0.60, 0.35, 2.6, 0.40),
                    new CharacteristicCurve(-2.88, 0.62, 0.35, 2.5, 0.40)},
                interlayer(0.05, 0.05, 0.04),
                dyes(680, 540, 450, 0.9), masks(1.0), base(0.14), new double[] {0.10, 0.10, 0.12}, 0.7, 0.035, 1.15));
        register(new FilmStock("cine-500t", "tungsten (3200 K) motion-picture negative: fast, grainy; daylight goes blue", "3200K",
                sensitivities(new double[] {635, 60, 600, 40, 0.3}, new double[] {540, 80, 575, 40, 0.2}, new double[] {455, 70, 480, 30, 0.15}),
                new CharacteristicCurve[] {
                    new CharacteristicCurve(-3.00, 0.58, 0.35, 2.5, 0.40),
                    new CharacteristicCurve(-3.00, 0.58, 0.35, 2.5, 0.40),
                    new CharacteristicCurve(-2.98, 0.60, 0.35, 2.4, 0.40)},
                interlayer(0.06, 0.05, 0.05),
                dyes(680, 540, 450, 0.9), masks(1.0), base(0.15), new double[] {0.14, 0.14, 0.16}, 0.8, 0.07, 1.15));
    }

    private FilmStocks() {}

    private static void register(FilmStock stock) {
        STOCKS.put(stock.name(), stock);
    }

    /** The registered stock names, in a stable order. */
    public static List<String> names() {
        return List.copyOf(STOCKS.keySet());
    }

    /** All stocks by name (read-only). */
    public static Map<String, FilmStock> all() {
        return Collections.unmodifiableMap(STOCKS);
    }

    /**
     * The stock called {@code name}.
     *
     * @throws IllegalArgumentException naming the known stocks if there is none
     */
    public static FilmStock get(String name) {
        FilmStock s = name == null ? null : STOCKS.get(name.trim().toLowerCase(java.util.Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("unknown film stock '" + name + "'; known: " + String.join(", ", STOCKS.keySet()));
        }
        return s;
    }

    /** Each layer: a main Gaussian band {peak, fwhm} plus a weaker side band {peak, fwhm, weight}, for asymmetric shapes. */
    private static Spectrum[] sensitivities(double[]... layers) {
        Spectrum[] s = new Spectrum[3];
        for (int i = 0; i < 3; i++) {
            double[] p = layers[i];
            s[i] = Spectrum.gaussian(p[0], p[1]).plus(Spectrum.gaussian(p[2], p[3]).scale(p[4]));
        }
        return s;
    }

    /** Inhibition of each layer by the other two: red by green/blue, green by red/blue, blue by red/green. */
    private static double[][] interlayer(double onRed, double onGreen, double onBlue) {
        return new double[][] {{0, onRed * 0.7, onRed * 0.3}, {onGreen * 0.5, 0, onGreen * 0.5}, {onBlue * 0.3, onBlue * 0.7, 0}};
    }

    /**
     * Cyan, magenta, yellow dye spectral densities at unit peak, with typical unwanted
     * absorptions (cyan in green and blue, magenta in blue, yellow in green; Hunt, The
     * Reproduction of Colour, 6th ed., §14.5) scaled by {@code unwanted}.
     */
    private static Spectrum[] dyes(double cyan, double magenta, double yellow, double unwanted) {
        return new Spectrum[] {
            Spectrum.gaussian(cyan, 120).plus(Spectrum.gaussian(540, 80).scale(0.10 * unwanted)).plus(Spectrum.gaussian(440, 60).scale(0.06 * unwanted)),
            Spectrum.gaussian(magenta, 85).plus(Spectrum.gaussian(440, 60).scale(0.22 * unwanted)).plus(Spectrum.gaussian(650, 80).scale(0.04 * unwanted)),
            Spectrum.gaussian(yellow, 75).plus(Spectrum.gaussian(540, 60).scale(0.05 * unwanted)),
        };
    }

    /** Coloured-coupler masks: the cyan coupler absorbs green and blue, the magenta coupler blue. */
    private static Spectrum[] masks(double strength) {
        return new Spectrum[] {
            Spectrum.gaussian(540, 80).scale(0.10 * strength).plus(Spectrum.gaussian(440, 60).scale(0.06 * strength)),
            Spectrum.gaussian(440, 60).scale(0.22 * strength),
            Spectrum.constant(0),
        };
    }

    /** A base that is clear apart from a slight blue absorption, of neutral density {@code neutral}. */
    private static Spectrum base(double neutral) {
        return Spectrum.constant(neutral).plus(Spectrum.gaussian(400, 60).scale(0.05));
    }
}
