package emu.calibration.lut;

import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ColourModel;
import java.util.Arrays;

/**
 * The fitted bake (issue 24, session 12; opt-in, {@link LutBaker.Mode#FITTED}): lattice node values chosen so that the
 * <em>interpolated</em> cube matches the model inside the cells, not only at the nodes.
 *
 * <p>A sampled bake is exact at the nodes but, where the model bends sharply inside a cell (near the camera's clip
 * planes, which do not line up with the lattice), every point between the nodes is off by the bend. Here: (1) each
 * cell of the sampled bake is probed at three points off its diagonal; a cell whose tetrahedral or trilinear value
 * there misses the model by more than {@link #TAU} (film units, any channel) is flagged. (2) The corners of flagged
 * cells become unknowns; every cell touching one is sampled on an s^3 sub-grid (s = {@link #sub}); the unknowns
 * minimise the squared error of BOTH the tetrahedral and the trilinear interpolation at those samples (a consumer may
 * use either: ffmpeg's lut3d and ociochecklut tetrahedral, OCIO's FileTransform default and CLF trilinear) plus
 * {@link #LAMBDA} s^3 (node - model at node)^2 per node, solved by conjugate gradients on the normal equations from the
 * sampled values (the three channels in one pass, each with its own steps). (3) Nodes are clamped to 0..1, the scan's range, and a channel that rose along the
 * grey diagonal in the sampled bake still does ({@link #greyNoLessMonotone}). Nodes of cells not flagged or next to
 * flagged ones keep the model's value exactly.
 *
 * <p>Weights are recomputed per sample on each pass instead of stored, so a 65^3 fit holds only the samples' targets
 * (sub-grid 2 there: 8 samples per cell); sizes above {@link #MAX_SIZE} are refused (memory).
 *
 * <p>Figures (bench/RESULTS.md, "Issue 24, session 12: the fitted bake"): clipped and bright held-out readings clearly
 * lower at 33^3 under both interpolations; at 65^3 the gain is small and some protocols lose up to ~1%, so it is not
 * the default.
 */
public final class LatticeFit {
    /** Flag a cell when the interpolation misses the model by more than this at a probe (film code units). */
    static final double TAU = 0.004;
    /** Ridge weight toward the model's own node value, per sub-grid sample of a cell. */
    static final double LAMBDA = 0.05;
    static final int MAX_ITERATIONS = 200;
    /** The largest lattice fitted (a 65^3 fit holds about 1 M sub-grid samples; 129^3 would take several times more). */
    public static final int MAX_SIZE = 65;
    private static final double[][] PROBES = {{0.5, 0.3, 0.7}, {0.7, 0.5, 0.3}, {0.3, 0.7, 0.5}};

    /** What one fit did: cells flagged, nodes refitted, sub-grid samples, and the samples' rms error before and after. */
    public record Report(int flagged, int nodes, int samples, double rmsBefore, double rmsAfter) {}

    /** The fitted lattice and its report. */
    public record Result(Lut3D cube, Report report) {}

    private LatticeFit() {}

    /** Sub-grid points per cell axis for an n^3 lattice: about 128 samples per code unit, 2..4 (33: 4, 65: 2). */
    static int sub(int n) {
        return Math.max(2, Math.min(4, 128 / (n - 1)));
    }

