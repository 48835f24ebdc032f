package emu.calibration.lut;

import java.util.Arrays;

/**
 * A 3D colour lookup table: an {@code N x N x N} lattice of RGB outputs over an input box
 * {@code [domainMin, domainMax]} per channel.
 *
 * <p>Storage follows the .cube files this package reads and writes (Adobe Cube LUT
 * Specification 1.0, "Table data"): red varies fastest, then green, then blue, so entry
 * {@code (r, g, b)} lives at {@code 3 * (r + N * (g + N * b))}. Values are kept as {@code float}:
 * the tables are applied to millions of pixels and a 65^3 table then fits the cache better;
 * six decimals (what the writers print) are well inside float precision for display values.
 *
 * <p>Immutable: the constructor copies the table and accessors never expose it.
 */
public final class Lut3D {
    /** Smallest and largest lattice size (the Adobe specification allows 2..256). */
    public static final int MIN_SIZE = 2;
    public static final int MAX_SIZE = 256;

    private final int size;
    private final float[] table;
    private final double[] domainMin;
    private final double[] domainMax;

    /**
     * @param size lattice points per axis, {@value #MIN_SIZE}..{@value #MAX_SIZE}
     * @param table {@code 3 * size^3} finite values, red fastest
     * @param domainMin input value mapped to the first lattice point, per channel
     * @param domainMax input value mapped to the last lattice point, per channel (each above its min)
     */
    public Lut3D(int size, float[] table, double[] domainMin, double[] domainMax) {
        checkSize(size);
        long expected = 3L * size * size * size;
        if (table.length != expected) {
            throw new IllegalArgumentException("a " + size + "^3 LUT needs " + expected + " values, got " + table.length);
        }
        this.size = size;
        this.table = table.clone();
        for (int i = 0; i < this.table.length; i++) {
            if (!Float.isFinite(this.table[i])) {
                throw new IllegalArgumentException("LUT value " + i + " is not finite: " + this.table[i]);
            }
        }
        this.domainMin = checkDomain(domainMin, domainMax, "LUT")[0];
        this.domainMax = domainMax.clone();
    }

    /** A LUT over the unit cube. */
    public Lut3D(int size, float[] table) {
        this(size, table, new double[] {0, 0, 0}, new double[] {1, 1, 1});
    }

    /** The identity over the unit cube (useful as a consumer probe). */
    public static Lut3D identity(int size) {
        checkSize(size);
        float[] t = new float[3 * size * size * size];
        int i = 0;
        for (int b = 0; b < size; b++) {
            for (int g = 0; g < size; g++) {
                for (int r = 0; r < size; r++) {
                    t[i++] = r / (float) (size - 1);
                    t[i++] = g / (float) (size - 1);
                    t[i++] = b / (float) (size - 1);
                }
            }
        }
        return new Lut3D(size, t);
    }

    static void checkSize(int size) {
        if (sizeProblem(size) != null) {
            throw new IllegalArgumentException("3D LUT size must be " + MIN_SIZE + ".." + MAX_SIZE + ", got " + size);
        }
    }

    /** Null when a lattice of {@code size} points per axis can be built, else what sizes can. */
    public static String sizeProblem(int size) {
        return size < MIN_SIZE || size > MAX_SIZE ? "takes " + MIN_SIZE + ".." + MAX_SIZE + " points per axis" : null;
    }

    /** Validates a per-channel input box and returns defensive copies {min, max}. */
    static double[][] checkDomain(double[] min, double[] max, String what) {
        if (min.length != 3 || max.length != 3) {
            throw new IllegalArgumentException(what + " domain needs 3 channels");
        }
        for (int c = 0; c < 3; c++) {
            if (!Double.isFinite(min[c]) || !Double.isFinite(max[c]) || !(max[c] > min[c])) {
                throw new IllegalArgumentException(what + " domain channel " + c + " must satisfy min < max, got "
                        + min[c] + " .. " + max[c]);
            }
        }
        return new double[][] {min.clone(), max.clone()};
    }

    public int size() {
        return size;
    }

    /** Output channel {@code c} at lattice point (r, g, b). */
    public float get(int r, int g, int b, int c) {
        return table[3 * (r + size * (g + size * b)) + c];
    }

    public double[] domainMin() {
        return domainMin.clone();
    }

    public double[] domainMax() {
        return domainMax.clone();
    }

    /** True when the input box is the unit cube (Adobe's default domain). */
    public boolean hasUnitDomain() {
        for (int c = 0; c < 3; c++) {
            if (domainMin[c] != 0 || domainMax[c] != 1) {
                return false;
            }
        }
        return true;
    }

    /** A copy of the table, red fastest. */
    public float[] table() {
        return table.clone();
    }

    /** The table itself, for the interpolators in this package (never modified). */
    float[] rawTable() {
        return table;
    }

    double domainMin(int c) {
        return domainMin[c];
    }

    double domainMax(int c) {
        return domainMax[c];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lut3D l && l.size == size && Arrays.equals(l.table, table)
                && Arrays.equals(l.domainMin, domainMin) && Arrays.equals(l.domainMax, domainMax);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(table);
    }

    @Override
    public String toString() {
        return "Lut3D[" + size + "^3, domain " + Arrays.toString(domainMin) + ".." + Arrays.toString(domainMax) + "]";
    }
}
