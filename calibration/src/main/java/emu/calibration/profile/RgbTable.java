package emu.calibration.profile;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A 3D RGB table as Adobe Camera Raw and Lightroom apply it in a creative profile: the public
 * DNG SDK's {@code dng_rgb_table} (source/dng_big_table.h, DNG SDK 1.7), restricted to the 3D
 * form.
 *
 * <p>The table holds {@code divisions^3} output triples as unsigned 16-bit values (0..65535 =
 * 0..1), indexed red-slowest, blue-fastest (the SDK's {@code rIndex / gIndex / bIndex} loops;
 * the opposite of .cube's red-fastest order). Input and output are in the space named by
 * {@link Primaries} and {@link Gamma}; {@link Gamut} says how colours outside it are treated.
 * The amount range bounds the profile's Amount slider (SDK defaults 0..2, i.e. 0%..200%).
 */
public final class RgbTable {

    /** {@code dng_rgb_table::kMinDivisions3D}. */
    public static final int MIN_DIVISIONS = 2;
    /** {@code dng_rgb_table::kMaxDivisions3D}: the largest table the SDK reads from a profile. */
    public static final int MAX_DIVISIONS = 32;

    /** {@code dng_rgb_table::primaries_enum}; the ordinal is the stored code. */
    public enum Primaries { SRGB, ADOBE, PROPHOTO, P3, REC2020 }

    /** {@code dng_rgb_table::gamma_enum}; the ordinal is the stored code. */
    public enum Gamma { LINEAR, SRGB, GAMMA_1_8, GAMMA_2_2, REC2020 }

    /** {@code dng_rgb_table::gamut_enum}; the ordinal is the stored code. */
    public enum Gamut { CLIP, EXTEND }

    private final int divisions;
    private final char[] samples; // unsigned 16-bit, 3 per grid point, r slowest, b fastest
    private final Primaries primaries;
    private final Gamma gamma;
    private final Gamut gamut;
    private final double minAmount;
    private final double maxAmount;

    private RgbTable(int divisions, char[] samples, Primaries primaries, Gamma gamma, Gamut gamut,
                     double minAmount, double maxAmount) {
        this.divisions = divisions;
        this.samples = samples;
        this.primaries = primaries;
        this.gamma = gamma;
        this.gamut = gamut;
        this.minAmount = minAmount;
        this.maxAmount = maxAmount;
    }

    /**
     * Samples {@code look} on a {@code divisions^3} grid of the table's input space.
     *
     * @param look maps row-major {@code n x 3} input values (0..1, in the table's space) to as many
     *     output triples; outputs are clipped to 0..1 and quantised to 16 bits
     * @param minAmount lowest Amount the slider offers, 0..1 (the SDK rounds to 0.01)
     * @param maxAmount highest Amount the slider offers, 1..2
     * @throws IllegalArgumentException on a grid size outside 2..32, an amount range the SDK
     *     rejects, or a look that returns the wrong number of values or a NaN
     */
    public static RgbTable sample(int divisions, UnaryOperator<double[]> look, Primaries primaries,
                                  Gamma gamma, Gamut gamut, double minAmount, double maxAmount) {
        if (divisions < MIN_DIVISIONS || divisions > MAX_DIVISIONS) {
            throw new IllegalArgumentException("RGB table size " + divisions
                    + " is outside " + MIN_DIVISIONS + ".." + MAX_DIVISIONS
                    + " points per axis (the DNG SDK's limit for profiles)");
        }
        // Same bounds as dng_rgb_table::GetStream's "Invalid min/max amount" check.
        if (!(minAmount >= 0.0 && minAmount <= 1.0 && maxAmount >= 1.0 && maxAmount <= 2.0)) {
            throw new IllegalArgumentException("amount range " + minAmount + ".." + maxAmount
                    + " must have min in 0..1 and max in 1..2");
        }
        Objects.requireNonNull(look, "look");
        int n = divisions * divisions * divisions;
        double[] grid = new double[3 * n];
        int i = 0;
        for (int r = 0; r < divisions; r++) {
            for (int g = 0; g < divisions; g++) {
                for (int b = 0; b < divisions; b++) {
                    grid[i++] = r / (double) (divisions - 1);
                    grid[i++] = g / (double) (divisions - 1);
                    grid[i++] = b / (double) (divisions - 1);
                }
            }
        }
        double[] out = look.apply(grid);
        if (out == null || out.length != grid.length) {
            throw new IllegalArgumentException("look returned " + (out == null ? "null" : out.length
                    + " values") + " for " + grid.length + " inputs");
        }
        char[] samples = new char[out.length];
        for (int k = 0; k < out.length; k++) {
            if (Double.isNaN(out[k])) {
                throw new IllegalArgumentException("look returned NaN at grid value " + k / 3);
            }
            samples[k] = (char) Math.round(Math.min(1.0, Math.max(0.0, out[k])) * 65535.0);
        }
        return new RgbTable(divisions, samples, Objects.requireNonNull(primaries, "primaries"),
                Objects.requireNonNull(gamma, "gamma"), Objects.requireNonNull(gamut, "gamut"),
                roundToPercent(minAmount), roundToPercent(maxAmount));
    }

    /** As {@code dng_rgb_table::SetAmountRange}, which keeps amounts in whole percent. */
    private static double roundToPercent(double amount) {
        return Math.round(amount * 100.0) * 0.01;
    }

    public int divisions() {
        return divisions;
    }

    /** The 16-bit output value of channel {@code c} (0 = R) at grid point (r, g, b). */
    public int sample(int r, int g, int b, int c) {
        return samples[((r * divisions + g) * divisions + b) * 3 + c];
    }

    public Primaries primaries() {
        return primaries;
    }

    public Gamma gamma() {
        return gamma;
    }

    public Gamut gamut() {
        return gamut;
    }

    public double minAmount() {
        return minAmount;
    }

    public double maxAmount() {
        return maxAmount;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbTable t && t.divisions == divisions
                && Arrays.equals(t.samples, samples) && t.primaries == primaries
                && t.gamma == gamma && t.gamut == gamut
                && t.minAmount == minAmount && t.maxAmount == maxAmount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(divisions, Arrays.hashCode(samples), primaries, gamma, gamut);
    }
}
