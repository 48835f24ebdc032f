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
        double rr = 0;
        for (int p = 0; p < nn; p++) {
            rr += r[p] * r[p];
        }
        iterations = 0;
        for (int it = 0; it < maxIter; it++, iterations++) {
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
            rr = 0;
            for (int p = 0; p < nn; p++) {
                v[p] += alpha * d[p];
                r[p] -= alpha * q[p];
                z[p] = diag[p] * r[p];
                rzNew += r[p] * z[p];
                rr += r[p] * r[p];
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
        // The eight corners unrolled (same terms, same order): the offsets stay in registers.
        int o1 = off[1], o2 = off[2], o3 = off[3], o4 = off[4], o5 = off[5], o6 = off[6], o7 = off[7];
        for (int i = 0, j = 0; i < n; i++, j += 8) {
            int c = corner[i];
            double a = 0;
            a += w[j] * v[c];
            a += w[j + 1] * v[c + o1];
            a += w[j + 2] * v[c + o2];
            a += w[j + 3] * v[c + o3];
            a += w[j + 4] * v[c + o4];
            a += w[j + 5] * v[c + o5];
            a += w[j + 6] * v[c + o6];
            a += w[j + 7] * v[c + o7];
            a = wt == null ? a : wt[i] * a;
            out[c] += w[j] * a;
            out[c + o1] += w[j + 1] * a;
            out[c + o2] += w[j + 2] * a;
            out[c + o3] += w[j + 3] * a;
            out[c + o4] += w[j + 4] * a;
            out[c + o5] += w[j + 5] * a;
            out[c + o6] += w[j + 6] * a;
            out[c + o7] += w[j + 7] * a;
        }
        penalty(v, out, mu);
    }

    /**
     * Adds mu E v to {@code out}; with {@code v} null adds E's diagonal times mu instead (for the preconditioner).
     * Second differences along axis a at nodes with an inner index on a; mixed differences on every cell face pair.
     * GridSolverTest holds a copy of these passes: a rewrite must give the same bits (session 16's gathered forms,
     * which add each node's terms in this order, were no faster: bench/RESULTS.md, issue 24 session 16).
     */
    void penalty(double[] v, double[] out, double mu) {
        int g = lat.size();
        int g2 = g * g;
        double[] h = lat.step();
        // Nodes (cells) in index order, the sums' order is the model's: keep it. Rows with whole x ranges follow
        // on from each other, so axes 1 and 2 run as one loop per plane (or in all): the same p in the same order.
        for (int a = 0; a < 3; a++) {
            double c = mu / (h[a] * h[a] * h[a] * h[a]);
            if (a == 0) {
                for (int row = 0; row < g2 * g; row += g) {
                    second(v, out, c, 1, row + 1, row + g - 1);
                }
            } else if (a == 1) {
                for (int z = 0; z < g; z++) {
                    second(v, out, c, g, z * g2 + g, z * g2 + g2 - g);
                }
            } else {
                second(v, out, c, g2, g2, g2 * g - g2);
            }
            for (int b = a + 1; b < 3; b++) {
                // Cells need a next node on axes a and b; x, y, z bounded accordingly.
                double cm = 2 * mu / (h[a] * h[a] * h[b] * h[b]);
                for (int z = 0; z < (b == 2 ? g - 1 : g); z++) {
                    if (a == 1) {
                        mixed(v, out, cm, g, g2, z * g2, z * g2 + g2 - g);
                        continue;
                    }
                    for (int y = 0; y < (b == 1 ? g - 1 : g); y++) {
                        int row = (z * g + y) * g;
                        mixed(v, out, cm, 1, b == 1 ? g : g2, row, row + g - 1);
                    }
                }
            }
        }
    }

    /** Second differences (stride sa, weight c) at nodes from .. to - 1, in index order. */
    private static void second(double[] v, double[] out, double c, int sa, int from, int to) {
        if (v == null) {
            for (int p = from; p < to; p++) {
                out[p - sa] += c;
                out[p] += 4 * c;
                out[p + sa] += c;
            }
            return;
        }
        for (int p = from; p < to; p++) {
            double dd = c * (v[p - sa] - 2 * v[p] + v[p + sa]);
            out[p - sa] += dd;
            out[p] -= 2 * dd;
            out[p + sa] += dd;
        }
    }

    /** Mixed differences (strides sa, sb, weight cm) on the cells with lowest node from .. to - 1, in index order. */
    private static void mixed(double[] v, double[] out, double cm, int sa, int sb, int from, int to) {
        int s = sa + sb;
        if (v == null) {
            for (int p = from; p < to; p++) {
                out[p] += cm;
                out[p + sa] += cm;
                out[p + sb] += cm;
                out[p + s] += cm;
            }
            return;
        }
        for (int p = from; p < to; p++) {
            double dd = cm * (v[p] - v[p + sa] - v[p + sb] + v[p + s]);
            out[p] += dd;
            out[p + sa] -= dd;
            out[p + sb] -= dd;
            out[p + s] += dd;
        }
    }
}
