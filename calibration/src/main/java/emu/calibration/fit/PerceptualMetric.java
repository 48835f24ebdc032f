package emu.calibration.fit;

import emu.calibration.color.Cielab;
import emu.calibration.color.DeltaE;

/**
 * CIEDE2000's local quadratic form at each scanned film colour, for losses that spend a fit's
 * parameters where the score looks (candidate parameter {@code loss=de2000}, the stack's
 * {@code de2000} weights). For a film colour f (sRGB-encoded, as scored by {@link Evaluation}) and a
 * small error d, dE00(f, f + d)^2 ~ d' M d, so the loss sum_i r_i' M_i r_i weighs lightness, chroma
 * and hue errors as CIEDE2000 does (S_L, S_C = 1 + 0.045 C', S_H, R_T), where squared film error
 * weighs them all alike.
 *
 * <p>M is taken numerically from {@link DeltaE#CIEDE2000} itself (no second implementation): the
 * symmetric second difference q(u) = (dE(f, f + hu)^2 + dE(f, f - hu)^2) / (2 h^2) along the axes
 * and the polarisation identity M_ab = (q(e_a + e_b) - q(e_a - e_b)) / 4 for the off-diagonal
 * terms; the odd (third-order) terms cancel, so the error is O(h^2). This is also right at neutral
 * colours, where CIEDE2000 is a quadratic form in (L', a', b') but not differentiable in (L', C',
 * H'), so a Jacobian by central differences of its components would lose the chroma term. Where
 * the result is not positive semi-definite (CIEDE2000 is not exactly quadratic in a band of width
 * ~h around neutral) its diagonal is used instead.
 *
 * <p>The matrices are scaled so that their mean trace is 3, the trace of the identity that the
 * squared loss uses: ridge and tone-curve smoothing weights then mean the same under either loss.
 */
final class PerceptualMetric {

    /** Finite-difference step in film units (0..1): ~0.1 dE00, small against the errors fitted. */
    static final double STEP = 1e-3;

    private PerceptualMetric() {}

    /** Row-major n x 9 (one row-major 3 x 3 matrix per pair) for row-major n x 3 film values, scaled to mean trace 3. */
    static double[] of(double[] film) {
        int n = film.length / 3;
        double[] m = new double[9 * n];
        double trace = 0;
        for (int i = 0; i < n; i++) {
            at(film[3 * i], film[3 * i + 1], film[3 * i + 2], m, 9 * i);
            trace += m[9 * i] + m[9 * i + 4] + m[9 * i + 8];
        }
        double scale = trace > 0 ? 3 * n / trace : 1;
        for (int i = 0; i < m.length; i++) {
            m[i] *= scale;
        }
        return m;
    }

    /** Unscaled M (dE00^2 per film unit^2) at film colour (r, g, b), written to {@code out[o..o+8]}. */
    static void at(double r, double g, double b, double[] out, int o) {
        double[] f = {r, g, b};
        double[] lab = Cielab.fromSrgb(r, g, b);
        for (int a = 0; a < 3; a++) {
            double[] e = new double[3];
            e[a] = 1;
            out[o + 4 * a] = q(f, lab, e);
            for (int c = a + 1; c < 3; c++) {
                double[] plus = new double[3];
                double[] minus = new double[3];
                plus[a] = 1;
                plus[c] = 1;
                minus[a] = 1;
                minus[c] = -1;
                double v = (q(f, lab, plus) - q(f, lab, minus)) / 4;
                out[o + 3 * a + c] = v;
                out[o + 3 * c + a] = v;
            }
        }
        if (!positiveSemiDefinite(out, o)) {
            for (int a = 0; a < 3; a++) {
                for (int c = 0; c < 3; c++) {
                    if (a != c) {
                        out[o + 3 * a + c] = 0;
                    }
                }
            }
        }
    }

    /** The symmetric second difference of dE00^2 at {@code f} along {@code u}. */
    private static double q(double[] f, double[] lab, double[] u) {
        double s = 0;
        for (int sign = -1; sign <= 1; sign += 2) {
            double[] other = Cielab.fromSrgb(f[0] + sign * STEP * u[0], f[1] + sign * STEP * u[1],
                    f[2] + sign * STEP * u[2]);
            double d = DeltaE.CIEDE2000.between(lab, other);
            s += d * d;
        }
        return s / (2 * STEP * STEP);
    }

    /** Sylvester's criterion on the leading minors, with a tolerance for round-off. */
    private static boolean positiveSemiDefinite(double[] m, int o) {
        double tol = -1e-9 * (Math.abs(m[o]) + Math.abs(m[o + 4]) + Math.abs(m[o + 8]));
        double m1 = m[o];
        double m2 = m[o] * m[o + 4] - m[o + 1] * m[o + 3];
        double m3 = m[o] * (m[o + 4] * m[o + 8] - m[o + 5] * m[o + 7])
                - m[o + 1] * (m[o + 3] * m[o + 8] - m[o + 5] * m[o + 6])
                + m[o + 2] * (m[o + 3] * m[o + 7] - m[o + 4] * m[o + 6]);
        return m1 >= tol && m2 >= tol * Math.abs(m1) && m3 >= tol * Math.abs(m2);
    }

    /** r' M_i r for residual (r0, r1, r2) and pair i's matrix in {@code m}. */
    static double quad(double[] m, int i, double r0, double r1, double r2) {
        int o = 9 * i;
        return r0 * (m[o] * r0 + m[o + 1] * r1 + m[o + 2] * r2)
                + r1 * (m[o + 3] * r0 + m[o + 4] * r1 + m[o + 5] * r2)
                + r2 * (m[o + 6] * r0 + m[o + 7] * r1 + m[o + 8] * r2);
    }
}
