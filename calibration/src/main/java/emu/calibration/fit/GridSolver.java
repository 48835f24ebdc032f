package emu.calibration.fit;

/**
 * The penalised least-squares problem of {@link GridFitter} on one regular lattice, for one set of training inputs:
 * node values v minimising sum_i (A v - y)_i^2 + mu x E(v), A the trilinear interpolation weights of the training
 * inputs (8 per row), E a discrete thin-plate (curvature) energy: per node, the squared second differences along
 * each axis (divided by h^4) plus twice the squared mixed differences of each axis pair (divided by h_a^2 h_b^2),
 * the finite-difference form of the integral of f_xx^2 + f_yy^2 + f_zz^2 + 2 (f_xy^2 + f_xz^2 + f_yz^2). Its null
 * space is the affine functions, which the data pin down; nodes far from any data follow the smoothest continuation.
 * mu = lambda x n / size^3, so lambda weighs the mean squared residual against the mean curvature energy per node
 * and means about the same on any lattice size. Solved by conjugate gradients on the normal equations
 * (A'A + mu E) v = A'y with a Jacobi (diagonal) preconditioner, matrix-free. With per-pair weights W (option
 * {@code weight=lab}) the data term is sum_i W_i (A v - y)_i^2: normal equations (A'WA + mu E) v = A'Wy.
 */
final class GridSolver {

    private final GridModel.Lattice lat;
    private final int n;
    private final int[] corner;
    private final double[] w;
    private final double[] dataDiag;
    /** The eight corners' index offsets from a cell's lowest node ({@link GridModel.Lattice#offset}). */
    private final int[] off = new int[8];
    /** The penalty's six term groups, padded and zero outside their nodes ({@link #penalty}); made on first use. */
    private double[][] terms;
    /** Iterations the last {@link #solve} ran (diagnostics). */
    int iterations;

    /** @param s row-major n x 3 shaped training inputs */
    GridSolver(GridModel.Lattice lat, double[] s) {
        this.lat = lat;
        this.n = s.length / 3;
        this.corner = new int[n];
        this.w = new double[8 * n];
        this.dataDiag = new double[lat.nodes()];
        for (int k = 0; k < 8; k++) {
            off[k] = lat.offset(k);
        }
        for (int i = 0; i < n; i++) {
            corner[i] = lat.cell(s[3 * i], s[3 * i + 1], s[3 * i + 2], w, 8 * i);
            for (int k = 0; k < 8; k++) {
                dataDiag[corner[i] + off[k]] += w[8 * i + k] * w[8 * i + k];
            }
        }
    }

    /**
     * Node values for targets {@code y} (n values) and smoothing {@code lambda}, starting from {@code start} (or
     * zero); at most {@code maxIter} iterations, stopping once the residual norm falls below {@code tol} times the
     * right-hand side's.
     */
    double[] solve(double[] y, double lambda, double[] start, int maxIter, double tol) {
        return solve(y, null, lambda, start, maxIter, tol);
    }