    /**
     * Fits {@code sampled} (the sampled bake of the same model, light and encoding: unit domain, shaper space for a
     * shaped encoding) to the model inside its cells.
     */
    public static Result fit(ColourModel model, String illuminant, InputEncoding enc, Lut3D sampled) {
        int n = sampled.size();
        if (n > MAX_SIZE) {
            throw new IllegalArgumentException("the fitted bake takes lattices of at most " + MAX_SIZE + " points per axis,"
                    + " not " + n);
        }
        int m = n - 1;
        int cells = m * m * m;
        float[] t0 = sampled.table();
        double[] codes = new double[3 * cells * PROBES.length];
        for (int c = 0; c < cells; c++) {
            for (int p = 0; p < PROBES.length; p++) {
                for (int a = 0; a < 3; a++) {
                    codes[3 * (c * PROBES.length + p) + a] = (corner(c, m, a) + PROBES[p][a]) / m;
                }
            }
        }
        double[] want = LutBaker.predict(model, illuminant, enc, codes);
        boolean[] flagged = new boolean[cells];
        int nFlag = 0;
        int[] idx = new int[8];
        double[] w = new double[8];
        for (int c = 0; c < cells; c++) {
            double worst = 0;
            for (int p = 0; p < PROBES.length; p++) {
                for (boolean tri : new boolean[] {false, true}) {
                    int cnt = weights(tri, n, c, m, PROBES[p][0], PROBES[p][1], PROBES[p][2], idx, w);
                    for (int ch = 0; ch < 3; ch++) {
                        double v = 0;
                        for (int q = 0; q < cnt; q++) {
                            v += w[q] * t0[3 * idx[q] + ch];
                        }
                        worst = Math.max(worst, Math.abs(v - clamp(want[3 * (c * PROBES.length + p) + ch])));
                    }
                }
            }
            flagged[c] = worst > TAU;
            nFlag += flagged[c] ? 1 : 0;
        }
        if (nFlag == 0) {
            return new Result(sampled, new Report(0, 0, 0, 0, 0));
        }
        int[] unk = new int[n * n * n];
        Arrays.fill(unk, -1);
        int nu = 0;
        for (int c = 0; c < cells; c++) {
            for (int q = 0; flagged[c] && q < 8; q++) {
                int node = node(c, m, n, q);
                if (unk[node] < 0) {
                    unk[node] = nu++;
                }
            }
        }
        int[] unkNode = new int[nu];
        for (int node = 0; node < unk.length; node++) {
            if (unk[node] >= 0) {
                unkNode[unk[node]] = node;
            }
        }
        int[] sampleCells = new int[cells];
        int ns = 0;
        for (int c = 0; c < cells; c++) {
            for (int q = 0; q < 8; q++) {
                if (unk[node(c, m, n, q)] >= 0) {
                    sampleCells[ns++] = c;
                    break;
                }
            }
        }
        int s = sub(n);
        int s3 = s * s * s;
        int samples = ns * s3;
        double[] sc = new double[3 * samples];
        for (int a = 0; a < ns; a++) {
            for (int q = 0; q < s3; q++) {
                for (int ax = 0; ax < 3; ax++) {
                    sc[3 * (a * s3 + q) + ax] = (corner(sampleCells[a], m, ax) + frac(q, s, ax)) / m;
                }
            }
        }
        float[] y = new float[3 * samples];
        double[] pred = LutBaker.predict(model, illuminant, enc, sc);
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(pred[i])) {
                throw new IllegalStateException("model returned NaN for illuminant " + illuminant + " inside the lattice at "
                        + sc[i - i % 3] + ", " + sc[i - i % 3 + 1] + ", " + sc[i - i % 3 + 2] + " (fitted bake)");
            }
            y[i] = (float) clamp(pred[i]);
        }
        sc = null;
        pred = null;
        Rows rows = new Rows(n, m, s, sampleCells, ns, unk);
        float[] table = t0.clone();
        double lam = LAMBDA * s3 * 2;
        double before = rows.sumSquares(t0, y);
        // CG on (A'A + lam I) x = A'(y - fixed part) + lam x0 for the three channels at once (same A, own step sizes;
        // x interleaved r, g, b per unknown node), started at x0: the first residual is A'(y - A v0)
        double[] x = new double[3 * nu];
        for (int u = 0; u < nu; u++) {
            for (int ch = 0; ch < 3; ch++) {
                x[3 * u + ch] = t0[3 * unkNode[u] + ch];
            }
        }
        double[] res = rows.gradient(t0, y, nu);
        double[] p = res.clone();
        double[] rr = dots(res, res);
        double[] stop = {1e-12 * rr[0], 1e-12 * rr[1], 1e-12 * rr[2]};
        for (int it = 0; it < MAX_ITERATIONS && !(done(rr, stop, 0) && done(rr, stop, 1) && done(rr, stop, 2)); it++) {
            double[] q = rows.normal(p, nu);
            for (int i = 0; i < q.length; i++) {
                q[i] += lam * p[i];
            }
            double[] pq = dots(p, q);
            for (int ch = 0; ch < 3; ch++) {
                if (done(rr, stop, ch)) {
                    continue; // converged: its direction is frozen (and would divide 0 by 0)
                }
                double alpha = rr[ch] / pq[ch];
                for (int i = ch; i < x.length; i += 3) {
                    x[i] += alpha * p[i];
                    res[i] -= alpha * q[i];
                }
                double next = 0;
                for (int i = ch; i < x.length; i += 3) {
                    next += res[i] * res[i];
                }
                double beta = next / rr[ch];
                rr[ch] = next;
                for (int i = ch; i < x.length; i += 3) {
                    p[i] = res[i] + beta * p[i];
                }
            }
        }
        for (int u = 0; u < nu; u++) {
            for (int ch = 0; ch < 3; ch++) {
                table[3 * unkNode[u] + ch] = (float) clamp(x[3 * u + ch]);
            }
        }
        greyNoLessMonotone(t0, table, n);
        double after = rows.sumSquares(table, y);
        double count = 3.0 * 2 * samples;
        return new Result(new Lut3D(n, table, sampled.domainMin(), sampled.domainMax()),
                new Report(nFlag, nu, samples, Math.sqrt(before / count), Math.sqrt(after / count)));
    }

    private static boolean done(double[] rr, double[] stop, int ch) {
        return rr[ch] <= stop[ch] || rr[ch] <= 1e-24;
    }

    /** Per-channel dot products of two interleaved (r, g, b) vectors. */
    private static double[] dots(double[] a, double[] b) {
        double[] out = new double[3];
        for (int i = 0; i < a.length; i++) {
            out[i % 3] += a[i] * b[i];
        }
        return out;
    }

    /**
     * Keeps the grey diagonal (r = g = b) rising wherever the sampled bake's does: a channel that rose along the whole
     * diagonal in {@code sampled} and falls somewhere in {@code table} is replaced there by its isotonic regression (the
     * least-squares closest non-decreasing sequence, {@link LatticeMonotone#isotonic}).
     */
    static void greyNoLessMonotone(float[] sampled, float[] table, int n) {
        double[] line = new double[n];
        double[] w = new double[n];
        double[] mean = new double[n];
        int[] len = new int[n];
        for (int c = 0; c < 3; c++) {
            boolean wasRising = true;
            boolean falls = false;
            for (int i = 1; i < n; i++) {
                int at = 3 * (i * (1 + n + n * n)) + c;
                int before = at - 3 * (1 + n + n * n);
                wasRising &= sampled[at] >= sampled[before];
                falls |= table[at] < table[before];
            }
            if (!wasRising || !falls) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                line[i] = table[3 * (i * (1 + n + n * n)) + c];
            }
            LatticeMonotone.isotonic(line, w, mean, len);
            for (int i = 0; i < n; i++) {
                table[3 * (i * (1 + n + n * n)) + c] = (float) line[i];
            }
        }
    }

    /** The interpolation rows (tetrahedral and trilinear per sample), their weights computed on each pass. */
    private static final class Rows {
        final int n, m, s, s3, ns;
        final int[] cells;
        final int[] unk;
        final int[] idx = new int[8];
        final double[] w = new double[8];

        Rows(int n, int m, int s, int[] cells, int ns, int[] unk) {
            this.n = n;
            this.m = m;
            this.s = s;
            this.s3 = s * s * s;
            this.cells = cells;
            this.ns = ns;
            this.unk = unk;
        }

        /** Sum over rows and channels of (y - interpolated table)^2. */
        double sumSquares(float[] table, float[] y) {
            double sum = 0;
            for (int a = 0; a < ns; a++) {
                for (int q = 0; q < s3; q++) {
                    for (boolean tri : new boolean[] {false, true}) {
                        int cnt = weights(tri, n, cells[a], m, frac(q, s, 0), frac(q, s, 1), frac(q, s, 2), idx, w);
                        for (int ch = 0; ch < 3; ch++) {
                            double v = 0;
                            for (int z = 0; z < cnt; z++) {
                                v += w[z] * table[3 * idx[z] + ch];
                            }
                            double d = y[3 * (a * s3 + q) + ch] - v;
                            sum += d * d;
                        }
                    }
                }
            }
            return sum;
        }

        /** A_u' (y - A table) over the unknown nodes, interleaved r, g, b. */
        double[] gradient(float[] table, float[] y, int nu) {
            double[] out = new double[3 * nu];
            for (int a = 0; a < ns; a++) {
                for (int q = 0; q < s3; q++) {
                    for (boolean tri : new boolean[] {false, true}) {
                        int cnt = weights(tri, n, cells[a], m, frac(q, s, 0), frac(q, s, 1), frac(q, s, 2), idx, w);
                        for (int ch = 0; ch < 3; ch++) {
                            double v = 0;
                            for (int z = 0; z < cnt; z++) {
                                v += w[z] * table[3 * idx[z] + ch];
                            }
                            double d = y[3 * (a * s3 + q) + ch] - v;
                            for (int z = 0; z < cnt; z++) {
                                int u = unk[idx[z]];
                                if (u >= 0) {
                                    out[3 * u + ch] += w[z] * d;
                                }
                            }
                        }
                    }
                }
            }
            return out;
        }

        /** A_u' A_u p, interleaved r, g, b. */
        double[] normal(double[] p, int nu) {
            double[] out = new double[3 * nu];
            for (int a = 0; a < ns; a++) {
                for (int q = 0; q < s3; q++) {
                    for (boolean tri : new boolean[] {false, true}) {
                        int cnt = weights(tri, n, cells[a], m, frac(q, s, 0), frac(q, s, 1), frac(q, s, 2), idx, w);
                        double v0 = 0;
                        double v1 = 0;
                        double v2 = 0;
                        for (int z = 0; z < cnt; z++) {
                            int u = unk[idx[z]];
                            if (u >= 0) {
                                v0 += w[z] * p[3 * u];
                                v1 += w[z] * p[3 * u + 1];
                                v2 += w[z] * p[3 * u + 2];
                            }
                        }
                        for (int z = 0; z < cnt; z++) {
                            int u = unk[idx[z]];
                            if (u >= 0) {
                                out[3 * u] += w[z] * v0;
                                out[3 * u + 1] += w[z] * v1;
                                out[3 * u + 2] += w[z] * v2;
                            }
                        }
                    }
                }
            }
            return out;
        }
    }

    /** Cell c's lower corner index along axis a (cells numbered red fastest, m per axis). */
    private static int corner(int c, int m, int a) {
        return a == 0 ? c % m : a == 1 ? c / m % m : c / (m * m);
    }

    /** The lattice node at corner q (bit 0 red, 1 green, 2 blue) of cell c. */
    private static int node(int c, int m, int n, int q) {
        return corner(c, m, 0) + (q & 1) + n * (corner(c, m, 1) + (q >> 1 & 1) + n * (corner(c, m, 2) + (q >> 2)));
    }

    /** Sub-grid point q's fraction along axis a: cell-centred, (k + 1/2) / s. */
    private static double frac(int q, int s, int a) {
        int k = a == 0 ? q % s : a == 1 ? q / s % s : q / (s * s);
        return (k + 0.5) / s;
    }

    /**
     * Interpolation weights at fractions (fr, fg, fb) of cell c: node indices and weights, 8 trilinear or 4
     * tetrahedral (the split {@link Tetrahedral} and {@link CodeLattice} take); returns the count.
     */
    static int weights(boolean tri, int n, int c, int m, double fr, double fg, double fb, int[] idx, double[] w) {
        int base = corner(c, m, 0) + n * (corner(c, m, 1) + n * corner(c, m, 2));
        int dr = 1;
        int dg = n;
        int db = n * n;
        if (tri) {
            for (int q = 0; q < 8; q++) {
                idx[q] = base + ((q & 1) != 0 ? dr : 0) + ((q & 2) != 0 ? dg : 0) + ((q & 4) != 0 ? db : 0);
                w[q] = ((q & 1) != 0 ? fr : 1 - fr) * ((q & 2) != 0 ? fg : 1 - fg) * ((q & 4) != 0 ? fb : 1 - fb);
            }
            return 8;
        }
        int ca;
        int cb;
        double f1;
        double f2;
        double f3;
        if (fr > fg) {
            if (fg > fb) {
                ca = dr; cb = dr + dg; f1 = fr; f2 = fg; f3 = fb;
            } else if (fr > fb) {
                ca = dr; cb = dr + db; f1 = fr; f2 = fb; f3 = fg;
            } else {
                ca = db; cb = dr + db; f1 = fb; f2 = fr; f3 = fg;
            }
        } else if (fb > fg) {
            ca = db; cb = dg + db; f1 = fb; f2 = fg; f3 = fr;
        } else if (fb > fr) {
            ca = dg; cb = dg + db; f1 = fg; f2 = fb; f3 = fr;
        } else {
            ca = dg; cb = dr + dg; f1 = fg; f2 = fr; f3 = fb;
        }
        idx[0] = base;
        w[0] = 1 - f1;
        idx[1] = base + ca;
        w[1] = f1 - f2;
        idx[2] = base + cb;
        w[2] = f2 - f3;
        idx[3] = base + dr + dg + db;
        w[3] = f3;
        return 4;
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
