package emu.calibration.fit;

import java.util.List;

/**
 * Fits three planes a_c . x = 1 (a sensor's per-RAW-channel clip seen through its matrix) that
 * separate readings kept (before every plane) from readings known to be past one (see
 * {@link DigitalClip}): logistic loss on a smooth maximum of the three a_c . x, each class weighted
 * equally, minimised by Adam (Kingma &amp; Ba 2015, "Adam: a method for stochastic optimization",
 * ICLR) from the planes at each channel's largest kept reading. Inputs are scaled by those largest
 * readings so one step size suits any camera's units. Sharpness and the kept readings' weight were
 * chosen on the bench's training reflectances (bench/fidelity/highlights.sh: the planes then sit
 * within 1% of the simulated camera's red and green clip and 10% below its blue one).
 */
final class ClipPlanes {

    /** Sharpness of the smooth maximum (log-sum-exp / BETA) and of the logistic loss, in clip units. */
    private static final double BETA = 40;
    private static final double KAPPA = 300;
    /** Kept readings are certain and past ones only bracket the clip (up to one EV step beyond): kept count more. */
    private static final double KEPT_WEIGHT = 5;
    /** Kept readings with no channel above this fraction of its top are left out of the fit. */
    private static final double NEAR = 0.2;
    private static final int ITERATIONS = 1500;
    private static final double RATE = 0.005;

    private ClipPlanes() {}

    /** Row-major 3x3 A with a_c . x = 1 on plane c, in the readings' own units; null when a channel never reads above 0. */
    static double[] fit(List<double[]> kept, List<double[]> past) {
        double[] scale = new double[3];
        for (double[] x : kept) {
            for (int c = 0; c < 3; c++) {
                scale[c] = Math.max(scale[c], x[c]);
            }
        }
        for (int c = 0; c < 3; c++) {
            if (!(scale[c] > 0)) {
                return null; // a channel never read above 0: nothing to place its plane by
            }
        }
        // Readings far below every channel's top cannot touch a plane (their loss is ~e^-KAPPA): left out.
        List<double[]> u0 = new java.util.ArrayList<>();
        List<Double> l0 = new java.util.ArrayList<>();
        int nKept = 0;
        for (int i = 0; i < kept.size() + past.size(); i++) {
            double[] x = i < kept.size() ? kept.get(i) : past.get(i - kept.size());
            double[] v = {x[0] / scale[0], x[1] / scale[1], x[2] / scale[2]};
            if (Math.max(v[0], Math.max(v[1], v[2])) > NEAR || i >= kept.size()) {
                u0.add(v);
                l0.add(i < kept.size() ? 0.0 : 1.0);
                nKept += i < kept.size() ? 1 : 0;
            }
        }
        double[][] u = u0.toArray(new double[0][]);
        double[] label = l0.stream().mapToDouble(Double::doubleValue).toArray();
        double wKept = KEPT_WEIGHT / Math.max(1, nKept);
        double wPast = 1.0 / past.size();
        double[] p = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double[] m = new double[9];
        double[] v = new double[9];
        double[] grad = new double[9];
        double[] z = new double[3];
        for (int it = 1; it <= ITERATIONS; it++) {
            java.util.Arrays.fill(grad, 0);
            for (int i = 0; i < u.length; i++) {
                double top = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < 3; c++) {
                    z[c] = p[3 * c] * u[i][0] + p[3 * c + 1] * u[i][1] + p[3 * c + 2] * u[i][2];
                    top = Math.max(top, z[c]);
                }
                double sum = 0;
                for (int c = 0; c < 3; c++) {
                    z[c] = Math.exp(BETA * (z[c] - top));
                    sum += z[c];
                }
                double smax = top + Math.log(sum) / BETA;
                // d/ds of softplus(KAPPA (s - 1)) for kept, softplus(KAPPA (1 - s)) for past
                double sign = label[i] == 0 ? 1 : -1;
                double g = sign * KAPPA * sigmoid(sign * KAPPA * (smax - 1)) * (label[i] == 0 ? wKept : wPast);
                for (int c = 0; c < 3; c++) {
                    double gc = g * z[c] / sum;
                    for (int j = 0; j < 3; j++) {
                        grad[3 * c + j] += gc * u[i][j];
                    }
                }
            }
            for (int k = 0; k < 9; k++) {
                m[k] = 0.9 * m[k] + 0.1 * grad[k];
                v[k] = 0.999 * v[k] + 0.001 * grad[k] * grad[k];
                double mh = m[k] / (1 - Math.pow(0.9, it));
                double vh = v[k] / (1 - Math.pow(0.999, it));
                p[k] -= RATE * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        double[] a = new double[9];
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 3; j++) {
                a[3 * c + j] = p[3 * c + j] / scale[j];
            }
        }
        return a;
    }

    private static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }
}
