package emu.calibration.chart;

import emu.calibration.chart.PatchGridFinder.Cell;
import emu.calibration.chart.PatchGridFinder.Grid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Locates a chart in an image, automatically or from operator-set corners.
 *
 * <p>Detection works on a copy of the image reduced to about 1000 pixels on its long side (more for
 * charts with many patches). {@link PatchGridFinder} finds the largest grid of uniform square
 * regions; every way the chart's rows and columns can lie on that grid (the 4 rotations, each at
 * every offset that covers the cells found; mirror images are excluded because they cannot come
 * from a camera) is scored by sampling its patches and comparing their luminance with the chart's
 * reference: Spearman's rank correlation over all patches (Spearman, Am. J. Psychol. 15 (1904);
 * ties take their mean rank), averaged, where the chart has a neutral ramp, with the ramp's order
 * agreement (Kendall's tau-a against the expected light-to-dark order: Kendall, Biometrika 30
 * (1938)). Rank statistics make the test indifferent to exposure, white balance gain, and whether
 * the image is linear or display-encoded. A ColorChecker turned by 180 degrees scores about 0.2
 * against about 1 the right way up: the neutral row then reads black to white.
 *
 * <p>Confidence is the product of: coverage (patches found over 80% of the chart's), match ((score
 * - 0.3) / 0.5, clamped), orientation margin ((best - next) / 0.4, clamped) and uniformity (share of
 * uniform patches); each factor below 1 adds a note.
 */
public final class ChartLocator {
    /** Below this match score no orientation of the grid looks like the chart. */
    static final double MIN_MATCH = 0.3;
    private static final int WORKING_SIDE = 1000;
    private static final int WORKING_PIXELS_PER_PATCH = 70;

    private ChartLocator() {}

    /**
     * Finds {@code spec}'s chart in {@code image}.
     *
     * @throws ChartNotFoundException with what was seen, when no grid of the chart's shape is found,
     *                                when it runs off the image, or when its patches do not match
     */
    public static ChartLocation locate(RgbImage image, ChartSpec spec) throws ChartNotFoundException {
        int factor = workingFactor(image, spec);
        RgbImage work = image.downsample(factor);
        int longSide = Math.max(spec.rows(), spec.cols());
        int shortSide = Math.min(spec.rows(), spec.cols());
        Grid grid = PatchGridFinder.find(work, longSide, shortSide);
        int n = spec.patchCount();
        int needed = Math.max(4, (n + 1) / 2);
        String what = String.format(Locale.ROOT, "%s (%d x %d) found in the %d x %d image", spec.name(), spec.rows(),
                spec.cols(), image.width(), image.height());
        if (grid.cells().size() < needed) {
            throw new ChartNotFoundException(String.format(Locale.ROOT,
                    "no %s: saw %d uniform patch-like regions, the largest group on one grid had %d"
                            + " (need %d of the chart's %d patches); is the whole chart in frame, lit and in focus?",
                    what, grid.candidates(), grid.cells().size(), needed, n));
        }
        int[] offImage = new int[1];
        List<Hypothesis> hypotheses = hypotheses(spec, grid, work, offImage);
        if (hypotheses.isEmpty()) {
            throw new ChartNotFoundException(String.format(Locale.ROOT,
                    "no %s: a grid of %d patches was seen but the chart placed on it would run off the image:"
                            + " is the whole chart in frame?", what, grid.cells().size()));
        }
        hypotheses.sort((p, q) -> Double.compare(q.match.score, p.match.score));
        Hypothesis best = hypotheses.get(0);
        if (best.match.score < MIN_MATCH) {
            throw new ChartNotFoundException(String.format(Locale.ROOT,
                    "no %s: a grid of %d patches was seen but in no orientation do its patches follow the"
                            + " chart's light/dark order (best rank agreement %.2f, need %.2f); is it the right chart?%s",
                    what, grid.cells().size(), best.match.score, MIN_MATCH, offImage[0] == 0 ? ""
                            : " (" + offImage[0] + " placements that would run off the image were not tried:"
                            + " is the whole chart in frame?)"));
        }
        Homography chartToWork = refit(spec, grid, best);
        Homography chartToImage = chartToWork.then(Homography.scaling(factor));

        List<String> notes = new ArrayList<>();
        int seen = grid.cells().size();
        double coverage = Math.min(1, seen / (0.8 * n));
        if (coverage < 1) {
            notes.add(String.format(Locale.ROOT, "found %d of the %d patches", seen, n));
        }
        double margin = 1;
        if (hypotheses.size() > 1) {
            Hypothesis next = hypotheses.get(1);
            margin = clamp((best.match.score - next.match.score) / 0.4);
            if (margin < 1) {
                notes.add(String.format(Locale.ROOT,
                        "placement uncertain: best match %.2f, next %.2f (the chart turned by %d degrees"
                                + " from the best, or shifted on a partly seen grid)", best.match.score,
                        next.match.score, turn(spec, best.chartToWork, next.chartToWork)));
            }
        }
        double confidence = coverage * margin * quality(spec, best.match, notes);
        return new ChartLocation(spec, chartToImage, chartToImage.map(spec.gridCorners()), confidence,
                ChartLocation.Method.DETECTED, seen, best.match.score, notes);
    }

