import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ColourModel;
import emu.calibration.lut.Lut3D;
import java.util.Arrays;

/**
 * Issue 24 session 12 prototype (helper bake): a 3D LUT whose node values are FITTED so that the interpolated cube
 * matches the model over a sub-grid inside each cell, instead of sampling the model only at the nodes.
 *
 * <p>1. The sampled bake (model at the nodes). 2. Every cell's sub-grid residual is measured at a few probe points
 * (the cell centre moved off the tetrahedral split diagonal); cells whose residual exceeds {@code tau} (film units,
 * either interpolation) are flagged. 3. Unknowns are the corners of flagged cells; every cell touching an unknown is
 * sampled on an s^3 sub-grid; node values minimise the squared interpolation error over those samples (rows for
 * tetrahedral, trilinear or both) plus lambda * s^3 * (node - model at node)^2, by conjugate gradients on the normal
 * equations. 4. Nodes are clamped to 0..1. Nodes of unflagged cells keep the model's value exactly.
 */
final class FittedBake {
    /** What the fit did. */
    record Stats(int flagged, int unknowns, int samples, int iterations, double before, double after, long predicts) {}

    enum Rows { TET, TRI, BOTH }

    final double tau;
    final int sub;
    final double lambda;
    final Rows rows;
    Stats last;

    FittedBake(double tau, int sub, double lambda, Rows rows) {
        this.tau = tau;
        this.sub = sub;
        this.lambda = lambda;
        this.rows = rows;
    }

    /** The fitted lattice for {@code sampled} (the sampled bake of the same model, light and encoding, unit domain). */
    Lut3D fit(ColourModel model, String light, InputEncoding enc, Lut3D sampled) {
        return fit(model, light, enc, sampled, new double[0], 0);
    }