    /** As {@link #solve(double[], double, double[], int, double)} with per-pair weights {@code wt} (null: 1). */
    double[] solve(double[] y, double[] wt, double lambda, double[] start, int maxIter, double tol) {
        int nn = lat.nodes();
        double mu = lambda * n / nn;
        double[] diag = new double[nn];
        penalty(null, diag, mu);
        double[] dd = dataDiag;
        if (wt != null) {
            dd = new double[nn];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 8; k++) {
                    dd[corner[i] + off[k]] += wt[i] * w[8 * i + k] * w[8 * i + k];
                }
            }
        }
        for (int p = 0; p < nn; p++) {
            diag[p] = 1 / Math.max(diag[p] + dd[p], 1e-300);
        }
        double[] b = new double[nn];
        scatter(y, wt, b);
        double[] v = start == null ? new double[nn] : start.clone();
        double[] r = new double[nn];
        apply(v, wt, r, mu);
        double bn = 0;
        for (int p = 0; p < nn; p++) {
            r[p] = b[p] - r[p];
            bn += b[p] * b[p];
        }
        double stop = tol * tol * Math.max(bn, 1e-300);
        double[] z = new double[nn];
        double[] d = new double[nn];
        double[] q = new double[nn];
        double rz = 0;
        for (int p = 0; p < nn; p++) {
            z[p] = diag[p] * r[p];
            d[p] = z[p];
            rz += r[p] * z[p];
        }
        iterations = 0;
        for (int it = 0; it < maxIter; it++, iterations++) {
            double rr = 0;
            for (int p = 0; p < nn; p++) {
                rr += r[p] * r[p];
            }
            if (rr <= stop) {
                break;
            }
            apply(d, wt, q, mu);
            double dq = 0;
            for (int p = 0; p < nn; p++) {
                dq += d[p] * q[p];
            }
            if (!(dq > 0)) {
                break;
            }
            double alpha = rz / dq;
            double rzNew = 0;
            for (int p = 0; p < nn; p++) {
                v[p] += alpha * d[p];
                r[p] -= alpha * q[p];
                z[p] = diag[p] * r[p];
                rzNew += r[p] * z[p];
            }
            double beta = rzNew / rz;
            rz = rzNew;
            for (int p = 0; p < nn; p++) {
                d[p] = z[p] + beta * d[p];
            }
        }
        return v;
    }

    /** A'W y: each (weighted) training target spread onto its cell's eight nodes. */
    private void scatter(double[] y, double[] wt, double[] out) {
        for (int i = 0; i < n; i++) {
            double yi = wt == null ? y[i] : wt[i] * y[i];
            for (int k = 0; k < 8; k++) {
                out[corner[i] + off[k]] += w[8 * i + k] * yi;
            }
        }
    }

    /** out = (A'WA + mu E) v. */
    private void apply(double[] v, double[] wt, double[] out, double mu) {
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < n; i++) {
            double a = 0;
            for (int k = 0; k < 8; k++) {
                a += w[8 * i + k] * v[corner[i] + off[k]];
            }
            a = wt == null ? a : wt[i] * a;
            for (int k = 0; k < 8; k++) {
                out[corner[i] + off[k]] += w[8 * i + k] * a;
            }
        }
        penalty(v, out, mu);
    }

    /**
     * Adds mu E v to {@code out}; with {@code v} null adds E's diagonal times mu instead (for the preconditioner).
     * Second differences along axis a at nodes with an inner index on a; mixed differences on every cell face pair.
     * The sums' order is the model's: keep it. Each out[q] takes its terms group by group (axis 0's second
     * differences, the 0-1, 0-2 mixed ones, axis 1's, 1-2's, axis 2's) and within a group from the nodes (cells) in
     * index order, as the six scatter passes over the lattice this replaced did; here each group's terms are made
     * first ({@link #second}, {@link #mixed}) and one pass gathers them into out[q] in that order. Terms a node does
     * not get read as +0 from the zeroed scratch, which leaves out[q] as it was (out never holds -0: it starts at +0
     * and only sums), so the result is bit for bit the scatter's (GridSolverTest).
     */
    void penalty(double[] v, double[] out, double mu) {
        int g = lat.size();
        int g2 = g * g;
        int pad = g2 + g + 1;
        if (terms == null) {
            terms = new double[6][lat.nodes() + 2 * pad];
        }
        double[] h = lat.step();
        for (int a = 0, t = 0; a < 3; a++) {
            second(v, terms[t++], a, mu / (h[a] * h[a] * h[a] * h[a]), pad);
            for (int b = a + 1; b < 3; b++) {
                mixed(v, terms[t++], a, b, 2 * mu / (h[a] * h[a] * h[b] * h[b]), pad);
            }
        }
        double[] d0 = terms[0];
        double[] m01 = terms[1];
        double[] m02 = terms[2];
        double[] d1 = terms[3];
        double[] m12 = terms[4];
        double[] d2 = terms[5];
        int nn = lat.nodes();
        for (int q = 0, i = pad; q < nn; q++, i++) {
            double o = out[q];
            if (v == null) {
                o += d0[i - 1]; o += 4 * d0[i]; o += d0[i + 1];
                o += m01[i - 1 - g]; o += m01[i - g]; o += m01[i - 1]; o += m01[i];
                o += m02[i - 1 - g2]; o += m02[i - g2]; o += m02[i - 1]; o += m02[i];
                o += d1[i - g]; o += 4 * d1[i]; o += d1[i + g];
                o += m12[i - g - g2]; o += m12[i - g2]; o += m12[i - g]; o += m12[i];
                o += d2[i - g2]; o += 4 * d2[i]; o += d2[i + g2];
            } else {
                o += d0[i - 1]; o -= 2 * d0[i]; o += d0[i + 1];
                o += m01[i - 1 - g]; o -= m01[i - g]; o -= m01[i - 1]; o += m01[i];
                o += m02[i - 1 - g2]; o -= m02[i - g2]; o -= m02[i - 1]; o += m02[i];
                o += d1[i - g]; o -= 2 * d1[i]; o += d1[i + g];
                o += m12[i - g - g2]; o -= m12[i - g2]; o -= m12[i - g]; o += m12[i];
                o += d2[i - g2]; o -= 2 * d2[i]; o += d2[i + g2];
            }
            out[q] = o;
        }
    }

    /** Axis a's second-difference terms (c x E's stencil; c itself for the diagonal) at {@code t[pad + p]}. */
    private void second(double[] v, double[] t, int a, double c, int pad) {
        int g = lat.size();
        int sa = a == 0 ? 1 : a == 1 ? g : g * g;
        for (int z = a == 2 ? 1 : 0; z < (a == 2 ? g - 1 : g); z++) {
            for (int y = a == 1 ? 1 : 0; y < (a == 1 ? g - 1 : g); y++) {
                int row = (z * g + y) * g;
                for (int p = row + (a == 0 ? 1 : 0); p < row + (a == 0 ? g - 1 : g); p++) {
                    t[pad + p] = v == null ? c : c * (v[p - sa] - 2 * v[p] + v[p + sa]);
                }
            }
        }
    }

    /** The a-b mixed-difference terms of the cells (lowest node p) at {@code t[pad + p]}, as {@link #second}. */
    private void mixed(double[] v, double[] t, int a, int b, double cm, int pad) {
        int g = lat.size();
        int sa = a == 0 ? 1 : g;
        int sb = b == 1 ? g : g * g;
        int s = sa + sb;
        for (int z = 0; z < (b == 2 ? g - 1 : g); z++) {
            for (int y = 0; y < (a == 1 || b == 1 ? g - 1 : g); y++) {
                int row = (z * g + y) * g;
                for (int p = row; p < row + (a == 0 ? g - 1 : g); p++) {
                    t[pad + p] = v == null ? cm : cm * (v[p] - v[p + sa] - v[p + sb] + v[p + s]);
                }
            }
        }
    }
}
