package emu.devices.sim.film;

import emu.devices.sim.Noise;
import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Spectrum;
import java.util.SplittableRandom;

/**
 * One roll of a stock after development, as the lab scans and inverts it. The lab's inversion
 * is fixed for the whole roll, set as a lab sets it: the black point from the roll's clear base
 * (unexposed film, fog included) and the grey balance from a reference grey card shot on the roll
 * at the metered exposure under the stock's balance illuminant. Between them, each scanner
 * channel is inverted with the stock's nominal channel gamma (the lab's per-stock setup):
 *
 * <pre>  x_c = 0.18 · (10^((d_c − d_base,c)/γ_c) − 1) / (10^((d_grey,c − d_base,c)/γ_c) − 1)</pre>
 *
 * so the base maps to 0 and the grey to 0.18 in every channel; then the {@link PrintCurve}.
 */
public final class ProcessedRoll {
    private final FilmStock stock;
    private final Development development;
    private final Scanner scanner;
    private final PrintCurve print;
    private final double[] base;
    private final double[] grey;
    private final double[] gamma;

    /** Develops {@code stock} with {@code development}, scans with {@code scanner}, and sets the roll's inversion. */
    public ProcessedRoll(FilmStock stock, Development development, Scanner scanner) {
        this.stock = stock;
        this.development = development;
        this.scanner = scanner;
        this.print = new PrintCurve(stock.printContrast());
        Illuminant balance = stock.balanceIlluminant();
        Spectrum greyCard = Spectrum.constant(0.18);
        this.base = scanDensities(stock.dyeDensities(new double[] {-12, -12, -12}, development));
        this.grey = scanDensities(stock.dyeDensities(stock.logExposure(greyCard, balance, 0), development));
        double[] up = scanDensities(stock.dyeDensities(stock.logExposure(greyCard, balance, 1), Development.NOMINAL));
        double[] down = scanDensities(stock.dyeDensities(stock.logExposure(greyCard, balance, -1), Development.NOMINAL));
        this.gamma = new double[3];
        for (int c = 0; c < 3; c++) {
            gamma[c] = (up[c] - down[c]) / (2 * Math.log10(2));
        }
    }

    /** The stock. */
    public FilmStock stock() {
        return stock;
    }

    /** How this roll was developed. */
    public Development development() {
        return development;
    }

    /** Scanner channel densities of a negative area with dye densities {@code dye}. */
    public double[] scanDensities(double[] dye) {
        return scanner.densities(stock.spectralDensity(dye));
    }

    /**
     * Scanner densities for dye densities (c, m, y) by trilinear interpolation in a table of
     * {@link #scanDensities} on a 0.2-density grid up to {@link #TABLE_MAX}, built on first use:
     * for whole images, where the exact spectral integral per pixel costs too much. Within
     * 0.002 density of the exact value (tested).
     */
    public double[] scanDensitiesFast(double c, double m, double y) {
        double[] t = table();
        double fc = clampIndex(c);
        double fm = clampIndex(m);
        double fy = clampIndex(y);
        int ic = Math.min((int) fc, TABLE_N - 2);
        int im = Math.min((int) fm, TABLE_N - 2);
        int iy = Math.min((int) fy, TABLE_N - 2);
        double dc = fc - ic;
        double dm = fm - im;
        double dy = fy - iy;
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            double v = 0;
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    for (int e = 0; e < 2; e++) {
                        double w = (a == 0 ? 1 - dc : dc) * (b == 0 ? 1 - dm : dm) * (e == 0 ? 1 - dy : dy);
                        v += w * t[(((ic + a) * TABLE_N + (im + b)) * TABLE_N + (iy + e)) * 3 + k];
                    }
                }
            }
            out[k] = v;
        }
        return out;
    }

    /** Largest dye density the fast table covers; beyond it values are held. */
    public static final double TABLE_MAX = 4.0;
    private static final int TABLE_N = 21;
    private double[] table;

    private static double clampIndex(double d) {
        return Math.min(TABLE_N - 1, Math.max(0, d / TABLE_MAX * (TABLE_N - 1)));
    }

    private synchronized double[] table() {
        if (table == null) {
            double[] t = new double[TABLE_N * TABLE_N * TABLE_N * 3];
            double step = TABLE_MAX / (TABLE_N - 1);
            for (int a = 0; a < TABLE_N; a++) {
                for (int b = 0; b < TABLE_N; b++) {
                    for (int e = 0; e < TABLE_N; e++) {
                        double[] d = scanDensities(new double[] {a * step, b * step, e * step});
                        System.arraycopy(d, 0, t, ((a * TABLE_N + b) * TABLE_N + e) * 3, 3);
                    }
                }
            }
            table = t;
        }
        return table;
    }

    /** The lab's output, sRGB-encoded 0..1, for scanner densities {@code d}. */
    public double[] output(double[] d) {
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            double num = Math.pow(10, (d[c] - base[c]) / gamma[c]) - 1;
            double den = Math.pow(10, (grey[c] - base[c]) / gamma[c]) - 1;
            out[c] = print.encoded(0.18 * num / den);
        }
        return out;
    }

    /**
     * The lab's scan of a patch of {@code reflectance} shot under {@code light} at {@code ev},
     * averaged over {@code pixels} scan pixels, with grain: dye-density noise of RMS
     * granularity·√D per pixel (Selwyn's law, σ_D ∝ √D for a given emulsion, Selwyn 1935), reduced
     * by √pixels for the area average.
     *
     * @param rng grain source; {@code null} for a grainless scan
     */
    public double[] scanPatch(Spectrum reflectance, Illuminant light, double ev, SplittableRandom rng, int pixels) {
        double[] dye = stock.dyeDensities(stock.logExposure(reflectance, light, ev), development);
        if (rng != null) {
            for (int i = 0; i < 3; i++) {
                dye[i] = Math.max(0, dye[i] + stock.granularity() * Math.sqrt(dye[i]) / Math.sqrt(pixels) * Noise.gaussian(rng));
            }
        }
        return output(scanDensities(dye));
    }
}