    /**
     * With {@code points} (lattice codes, e.g. the training readings of this light) as extra rows of weight
     * {@code pointWeight} (relative to one sub-grid sample); a cell holding a point the interpolation misses by more
     * than tau is flagged too.
     */
    Lut3D fit(ColourModel model, String light, InputEncoding enc, Lut3D sampled, double[] points, double pointWeight) {
        if (enc.needsShaper()) {
            throw new IllegalArgumentException("prototype: unshaped encodings only");
        }
        int n = sampled.size();
        int m = n - 1;
        float[] t0 = sampled.table();
        long predicts = 0;
        // 2. probes: two points per cell, off the split diagonal, on both sides of it
        double[][] probes = {{0.5, 0.3, 0.7}, {0.7, 0.5, 0.3}, {0.3, 0.7, 0.5}};
        int cells = m * m * m;
        double[] codes = new double[3 * cells * probes.length];
        for (int c = 0; c < cells; c++) {
            int i = c % m, j = c / m % m, l = c / (m * m);
            for (int p = 0; p < probes.length; p++) {
                int k = 3 * (c * probes.length + p);
                codes[k] = (i + probes[p][0]) / m;
                codes[k + 1] = (j + probes[p][1]) / m;
                codes[k + 2] = (l + probes[p][2]) / m;
            }
        }
        double[] want = predict(model, light, enc, codes);
        predicts += codes.length / 3;
        boolean[] flagged = new boolean[cells];
        int nFlag = 0;
        double[] w = new double[8];
        int[] idx = new int[8];
        for (int c = 0; c < cells; c++) {
            int i = c % m, j = c / m % m, l = c / (m * m);
            double worst = 0;
            for (int p = 0; p < probes.length; p++) {
                int k = 3 * (c * probes.length + p);
                for (Rows r : new Rows[] {Rows.TET, Rows.TRI}) {
                    int cnt = weights(r, n, i, j, l, probes[p][0], probes[p][1], probes[p][2], idx, w);
                    for (int ch = 0; ch < 3; ch++) {
                        double v = 0;
                        for (int q = 0; q < cnt; q++) {
                            v += w[q] * t0[3 * idx[q] + ch];
                        }
                        worst = Math.max(worst, Math.abs(v - clamp(want[k + ch])));
                    }
                }
            }
            if (worst > tau) {
                flagged[c] = true;
                nFlag++;
            }
        }
        int np = points.length / 3;
        double[] pWant = np == 0 ? new double[0] : predict(model, light, enc, points);
        predicts += np;
        int[] pCell = new int[np];
        double[][] pFrac = new double[np][3];
        for (int k = 0; k < np; k++) {
            int[] ci = new int[3];
            for (int a = 0; a < 3; a++) {
                double x = Math.max(0, Math.min(m, points[3 * k + a] * m));
                ci[a] = Math.min((int) x, m - 1);
                pFrac[k][a] = x - ci[a];
            }
            pCell[k] = ci[0] + m * (ci[1] + m * ci[2]);
            int i = ci[0], j = ci[1], l = ci[2];
            double worst = 0;
            for (Rows r : new Rows[] {Rows.TET, Rows.TRI}) {
                int cnt = weights(r, n, i, j, l, pFrac[k][0], pFrac[k][1], pFrac[k][2], idx, w);
                for (int ch = 0; ch < 3; ch++) {
                    double v = 0;
                    for (int q = 0; q < cnt; q++) {
                        v += w[q] * t0[3 * idx[q] + ch];
                    }
                    worst = Math.max(worst, Math.abs(v - clamp(pWant[3 * k + ch])));
                }
            }
            if (worst > tau && !flagged[pCell[k]]) {
                flagged[pCell[k]] = true;
                nFlag++;
            }
        }
        if (nFlag == 0) {
            last = new Stats(0, 0, 0, 0, 0, 0, predicts);
            return sampled;
        }
        // 3. unknown nodes: corners of flagged cells; sampled cells: every cell touching an unknown
        int nodes = n * n * n;
        int[] unk = new int[nodes];
        Arrays.fill(unk, -1);
        int nu = 0;
        for (int c = 0; c < cells; c++) {
            if (!flagged[c]) {
                continue;
            }
            int i = c % m, j = c / m % m, l = c / (m * m);
            for (int q = 0; q < 8; q++) {
                int node = (i + (q & 1)) + n * ((j + (q >> 1 & 1)) + n * (l + (q >> 2)));
                if (unk[node] < 0) {
                    unk[node] = nu++;
                }
            }
        }
        int[] unkNode = new int[nu];
        for (int node = 0; node < nodes; node++) {
            if (unk[node] >= 0) {
                unkNode[unk[node]] = node;
            }
        }
        boolean[] sampleCell = new boolean[cells];
        int nSample = 0;
        for (int c = 0; c < cells; c++) {
            int i = c % m, j = c / m % m, l = c / (m * m);
            for (int q = 0; q < 8 && !sampleCell[c]; q++) {
                int node = (i + (q & 1)) + n * ((j + (q >> 1 & 1)) + n * (l + (q >> 2)));
                if (unk[node] >= 0) {
                    sampleCell[c] = true;
                    nSample++;
                }
            }
        }
        int s3 = sub * sub * sub;
        int[] cellList = new int[nSample];
        for (int c = 0, a = 0; c < cells; c++) {
            if (sampleCell[c]) {
                cellList[a++] = c;
            }
        }
        double[] sc = new double[3 * nSample * s3];
        for (int a = 0; a < nSample; a++) {
            int c = cellList[a];
            int i = c % m, j = c / m % m, l = c / (m * m);
            for (int q = 0; q < s3; q++) {
                int k = 3 * (a * s3 + q);
                sc[k] = (i + (q % sub + 0.5) / sub) / m;
                sc[k + 1] = (j + (q / sub % sub + 0.5) / sub) / m;
                sc[k + 2] = (l + (q / (sub * sub) + 0.5) / sub) / m;
            }
        }
        double[] y = predict(model, light, enc, sc);
        predicts += sc.length / 3;
        // rows: per sample point one (TET/TRI) or two (BOTH) interpolation rows, 8 slots each (unused weight 0)
        Rows[] kinds = rows == Rows.BOTH ? new Rows[] {Rows.TET, Rows.TRI} : new Rows[] {rows};
        int nPointRows = 0;
        for (int k = 0; k < np; k++) {
            nPointRows += sampleCell[pCell[k]] ? kinds.length : 0;
        }
        int nRows = nSample * s3 * kinds.length + nPointRows;
        int[] rIdx = new int[8 * nRows];
        float[] rW = new float[8 * nRows];
        int[] rPoint = new int[nRows];
        float[] rScale = new float[nRows]; // sqrt(row weight)
        java.util.Arrays.fill(rScale, 1f);
        int r = 0;
        for (int a = 0; a < nSample; a++) {
            int c = cellList[a];
            int i = c % m, j = c / m % m, l = c / (m * m);
            for (int q = 0; q < s3; q++) {
                double fr = (q % sub + 0.5) / sub, fg = (q / sub % sub + 0.5) / sub, fb = (q / (sub * sub) + 0.5) / sub;
                for (Rows kind : kinds) {
                    int cnt = weights(kind, n, i, j, l, fr, fg, fb, idx, w);
                    for (int z = 0; z < 8; z++) {
                        rIdx[8 * r + z] = z < cnt ? idx[z] : 0;
                        rW[8 * r + z] = z < cnt ? (float) w[z] : 0f;
                    }
                    rPoint[r] = a * s3 + q;
                    r++;
                }
            }
        }
        // point rows: target index offset by the sub-grid samples (y holds the sub-grid, then the points)
        int base = nSample * s3;
        for (int k = 0; k < np; k++) {
            if (!sampleCell[pCell[k]]) {
                continue;
            }
            int c = pCell[k];
            int i = c % m, j = c / m % m, l = c / (m * m);
            for (Rows kind : kinds) {
                int cnt = weights(kind, n, i, j, l, pFrac[k][0], pFrac[k][1], pFrac[k][2], idx, w);
                float sw = (float) Math.sqrt(pointWeight);
                for (int z = 0; z < 8; z++) {
                    rIdx[8 * r + z] = z < cnt ? idx[z] : 0;
                    rW[8 * r + z] = z < cnt ? (float) (sw * w[z]) : 0f;
                }
                rPoint[r] = base + k;
                rScale[r] = sw;
                r++;
            }
        }
        double[] yAll = java.util.Arrays.copyOf(y, y.length + pWant.length);
        System.arraycopy(pWant, 0, yAll, y.length, pWant.length);
        y = yAll;
        float[] table = t0.clone();
        double lam = lambda * s3 * kinds.length;
        double before = 0;
        double after = 0;
        int iters = 0;
        for (int ch = 0; ch < 3; ch++) {
            // b = target - fixed-node part; x0 = node samples
            double[] b = new double[nRows];
            for (r = 0; r < nRows; r++) {
                double v = rScale[r] * clamp(y[3 * rPoint[r] + ch]);
                double full = 0;
                for (int z = 0; z < 8; z++) {
                    int node = rIdx[8 * r + z];
                    float wz = rW[8 * r + z];
                    full += wz * t0[3 * node + ch];
                    if (wz != 0 && unk[node] < 0) {
                        v -= wz * t0[3 * node + ch];
                    }
                }
                b[r] = v;
                before += sq(rScale[r] * clamp(y[3 * rPoint[r] + ch]) - full);
            }
            double[] x0 = new double[nu];
            for (int u = 0; u < nu; u++) {
                x0[u] = t0[3 * unkNode[u] + ch];
            }
            // CG on (A'A + lam I) x = A'b + lam x0, started at x0
            double[] x = x0.clone();
            double[] res = new double[nu];
            double[] ax = mulA(x, rIdx, rW, unk, nRows);
            for (r = 0; r < nRows; r++) {
                ax[r] = b[r] - ax[r];
            }
            mulAt(ax, rIdx, rW, unk, res); // A'(b - Ax); + lam (x0 - x) = 0 at start
            double[] p = res.clone();
            double rr = dot(res, res);
            double rr0 = rr;
            int it = 0;
            for (; it < 200 && rr > 1e-12 * rr0 && rr > 1e-20; it++) {
                double[] ap = mulA(p, rIdx, rW, unk, nRows);
                double[] q = new double[nu];
                mulAt(ap, rIdx, rW, unk, q);
                for (int u = 0; u < nu; u++) {
                    q[u] += lam * p[u];
                }
                double alpha = rr / dot(p, q);
                for (int u = 0; u < nu; u++) {
                    x[u] += alpha * p[u];
                    res[u] -= alpha * q[u];
                }
                double rrNew = dot(res, res);
                double beta = rrNew / rr;
                rr = rrNew;
                for (int u = 0; u < nu; u++) {
                    p[u] = res[u] + beta * p[u];
                }
            }
            iters = Math.max(iters, it);
            for (int u = 0; u < nu; u++) {
                table[3 * unkNode[u] + ch] = (float) clamp(x[u]);
            }
            for (r = 0; r < nRows; r++) {
                double v = 0;
                for (int z = 0; z < 8; z++) {
                    v += rW[8 * r + z] * table[3 * rIdx[8 * r + z] + ch];
                }
                after += sq(rScale[r] * clamp(y[3 * rPoint[r] + ch]) - v);
            }
        }
        last = new Stats(nFlag, nu, nSample * s3, iters, Math.sqrt(before / (3.0 * nRows)),
                Math.sqrt(after / (3.0 * nRows)), predicts);
        return new Lut3D(n, table);
    }

