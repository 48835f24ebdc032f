package emu.calibration.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the largest grid of uniform square regions in a (downsampled) image, the first half of
 * chart detection; {@link ChartLocator} then decides which grid cell is which patch.
 *
 * <ol>
 *   <li>Log luminance (mean of R, G, B, plus a small offset) makes the test independent of exposure
 *       and of the encoding's tone curve, up to scale; two 3 x 3 box blurs (about a Gaussian of
 *       sigma 1.2 px) and central differences give its gradient.</li>
 *   <li>Flat pixels (gradient under a threshold) form 4-connected regions; patch candidates are
 *       regions of patch-like size that do not touch the image edge and are square-ish by their
 *       second moments: eigenvalue ratio at most 3, and area / (12 sqrt(l1 l2)) in 0.8..1.2 (a
 *       square of side s has l1 = l2 = s^2 / 12). The dark gaps between patches are what separates
 *       them; the dark frame and any patch as dark as it merge into one large region and drop out.</li>
 *   <li>Each candidate seeds a lattice: its nearest similar-sized neighbour gives one grid step,
 *       the nearest neighbour at 60..120 degrees to it the other; candidates within 0.3 of a step of
 *       a lattice point join; a homography grid -> image is fitted to the members and the assignment
 *       repeated through it, which follows perspective. The lattice with the most members wins.</li>
 * </ol>
 * Three gradient thresholds (0.03, 0.06, 0.12 log units per pixel) are tried and the best lattice
 * kept, so neither heavy noise (which breaks flat regions at a low threshold) nor blur (which
 * merges patches at a high one) decides alone.
 */
final class PatchGridFinder {
    private static final double[] THRESHOLDS = {0.03, 0.06, 0.12};
    private static final int MIN_AREA = 16;
    private static final double CELL_TOLERANCE = 0.3;

    /** A candidate patch: centroid in image coordinates and area in pixels. */
    record Blob(double x, double y, double area) {}

    /** A lattice member at integer grid position (i, j). */
    record Cell(int i, int j, Blob blob) {}

    /**
     * @param cells      the members
     * @param candidates patch-like regions seen at the winning threshold
     */
    record Grid(List<Cell> cells, Homography gridToImage, int candidates) {
        static final Grid EMPTY = new Grid(List.of(), null, 0);
    }

    private PatchGridFinder() {}

    /**
     * @param longSide  patches along the chart's long side (cells beyond it on either axis reject a lattice)
     * @param shortSide patches along the short side
     */
    static Grid find(RgbImage image, int longSide, int shortSide) {
        float[] gradient = gradient(image);
        Grid best = Grid.EMPTY;
        int mostCandidates = 0;
        for (double t : THRESHOLDS) {
            List<Blob> blobs = blobs(image.width(), image.height(), gradient, t, shortSide);
            mostCandidates = Math.max(mostCandidates, blobs.size());
            Grid g = lattice(blobs, longSide, shortSide);
            if (g.cells().size() > best.cells().size()) {
                best = g;
            }
        }
        return best.cells().isEmpty() ? new Grid(List.of(), null, mostCandidates) : best;
    }

