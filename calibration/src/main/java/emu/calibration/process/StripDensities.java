package emu.calibration.process;

/**
 * One control strip read on a densitometer (status M for colour negative, as Kodak's process
 * manuals prescribe): the D-min patch, the low-density (LD, speed) step and the high-density (HD)
 * step, each as red, green, blue densities.
 */
public record StripDensities(double[] dmin, double[] ld, double[] hd) {
    /** Densities a strip can carry: a transmission densitometer reads 0..~5. */
    public static final double MAX_DENSITY = 6;

    /** The patches in the order the strip and its table list them. */
    public static final String[] PATCHES = {"dmin", "ld", "hd"};

    /** The channel names, in the order of every triple here. */
    public static final String[] CHANNELS = {"r", "g", "b"};

    /**
     * @throws IllegalArgumentException naming the patch and channel ({@code ld_g}) of a value that
     *     is missing, not a number, or outside 0..{@value #MAX_DENSITY}
     */
    public StripDensities {
        dmin = checked("dmin", dmin);
        ld = checked("ld", ld);
        hd = checked("hd", hd);
    }

    /** The nine densities by field name ({@code dmin_r} .. {@code hd_b}), patch by patch. */
    public double[] flat() {
        double[] v = new double[9];
        System.arraycopy(dmin, 0, v, 0, 3);
        System.arraycopy(ld, 0, v, 3, 3);
        System.arraycopy(hd, 0, v, 6, 3);
        return v;
    }

    /** The strip from {@link #flat()}'s order. */
    public static StripDensities ofFlat(double[] v) {
        if (v.length != 9) {
            throw new IllegalArgumentException("a strip has 9 densities (D-min, LD, HD x R, G, B), got " + v.length);
        }
        return new StripDensities(new double[] {v[0], v[1], v[2]}, new double[] {v[3], v[4], v[5]},
                new double[] {v[6], v[7], v[8]});
    }

    /** The field names of {@link #flat()}: {@code dmin_r}, {@code dmin_g}, ..., {@code hd_b}. */
    public static String[] fieldNames() {
        String[] n = new String[9];
        for (int p = 0; p < 3; p++) {
            for (int c = 0; c < 3; c++) {
                n[p * 3 + c] = PATCHES[p] + "_" + CHANNELS[c];
            }
        }
        return n;
    }

    private static double[] checked(String patch, double[] v) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException(patch + ": give red, green and blue densities");
        }
        for (int c = 0; c < 3; c++) {
            if (!(v[c] >= 0 && v[c] <= MAX_DENSITY)) {
                throw new IllegalArgumentException(patch + "_" + CHANNELS[c] + ": density " + v[c] + " must be within 0.."
                        + (int) MAX_DENSITY);
            }
        }
        return v.clone();
    }
}