    private static double[] mulA(double[] x, int[] rIdx, float[] rW, int[] unk, int nRows) {
        double[] out = new double[nRows];
        for (int r = 0; r < nRows; r++) {
            double v = 0;
            for (int z = 0; z < 8; z++) {
                int u = unk[rIdx[8 * r + z]];
                if (u >= 0) {
                    v += rW[8 * r + z] * x[u];
                }
            }
            out[r] = v;
        }
        return out;
    }

    private static void mulAt(double[] v, int[] rIdx, float[] rW, int[] unk, double[] out) {
        Arrays.fill(out, 0);
        for (int r = 0; r < v.length; r++) {
            for (int z = 0; z < 8; z++) {
                int u = unk[rIdx[8 * r + z]];
                if (u >= 0) {
                    out[u] += rW[8 * r + z] * v[r];
                }
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double sq(double v) {
        return v * v;
    }

    static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }

    /**
     * Interpolation weights of the point at fractions (fr, fg, fb) in cell (i, j, l) of an n^3 lattice: node indices
     * (r + n g + n^2 b) and weights; returns the count (4 tetrahedral, 8 trilinear). Same split as Tetrahedral.
     */
    static int weights(Rows kind, int n, int i, int j, int l, double fr, double fg, double fb, int[] idx, double[] w) {
        int base = i + n * (j + n * l);
        int dr = 1, dg = n, db = n * n;
        if (kind == Rows.TRI) {
            for (int q = 0; q < 8; q++) {
                idx[q] = base + ((q & 1) != 0 ? dr : 0) + ((q & 2) != 0 ? dg : 0) + ((q & 4) != 0 ? db : 0);
                w[q] = ((q & 1) != 0 ? fr : 1 - fr) * ((q & 2) != 0 ? fg : 1 - fg) * ((q & 4) != 0 ? fb : 1 - fb);
            }
            return 8;
        }
        int ca, cb;
        double f1, f2, f3;
        if (fr > fg) {
            if (fg > fb) {
                ca = dr; cb = dr + dg; f1 = fr; f2 = fg; f3 = fb;
            } else if (fr > fb) {
                ca = dr; cb = dr + db; f1 = fr; f2 = fb; f3 = fg;
            } else {
                ca = db; cb = dr + db; f1 = fb; f2 = fr; f3 = fg;
            }
        } else {
            if (fb > fg) {
                ca = db; cb = dg + db; f1 = fb; f2 = fg; f3 = fr;
            } else if (fb > fr) {
                ca = dg; cb = dg + db; f1 = fg; f2 = fb; f3 = fr;
            } else {
                ca = dg; cb = dr + dg; f1 = fg; f2 = fr; f3 = fb;
            }
        }
        idx[0] = base; w[0] = 1 - f1;
        idx[1] = base + ca; w[1] = f1 - f2;
        idx[2] = base + cb; w[2] = f2 - f3;
        idx[3] = base + dr + dg + db; w[3] = f3;
        return 4;
    }

    private static double[] predict(ColourModel model, String light, InputEncoding enc, double[] codes) {
        double[] out = new double[codes.length];
        int slab = 3 * (1 << 20);
        for (int s = 0; s < codes.length; s += slab) {
            double[] part = Arrays.copyOfRange(codes, s, Math.min(codes.length, s + slab));
            double[] film = model.predict(enc.toRec709Linear(part), light);
            System.arraycopy(film, 0, out, s, film.length);
        }
        return out;
    }
}
