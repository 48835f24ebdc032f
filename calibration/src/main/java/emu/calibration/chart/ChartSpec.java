package emu.calibration.chart;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A reflective chart's geometry and patches: a grid of {@code rows x cols} square patches of side
 * {@link #patchSize()}, {@link #gap()} apart, inside a dark {@link #border()}; patches are numbered
 * row by row from the top-left (index 0) as the chart is meant to be read.
 *
 * <p>Chart coordinates: origin at the chart's top-left outer corner, x to the right along a row, y
 * down along a column, in the spec's own units (only ratios matter: a homography maps them to image
 * pixels). Each patch also carries a reference luminance factor Y (used to tell the chart's
 * orientation and to check a located chart), and a spec may name a neutral ramp, light to dark.
 */
public final class ChartSpec {
    /** {@link #patchAt} of a point on the chart's dark border or in a gap. */
    public static final int SURROUND = -1;
    /** {@link #patchAt} of a point off the chart. */
    public static final int OFF_CHART = -2;
    private final String name;
    private final String description;
    private final int rows;
    private final int cols;
    private final double patchSize;
    private final double gap;
    private final double border;
    private final List<String> patchNames;
    private final String idFormat;
    private final double[] referenceY;
    private final int[] neutralRamp;

    /**
     * @param idFormat    {@link String#format} pattern of a patch's CSV-safe id from its 1-based
     *                    number, e.g. {@code cc24-%02d}
     * @param referenceY  luminance factor of each patch (any scale; only its order is used)
     * @param neutralRamp patch indices of the neutral row from lightest to darkest, or empty
     */
    public ChartSpec(String name, String description, int rows, int cols, double patchSize, double gap,
            double border, List<String> patchNames, String idFormat, double[] referenceY, int[] neutralRamp) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        if (rows < 2 || cols < 2) {
            throw new IllegalArgumentException(name + ": a chart needs at least 2 x 2 patches, got " + rows + " x " + cols);
        }
        if (!(patchSize > 0) || !(gap >= 0) || !(border >= 0)) {
            throw new IllegalArgumentException(name + ": patch size must be > 0, gap and border >= 0; got "
                    + patchSize + ", " + gap + ", " + border);
        }
        if (patchNames.size() != rows * cols || referenceY.length != rows * cols) {
            throw new IllegalArgumentException(name + ": " + rows + " x " + cols + " chart needs " + rows * cols
                    + " patch names and reference values, got " + patchNames.size() + " and " + referenceY.length);
        }
        for (int i : neutralRamp) {
            if (i < 0 || i >= rows * cols) {
                throw new IllegalArgumentException(name + ": neutral ramp patch " + i + " is not on the chart");
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.patchSize = patchSize;
        this.gap = gap;
        this.border = border;
        this.patchNames = List.copyOf(patchNames);
        this.idFormat = Objects.requireNonNull(idFormat, "idFormat");
        this.referenceY = referenceY.clone();
        this.neutralRamp = neutralRamp.clone();
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double patchSize() {
        return patchSize;
    }

    public double gap() {
        return gap;
    }

    public double border() {
        return border;
    }

    /** Centre-to-centre distance of neighbouring patches. */
    public double pitch() {
        return patchSize + gap;
    }

    public int patchCount() {
        return rows * cols;
    }

    public List<String> patchNames() {
        return patchNames;
    }

    public String patchName(int index) {
        return patchNames.get(index);
    }

    /**
     * The patch as people name it: its number on the chart and its name ("18 cyan"), what every
     * page shows; {@link #patchId} stays the files' id.
     */
    public String patchLabel(int index) {
        return (index + 1) + " " + patchNames.get(index);
    }

    /**
     * The patch's stable CSV-safe id ({@code cc24-01} ... {@code cc24-24}, {@code p190-001} ...), the
     * {@code patch} column of the pairs CSV; the simulator's patch sets use the same ids.
     */
    public String patchId(int index) {
        if (index < 0 || index >= patchCount()) {
            throw new IndexOutOfBoundsException(name + " has patches 0.." + (patchCount() - 1) + ", not " + index);
        }
        return String.format(Locale.ROOT, idFormat, index + 1);
    }

    /** The index of the patch with this id or name. */
    public int patchIndex(String idOrName) {
        for (int i = 0; i < patchCount(); i++) {
            if (patchId(i).equals(idOrName) || patchNames.get(i).equals(idOrName)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no patch with id or name '" + idOrName + "'; ids "
                + patchId(0) + ".." + patchId(patchCount() - 1) + ", names " + patchNames);
    }

    public double referenceY(int index) {
        return referenceY[index];
    }

    /** Patch indices of the neutral ramp, lightest first; empty when the chart has none. */
    public int[] neutralRamp() {
        return neutralRamp.clone();
    }

    public int row(int index) {
        return index / cols;
    }

    public int col(int index) {
        return index % cols;
    }

    public double width() {
        return 2 * border + cols * patchSize + (cols - 1) * gap;
    }

    public double height() {
        return 2 * border + rows * patchSize + (rows - 1) * gap;
    }

    /** Centre of patch {@code index} in chart coordinates. */
    public double[] patchCentre(int index) {
        return new double[] {border + patchSize / 2 + col(index) * pitch(), border + patchSize / 2 + row(index) * pitch()};
    }

    /**
     * The central square of patch {@code index} whose side is {@code fraction} of the patch's, as its
     * four corners clockwise from top-left (chart coordinates).
     */
    public double[][] patchSquare(int index, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("patch fraction must be in (0, 1], got " + fraction);
        }
        double[] c = patchCentre(index);
        double h = patchSize * fraction / 2;
        return new double[][] {{c[0] - h, c[1] - h}, {c[0] + h, c[1] - h}, {c[0] + h, c[1] + h}, {c[0] - h, c[1] + h}};
    }

    /**
     * The outer corners of the patch area, clockwise: the outer corner of the first patch (top-left),
     * of the last patch of the first row, of the last patch, of the first patch of the last row.
     * These are the four points an operator clicks.
     */
    public double[][] gridCorners() {
        double x1 = width() - border;
        double y1 = height() - border;
        return new double[][] {{border, border}, {x1, border}, {x1, y1}, {border, y1}};
    }

    /**
     * What the chart shows at chart coordinates (x, y): a patch index, {@link #SURROUND} (border or
     * gap) or {@link #OFF_CHART}. Renderers (the simulator, tests) draw the chart with this.
     */
    public int patchAt(double x, double y) {
        if (!(x >= 0 && y >= 0 && x < width() && y < height())) {
            return OFF_CHART;
        }
        double u = x - border;
        double v = y - border;
        if (u < 0 || v < 0) {
            return SURROUND;
        }
        int col = (int) (u / pitch());
        int row = (int) (v / pitch());
        if (col >= cols || row >= rows || u - col * pitch() >= patchSize || v - row * pitch() >= patchSize) {
            return SURROUND;
        }
        return row * cols + col;
    }

    @Override
    public String toString() {
        return name + " (" + rows + " x " + cols + ")";
    }
}