    /**
     * The chart placed by an operator: {@code corners} are the {@link ChartSpec#gridCorners() grid
     * corners} in image pixels, in chart order (outer corner of the first patch, of the last patch of
     * the first row, of the last patch, of the first patch of the last row), which is clockwise on
     * screen. The placement is always used; confidence and notes say whether the patches under it
     * look like the chart (a wrong corner order shows as a low match).
     *
     * @throws IllegalArgumentException for corners that are not 4 finite points inside the image
     *                                  forming a convex clockwise quadrilateral
     */
    public static ChartLocation fromCorners(RgbImage image, ChartSpec spec, double[][] corners) {
        checkCorners(image, spec, corners);
        Homography chartToImage = Homography.fit(spec.gridCorners(), corners);
        int factor = workingFactor(image, spec);
        Match match = match(image.downsample(factor), spec, chartToImage.then(Homography.scaling(1.0 / factor)));
        List<String> notes = new ArrayList<>();
        double confidence = quality(spec, match, notes);
        if (match.score < MIN_MATCH) {
            notes.add("the patches under these corners do not look like " + spec.name()
                    + "; check the corner order (first: the outer corner of patch 1, " + spec.patchName(0) + ")");
        }
        double[][] copy = new double[4][];
        for (int k = 0; k < 4; k++) {
            copy[k] = corners[k].clone();
        }
        return new ChartLocation(spec, chartToImage, copy, confidence, ChartLocation.Method.OPERATOR,
                spec.patchCount(), match.score, notes);
    }