    static float[] gradient(RgbImage image) {
        int w = image.width();
        int h = image.height();
        float[] s = image.samples();
        float[] lum = new float[w * h];
        for (int p = 0; p < lum.length; p++) {
            lum[p] = Math.max(0f, (s[3 * p] + s[3 * p + 1] + s[3 * p + 2]) / 3f);
        }
        float[] sorted = lum.clone();
        Arrays.sort(sorted);
        double offset = Math.max(1e-6, 0.002 * sorted[(int) (0.99 * (sorted.length - 1))]);
        for (int p = 0; p < lum.length; p++) {
            lum[p] = (float) Math.log(lum[p] + offset);
        }
        lum = box3(box3(lum, w, h), w, h);
        float[] g = new float[w * h];
        Arrays.fill(g, Float.MAX_VALUE);
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int p = y * w + x;
                float gx = (lum[p + 1] - lum[p - 1]) / 2;
                float gy = (lum[p + w] - lum[p - w]) / 2;
                g[p] = (float) Math.sqrt(gx * gx + gy * gy);
            }
        }
        return g;
    }

    private static float[] box3(float[] a, int w, int h) {
        float[] t = new float[a.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                t[p] = (a[y * w + Math.max(0, x - 1)] + a[p] + a[y * w + Math.min(w - 1, x + 1)]) / 3;
            }
        }
        float[] o = new float[a.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                o[y * w + x] = (t[Math.max(0, y - 1) * w + x] + t[y * w + x] + t[Math.min(h - 1, y + 1) * w + x]) / 3;
            }
        }
        return o;
    }

    /** Square-ish flat regions of patch-like size. */
    static List<Blob> blobs(int w, int h, float[] gradient, double threshold, int shortSide) {
        double maxSide = Math.min(w, h) / (double) shortSide;
        double maxArea = maxSide * maxSide;
        int[] label = new int[w * h];
        int[] queue = new int[w * h];
        List<Blob> out = new ArrayList<>();
        int next = 0;
        for (int start = 0; start < label.length; start++) {
            if (label[start] != 0 || gradient[start] >= threshold) {
                continue;
            }
            next++;
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            label[start] = next;
            double n = 0;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            boolean edge = false;
            while (head < tail) {
                int p = queue[head++];
                int x = p % w;
                int y = p / w;
                n++;
                sx += x;
                sy += y;
                sxx += (double) x * x;
                syy += (double) y * y;
                sxy += (double) x * y;
                if (x <= 1 || y <= 1 || x >= w - 2 || y >= h - 2) {
                    edge = true;
                }
                int[] nb = {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1};
                for (int q : nb) {
                    if (q >= 0 && label[q] == 0 && gradient[q] < threshold) {
                        label[q] = next;
                        queue[tail++] = q;
                    }
                }
            }
            if (edge || n < MIN_AREA || n > maxArea) {
                continue;
            }
            double mx = sx / n;
            double my = sy / n;
            double cxx = sxx / n - mx * mx;
            double cyy = syy / n - my * my;
            double cxy = sxy / n - mx * my;
            double tr = cxx + cyy;
            double det = cxx * cyy - cxy * cxy;
            double disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
            double l1 = tr / 2 + disc;
            double l2 = tr / 2 - disc;
            if (l2 <= 0 || l1 / l2 > 3) {
                continue;
            }
            double fill = n / (12 * Math.sqrt(l1 * l2));
            if (fill < 0.8 || fill > 1.2) {
                continue;
            }
            out.add(new Blob(mx + 0.5, my + 0.5, n));
        }
        return out;
    }

    /** The largest lattice over all seeds, or an empty grid. */
    static Grid lattice(List<Blob> blobs, int longSide, int shortSide) {
        Grid best = new Grid(List.of(), null, blobs.size());
        boolean[] member = new boolean[blobs.size()];
        for (int s = 0; s < blobs.size(); s++) {
            if (member[s]) {
                continue;
            }
            Grid g = grow(blobs, s, longSide, shortSide);
            if (g != null && g.cells().size() > best.cells().size()) {
                best = g;
                Arrays.fill(member, false);
                for (Cell c : g.cells()) {
                    member[blobs.indexOf(c.blob())] = true;
                }
            }
        }
        return best;
    }

    private static Grid grow(List<Blob> blobs, int seed, int longSide, int shortSide) {
        Blob a = blobs.get(seed);
        double side = Math.sqrt(a.area());
        Blob u = null;
        double du = Double.MAX_VALUE;
        for (Blob b : blobs) {
            double d = Math.hypot(b.x() - a.x(), b.y() - a.y());
            if (b != a && similar(a, b) && d >= side && d <= 2.5 * side && d < du) {
                u = b;
                du = d;
            }
        }
        if (u == null) {
            return null;
        }
        double ux = u.x() - a.x();
        double uy = u.y() - a.y();
        Blob v = null;
        double dv = Double.MAX_VALUE;
        for (Blob b : blobs) {
            double vx = b.x() - a.x();
            double vy = b.y() - a.y();
            double d = Math.hypot(vx, vy);
            if (b == a || b == u || !similar(a, b) || d < side || d > 2.5 * side) {
                continue;
            }
            double cos = (ux * vx + uy * vy) / (du * d);
            if (Math.abs(cos) < 0.5 && d < dv) {
                v = b;
                dv = d;
            }
        }
        if (v == null) {
            return null;
        }
        double vx = v.x() - a.x();
        double vy = v.y() - a.y();
        // grid (i, j) -> image: a + i u + j v, an affine start for the homography iterations
        Homography toImage = Homography.of(new double[] {ux, vx, a.x(), uy, vy, a.y(), 0, 0, 1});
        List<Cell> cells = List.of();
        for (int iteration = 0; iteration < 4; iteration++) {
            List<Cell> next = assign(blobs, toImage, a.area());
            if (next.size() < 4 || next.equals(cells)) {
                break;
            }
            cells = next;
            double[][] from = new double[cells.size()][];
            double[][] to = new double[cells.size()][];
            for (int k = 0; k < cells.size(); k++) {
                from[k] = new double[] {cells.get(k).i(), cells.get(k).j()};
                to[k] = new double[] {cells.get(k).blob().x(), cells.get(k).blob().y()};
            }
            try {
                toImage = Homography.fit(from, to);
            } catch (IllegalArgumentException degenerate) {
                return null;
            }
        }
        if (cells.size() < 4 || !fits(cells, longSide, shortSide)) {
            return null;
        }
        return new Grid(cells, toImage, blobs.size());
    }

    private static boolean similar(Blob a, Blob b) {
        double r = b.area() / a.area();
        return r > 0.4 && r < 2.5;
    }

    /** Blobs near a lattice point of {@code toImage}, one per point (the closest), in (i, j) order. */
    private static List<Cell> assign(List<Blob> blobs, Homography toImage, double seedArea) {
        Homography toGrid = toImage.inverse();
        Map<Long, Cell> byCell = new HashMap<>();
        Map<Long, Double> error = new HashMap<>();
        for (Blob b : blobs) {
            double r = b.area() / seedArea;
            if (r < 0.4 || r > 2.5) {
                continue;
            }
            double[] q = toGrid.map(b.x(), b.y());
            if (!Double.isFinite(q[0]) || !Double.isFinite(q[1]) || Math.abs(q[0]) > 100 || Math.abs(q[1]) > 100) {
                continue;
            }
            long i = Math.round(q[0]);
            long j = Math.round(q[1]);
            double e = Math.max(Math.abs(q[0] - i), Math.abs(q[1] - j));
            if (e > CELL_TOLERANCE) {
                continue;
            }
            long key = (i << 32) ^ (j & 0xffffffffL);
            if (!error.containsKey(key) || e < error.get(key)) {
                error.put(key, e);
                byCell.put(key, new Cell((int) i, (int) j, b));
            }
        }
        List<Cell> cells = new ArrayList<>(byCell.values());
        cells.sort((p, q) -> p.i() != q.i() ? Integer.compare(p.i(), q.i()) : Integer.compare(p.j(), q.j()));
        return cells;
    }

    /** Whether the lattice's extent fits the chart's, either way round. */
    private static boolean fits(List<Cell> cells, int longSide, int shortSide) {
        int[] e = extent(cells);
        int si = e[1] - e[0] + 1;
        int sj = e[3] - e[2] + 1;
        return Math.max(si, sj) <= longSide && Math.min(si, sj) <= shortSide && si > 1 && sj > 1;
    }

    /** {min i, max i, min j, max j}. */
    static int[] extent(List<Cell> cells) {
        int[] e = {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (Cell c : cells) {
            e[0] = Math.min(e[0], c.i());
            e[1] = Math.max(e[1], c.i());
            e[2] = Math.min(e[2], c.j());
            e[3] = Math.max(e[3], c.j());
        }
        return e;
    }
}
