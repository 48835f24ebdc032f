package emu.devices.sim.render;

import emu.calibration.color.Matrices;
import emu.devices.sim.spectral.PatchSet;
import emu.devices.sim.spectral.Spectrum;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A ColorChecker Classic 24 photographed on a dark surround: which surface every pixel of a
 * {@code width x height} frame sees. The chart is the real layout (4 rows x 6 columns of 40 mm
 * patches at 46.5 mm pitch, dark skin top left, on a 279 x 216 mm black board), filling about
 * 70% of the frame width, slightly rotated and in slight perspective (a camera not quite square
 * to the chart), both drawn from a seed.
 *
 * <p>Geometry: pixel ~ H · (X, Y, 1) with chart millimetres X, Y centred on the chart, and
 * H = T · P · R · S (scale, rotation, a small projective tilt, translation to the frame centre);
 * a pixel's surface is found by mapping its centre back through H⁻¹ (Hartley &amp; Zisserman,
 * Multiple View Geometry, 2nd ed., §2.3).
 */
public final class ChartScene {
    /** Region index of the dark surround (cloth). */
    public static final int SURROUND = 24;
    /** Region index of the chart's black board. */
    public static final int BOARD = 25;
    /** Number of regions: 24 patches, board, surround. */
    public static final int REGIONS = 26;

    private static final double PATCH_MM = 40;
    private static final double PITCH_MM = 46.5;
    private static final double BOARD_W_MM = 279;
    private static final double BOARD_H_MM = 216;

    private final int width;
    private final int height;
    private final double[] h;
    private final double[] hInv;
    private final List<Spectrum> surfaces;

    /**
     * @param seed draws the rotation (within ±2°) and the perspective tilt; the same seed gives
     *     the same framing
     */
    public ChartScene(int width, int height, long seed) {
        if (width < 120 || height < 80 || width > 8000 || height > 8000) {
            throw new IllegalArgumentException("image size must be 120x80 .. 8000x8000, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        SplittableRandom rng = new SplittableRandom(seed);
        double angle = Math.toRadians(rng.nextDouble(-2, 2));
        double tiltX = rng.nextDouble(-4e-4, 4e-4);
        double tiltY = rng.nextDouble(-4e-4, 4e-4);
        double scale = 0.70 * width / BOARD_W_MM;
        if (scale * BOARD_H_MM > 0.85 * height) {
            scale = 0.85 * height / BOARD_H_MM;
        }
        double c = Math.cos(angle) * scale;
        double s = Math.sin(angle) * scale;
        double[] rs = {c, -s, 0, s, c, 0, 0, 0, 1};
        double[] p = {1, 0, 0, 0, 1, 0, tiltX, tiltY, 1};
        double[] t = {1, 0, width / 2.0, 0, 1, height / 2.0, 0, 0, 1};
        this.h = Matrices.multiply(t, Matrices.multiply(p, rs));
        this.hInv = Matrices.invert(h);
        List<Spectrum> sf = new ArrayList<>();
        PatchSet.colorChecker24().patches().forEach(x -> sf.add(x.reflectance()));
        sf.add(Spectrum.constant(0.015));
        sf.add(Spectrum.constant(0.035));
        this.surfaces = List.copyOf(sf);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The reflectance of region {@code r} (0..23 patches in chart order, then board, surround). */
    public Spectrum reflectance(int r) {
        return surfaces.get(r);
    }

    /** The region each pixel sees, row-major. */
    public int[] regions() {
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = regionAt(x + 0.5, y + 0.5);
            }
        }
        return out;
    }

    /** The region seen at pixel position (x, y). */
    public int regionAt(double x, double y) {
        double[] mm = apply(hInv, x, y);
        double px = mm[0];
        double py = mm[1];
        if (Math.abs(px) > BOARD_W_MM / 2 || Math.abs(py) > BOARD_H_MM / 2) {
            return SURROUND;
        }
        // patch centres sit at ±(k + 0.5) pitch from the chart centre
        double cx = px / PITCH_MM + 3;
        double cy = py / PITCH_MM + 2;
        int col = (int) Math.floor(cx);
        int row = (int) Math.floor(cy);
        if (col < 0 || col > 5 || row < 0 || row > 3) {
            return BOARD;
        }
        double fx = (cx - col - 0.5) * PITCH_MM;
        double fy = (cy - row - 0.5) * PITCH_MM;
        return Math.abs(fx) <= PATCH_MM / 2 && Math.abs(fy) <= PATCH_MM / 2 ? row * 6 + col : BOARD;
    }

    /** Pixel coordinates of the centre of patch {@code i} (0..23, chart order). */
    public double[] patchCentre(int i) {
        int row = i / 6;
        int col = i % 6;
        return apply(h, (col - 2.5) * PITCH_MM, (row - 1.5) * PITCH_MM);
    }

    /** Pixel coordinates of the board's corners: top left, top right, bottom right, bottom left. */
    public double[][] boardCorners() {
        double w = BOARD_W_MM / 2;
        double hh = BOARD_H_MM / 2;
        return new double[][] {apply(h, -w, -hh), apply(h, w, -hh), apply(h, w, hh), apply(h, -w, hh)};
    }

    /** Approximate patch side in pixels (for sampling windows). */
    public double patchSizePixels() {
        double[] a = apply(h, -PATCH_MM / 2, 0);
        double[] b = apply(h, PATCH_MM / 2, 0);
        return Math.hypot(b[0] - a[0], b[1] - a[1]);
    }

    private static double[] apply(double[] m, double x, double y) {
        double w = m[6] * x + m[7] * y + m[8];
        return new double[] {(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w};
    }
}