    private static void checkCorners(RgbImage image, ChartSpec spec, double[][] corners) {
        String order = "give 4 points [x, y] in image pixels: the outer corners of patch 1 (" + spec.patchName(0)
                + "), patch " + spec.cols() + " (" + spec.patchName(spec.cols() - 1) + "), patch " + spec.patchCount()
                + " (" + spec.patchName(spec.patchCount() - 1) + "), patch " + (spec.patchCount() - spec.cols() + 1)
                + " (" + spec.patchName(spec.patchCount() - spec.cols()) + ")";
        if (corners == null || corners.length != 4) {
            throw new IllegalArgumentException("chart corners: " + order + "; got "
                    + (corners == null ? "none" : corners.length + " points"));
        }
        for (int k = 0; k < 4; k++) {
            double[] c = corners[k];
            if (c == null || c.length != 2 || !Double.isFinite(c[0]) || !Double.isFinite(c[1])) {
                throw new IllegalArgumentException("chart corner " + (k + 1) + " is not a finite [x, y] point: "
                        + Arrays.toString(c) + "; " + order);
            }
            if (c[0] < 0 || c[1] < 0 || c[0] > image.width() || c[1] > image.height()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "chart corner %d (%.1f, %.1f) is outside the %d x %d image", k + 1, c[0], c[1],
                        image.width(), image.height()));
            }
        }
        int positive = 0;
        int negative = 0;
        for (int k = 0; k < 4; k++) {
            double z = cross(corners[k], corners[(k + 1) % 4], corners[(k + 2) % 4]);
            positive += z > 0 ? 1 : 0;
            negative += z < 0 ? 1 : 0;
        }
        if (negative == 4) {
            throw new IllegalArgumentException("chart corners run anticlockwise on screen (mirrored order); " + order);
        }
        if (positive != 4) {
            throw new IllegalArgumentException("chart corners " + Arrays.deepToString(corners)
                    + " do not form a convex quadrilateral; " + order);
        }
    }

    /** z of (b - a) x (c - b): positive for a clockwise turn on screen (y down). */
    private static double cross(double[] a, double[] b, double[] c) {
        return (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    }

    private static int workingFactor(RgbImage image, ChartSpec spec) {
        int side = Math.max(WORKING_SIDE, WORKING_PIXELS_PER_PATCH * Math.max(spec.rows(), spec.cols()));
        return Math.max(1, (int) Math.ceil(Math.max(image.width(), image.height()) / (double) side));
    }

    /** A placement of the chart on the grid: patch (col, row) at cell rot * (col, row) + offset. */
    private record Hypothesis(int[] rot, int oi, int oj, Homography chartToWork, Match match) {}

    /** The 4 rotations as 2 x 2 integer matrices {a, b, c, d}: (i, j) = (a col + b row, c col + d row). */
    private static final int[][] ROTATIONS = {{1, 0, 0, 1}, {0, -1, 1, 0}, {-1, 0, 0, -1}, {0, 1, -1, 0}};
    /** The grid's own axes may be mirrored relative to the image; these flip j. */
    private static final int[][] MIRRORED = {{1, 0, 0, -1}, {0, -1, -1, 0}, {-1, 0, 0, 1}, {0, 1, 1, 0}};

    /** Placements that are not mirrored and lie inside the image; {@code offImage[0]} counts the rest. */
    private static List<Hypothesis> hypotheses(ChartSpec spec, Grid grid, RgbImage work, int[] offImage) {
        int[] e = PatchGridFinder.extent(grid.cells());
        List<Hypothesis> out = new ArrayList<>();
        for (int[][] family : new int[][][] {ROTATIONS, MIRRORED}) {
            for (int[] r : family) {
                int[] box = rotatedExtent(spec, r);
                for (int oi = e[1] - box[1]; oi <= e[0] - box[0]; oi++) {
                    for (int oj = e[3] - box[3]; oj <= e[2] - box[2]; oj++) {
                        Homography h = chartToGrid(spec, r, oi, oj).then(grid.gridToImage());
                        if (!clockwise(h.map(spec.gridCorners()))) {
                            continue;
                        }
                        if (!inside(h, spec, work)) {
                            offImage[0]++;
                            continue;
                        }
                        out.add(new Hypothesis(r, oi, oj, h, match(work, spec, h)));
                    }
                }
            }
        }
        return out;
    }

    private static int[] rotatedExtent(ChartSpec spec, int[] r) {
        int[] box = {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (int p = 0; p < spec.patchCount(); p++) {
            int i = r[0] * spec.col(p) + r[1] * spec.row(p);
            int j = r[2] * spec.col(p) + r[3] * spec.row(p);
            box[0] = Math.min(box[0], i);
            box[1] = Math.max(box[1], i);
            box[2] = Math.min(box[2], j);
            box[3] = Math.max(box[3], j);
        }
        return box;
    }

    /** Chart coordinates -> grid cell coordinates: patch centres land on integer cells. */
    private static Homography chartToGrid(ChartSpec spec, int[] r, int oi, int oj) {
        double c0 = spec.border() + spec.patchSize() / 2;
        double p = spec.pitch();
        return Homography.of(new double[] {
            r[0] / p, r[1] / p, oi - (r[0] + r[1]) * c0 / p,
            r[2] / p, r[3] / p, oj - (r[2] + r[3]) * c0 / p,
            0, 0, 1});
    }

    /** Whether a quadrilateral's corners turn clockwise on screen, as the chart's own do. */
    private static boolean clockwise(double[][] q) {
        double area = 0;
        for (int k = 0; k < q.length; k++) {
            double[] a = q[k];
            double[] b = q[(k + 1) % q.length];
            area += a[0] * b[1] - b[0] * a[1];
        }
        return area > 0;
    }

    private static boolean inside(Homography chartToWork, ChartSpec spec, RgbImage work) {
        for (double[] c : chartToWork.map(spec.gridCorners())) {
            if (!(c[0] >= 0 && c[1] >= 0 && c[0] <= work.width() && c[1] <= work.height())) {
                return false;
            }
        }
        return true;
    }

    /** The chart -> working image homography fitted to every grid member's patch centre. */
    private static Homography refit(ChartSpec spec, Grid grid, Hypothesis h) {
        List<Cell> cells = grid.cells();
        double[][] from = new double[cells.size()][];
        double[][] to = new double[cells.size()][];
        int[] r = h.rot;
        for (int k = 0; k < cells.size(); k++) {
            Cell c = cells.get(k);
            int di = c.i() - h.oi;
            int dj = c.j() - h.oj;
            // r is orthogonal with entries 0 and +-1, so its inverse is its transpose
            int col = r[0] * di + r[2] * dj;
            int row = r[1] * di + r[3] * dj;
            from[k] = spec.patchCentre(row * spec.cols() + col);
            to[k] = new double[] {c.blob().x(), c.blob().y()};
        }
        return Homography.fit(from, to);
    }

    /** Rank agreement of the sampled patches with the chart's reference luminance. */
    record Match(double score, double rho, double ramp, List<PatchReading> readings) {}

    static Match match(RgbImage work, ChartSpec spec, Homography chartToWork) {
        List<PatchReading> readings = PatchSampler.sample(work, spec, chartToWork, SamplingOptions.DEFAULTS);
        int n = spec.patchCount();
        double[] seen = new double[n];
        double[] expected = new double[n];
        for (int p = 0; p < n; p++) {
            seen[p] = readings.get(p).meanLevel();
            expected[p] = spec.referenceY(p);
        }
        double rho = spearman(seen, expected);
        int[] ramp = spec.neutralRamp();
        if (ramp.length < 2) {
            return new Match(rho, rho, Double.NaN, readings);
        }
        int agree = 0;
        int pairs = 0;
        for (int a = 0; a < ramp.length; a++) {
            for (int b = a + 1; b < ramp.length; b++) {
                double d = seen[ramp[a]] - seen[ramp[b]];
                agree += d > 0 ? 1 : d < 0 ? -1 : 0;
                pairs++;
            }
        }
        double tau = agree / (double) pairs;
        return new Match((rho + tau) / 2, rho, tau, readings);
    }

    /** Spearman's rho: Pearson correlation of the ranks, ties at their mean rank. */
    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = Arrays.stream(ra).average().orElse(0);
        double mb = Arrays.stream(rb).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
    }

    private static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(v[p], v[q]));
        double[] rank = new double[v.length];
        for (int s = 0; s < v.length; ) {
            int e = s;
            while (e + 1 < v.length && v[order[e + 1]] == v[order[s]]) {
                e++;
            }
            for (int k = s; k <= e; k++) {
                rank[order[k]] = (s + e) / 2.0;
            }
            s = e + 1;
        }
        return rank;
    }

    /** Match and uniformity factors of the confidence, with their notes. */
    private static double quality(ChartSpec spec, Match m, List<String> notes) {
        double match = clamp((m.score - MIN_MATCH) / 0.5);
        if (match < 1) {
            notes.add(String.format(Locale.ROOT, "patch luminances match %s's order only partly (score %.2f, rank"
                    + " correlation %.2f%s)", spec.name(), m.score, m.rho,
                    Double.isNaN(m.ramp) ? "" : String.format(Locale.ROOT, ", neutral ramp order %.2f", m.ramp)));
        }
        List<String> uneven = new ArrayList<>();
        for (PatchReading r : m.readings) {
            if (r.nonUniform()) {
                uneven.add((r.index() + 1) + " " + r.name());
            }
        }
        if (!uneven.isEmpty()) {
            notes.add("non-uniform patches (glare, shadow, an object, or a misplaced grid): " + String.join(", ", uneven));
        }
        return match * (1 - uneven.size() / (double) spec.patchCount());
    }

    /** The angle between two placements' chart x axes in the image, rounded to whole degrees. */
    private static long turn(ChartSpec spec, Homography a, Homography b) {
        double[] c = {spec.width() / 2, spec.height() / 2};
        return Math.round(Math.floorMod(Math.round(Math.toDegrees(axis(a, c) - axis(b, c))), 360));
    }

    private static double axis(Homography h, double[] c) {
        double[] p = h.map(c[0], c[1]);
        double[] q = h.map(c[0] + 1, c[1]);
        return Math.atan2(q[1] - p[1], q[0] - p[0]);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
