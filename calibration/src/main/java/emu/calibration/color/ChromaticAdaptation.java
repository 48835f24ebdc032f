package emu.calibration.color;

/**
 * Von Kries-type chromatic adaptation in the Bradford cone space (Lam 1985; the linearised form
 * as given in CIE 160:2004 and Lindbloom's "Chromatic Adaptation"): M^-1 diag(rho_d/rho_s)
 * M with M the Bradford matrix.
 */
public final class ChromaticAdaptation {

    /** The Bradford cone response matrix. */
    public static final double[] BRADFORD = {
        0.8951, 0.2664, -0.1614,
        -0.7502, 1.7135, 0.0367,
        0.0389, -0.0685, 1.0296,
    };

    private ChromaticAdaptation() {}

    /** The XYZ -> XYZ matrix adapting colours seen under {@code sourceWhite} to {@code targetWhite}. */
    public static double[] bradford(double[] sourceWhite, double[] targetWhite) {
        double[] s = Matrices.apply(BRADFORD, sourceWhite);
        double[] t = Matrices.apply(BRADFORD, targetWhite);
        double[] scale = Matrices.diagonal(t[0] / s[0], t[1] / s[1], t[2] / s[2]);
        return Matrices.multiply(Matrices.invert(BRADFORD), Matrices.multiply(scale, BRADFORD));
    }
}
