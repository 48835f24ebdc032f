package emu.calibration.process;

/**
 * A strip's control values: how far it sits from the lot's reference strip, per channel (Kodak's
 * process-control method, e.g. Z-99 "Introduction to Color Process Monitoring": control value =
 * strip density − aim, where the aim is the reference strip's reading plus the lot's correction
 * factors; here the reference is typed already corrected). D-min is the fog and base, LD the
 * speed step, HD−LD the contrast. The colour-balance spread of LD and of HD−LD is the distance
 * between the two most widely separated channels (Z-119 §13 defines it so for E-6; the C-41
 * manuals plot it the same way).
 */
public record ControlValues(double[] dmin, double[] ld, double[] hdMinusLd) {
    public ControlValues {
        dmin = dmin.clone();
        ld = ld.clone();
        hdMinusLd = hdMinusLd.clone();
    }

    /** The strip's deviations from the reference strip. */
    public static ControlValues of(StripDensities strip, StripDensities reference) {
        double[] dmin = new double[3];
        double[] ld = new double[3];
        double[] contrast = new double[3];
        for (int c = 0; c < 3; c++) {
            dmin[c] = strip.dmin()[c] - reference.dmin()[c];
            ld[c] = strip.ld()[c] - reference.ld()[c];
            contrast[c] = (strip.hd()[c] - strip.ld()[c]) - (reference.hd()[c] - reference.ld()[c]);
        }
        return new ControlValues(dmin, ld, contrast);
    }

    /** The deviations of one control value, red, green, blue. */
    public double[] of(ControlValue v) {
        return switch (v) {
            case DMIN -> dmin.clone();
            case LD -> ld.clone();
            case HD_LD -> hdMinusLd.clone();
        };
    }

    /** Colour-balance spread of one control value: largest channel deviation minus the smallest. */
    public double spread(ControlValue v) {
        double[] d = of(v);
        return Math.max(d[0], Math.max(d[1], d[2])) - Math.min(d[0], Math.min(d[1], d[2]));
    }
}
