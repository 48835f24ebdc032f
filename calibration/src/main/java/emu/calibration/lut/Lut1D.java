package emu.calibration.lut;

import java.util.Arrays;

/**
 * A per-channel 1D lookup table ("shaper"): {@code N} evenly spaced entries over an input range
 * per channel, linearly interpolated, input clamped to the range.
 *
 * <p>Used in front of a {@link Lut3D} to spend the lattice where it matters (the Resolve .cube
 * form: {@code LUT_1D_SIZE} + {@code LUT_1D_INPUT_RANGE} before {@code LUT_3D_SIZE}). Entry
 * {@code i} of channel {@code c} lives at {@code 3 * i + c}, one RGB row per entry as in the files.
 * Immutable.
 */
public final class Lut1D {
    /** Smallest and largest table length (Resolve's limit for {@code LUT_1D_SIZE}). */
    public static final int MIN_SIZE = 2;
    public static final int MAX_SIZE = 65536;

    private final int size;
    private final float[] table;
    private final double[] domainMin;
    private final double[] domainMax;

    public Lut1D(int size, float[] table, double[] domainMin, double[] domainMax) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("1D LUT size must be " + MIN_SIZE + ".." + MAX_SIZE + ", got " + size);
        }
        if (table.length != 3 * size) {
            throw new IllegalArgumentException("a 1D LUT of " + size + " entries needs " + 3 * size + " values, got "
                    + table.length);
        }
        this.size = size;
        this.table = table.clone();
        for (int i = 0; i < this.table.length; i++) {
            if (!Float.isFinite(this.table[i])) {
                throw new IllegalArgumentException("1D LUT value " + i + " is not finite: " + this.table[i]);
            }
        }
        double[][] d = Lut3D.checkDomain(domainMin, domainMax, "1D LUT");
        this.domainMin = d[0];
        this.domainMax = d[1];
    }

    public int size() {
        return size;
    }

    public float get(int i, int c) {
        return table[3 * i + c];
    }

    public double[] domainMin() {
        return domainMin.clone();
    }

    public double[] domainMax() {
        return domainMax.clone();
    }

    /** True when all three channels share one input range (what the Resolve form can say). */
    public boolean hasSharedDomain() {
        return domainMin[0] == domainMin[1] && domainMin[1] == domainMin[2]
                && domainMax[0] == domainMax[1] && domainMax[1] == domainMax[2];
    }

    public float[] table() {
        return table.clone();
    }

    /** Applies channel {@code c}: linear interpolation between the two nearest entries. */
    public float apply(float v, int c) {
        double x = (v - domainMin[c]) / (domainMax[c] - domainMin[c]) * (size - 1);
        if (!(x > 0)) { // also catches NaN: a NaN pixel becomes the first entry, never propagates
            return table[c];
        }
        if (x >= size - 1) {
            return table[3 * (size - 1) + c];
        }
        int i = (int) x;
        float f = (float) (x - i);
        float a = table[3 * i + c];
        return a + f * (table[3 * (i + 1) + c] - a);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lut1D l && l.size == size && Arrays.equals(l.table, table)
                && Arrays.equals(l.domainMin, domainMin) && Arrays.equals(l.domainMax, domainMax);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(table);
    }
}
