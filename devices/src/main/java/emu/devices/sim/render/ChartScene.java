package emu.devices.sim.render;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import emu.calibration.color.Matrices;
import emu.devices.sim.spectral.PatchSet;
import emu.devices.sim.spectral.Spectrum;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A ColorChecker Classic 24 photographed on a dark surround: which surface every pixel of a
 * {@code width x height} frame sees. The chart is the real layout (4 rows x 6 columns of 40 mm
 * patches at 46.5 mm pitch, dark skin top left, on a 279 x 216 mm black board), filling about
 * 70% of the frame width, slightly rotated and in slight perspective (a camera not quite square
 * to the chart), both drawn from a seed. Optionally a slate stands to the right of the chart: a
 * white card carrying a QR code (ISO/IEC 18004, encoded by ZXing) of a text such as the plan
 * step, so that every frame carries its identity; the chart is then framed smaller to make room.
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
    /** Region index of the slate's white card and light QR modules. */
    public static final int SLATE_WHITE = 26;
    /** Region index of the slate's dark QR modules. */
    public static final int SLATE_BLACK = 27;
    /** Number of regions: 24 patches, board, surround, slate white, slate black. */
    public static final int REGIONS = 28;

    private static final double PATCH_MM = 40;
    private static final double PITCH_MM = 46.5;
    private static final double BOARD_W_MM = 279;
    private static final double BOARD_H_MM = 216;
    /** With a slate: the chart, a 15 mm gap and an 80 mm square slate side by side. */
    private static final double SLATE_MM = 80;
    private static final double SLATE_GAP_MM = 15;
    /**
     * Frame width at which the tilt's per-pixel range is drawn: the unit tests' frames (at the
     * demo's 1200 px that range already ran some seeds' boards off the frame).
     */
    private static final double TILT_WIDTH_PX = 600;

    private final int width;
    private final int height;
    private final double[] h;
    private final double[] hInv;
    private final List<Spectrum> surfaces;
    private final boolean slateArea;
    private final double chartX;
    private final double slateX;
    private final BitMatrix slate;

    /**
     * A chart without a slate.
     *
     * @param seed draws the rotation (within ±2°) and the perspective tilt; the same seed gives
     *     the same framing, and frames of one aspect ratio at different sizes are scaled copies
     */
    public ChartScene(int width, int height, long seed) {
        this(width, height, seed, false);
    }

    /**
     * @param slateArea whether the frame leaves room for a slate (see {@link #withSlate}); the
     *     slate is blank white until given a text
     */
    public ChartScene(int width, int height, long seed, boolean slateArea) {
        if (width < 120 || height < 80 || width > 8000 || height > 8000) {
            throw new IllegalArgumentException("image size must be 120x80 .. 8000x8000, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.slateArea = slateArea;
        double sceneW = slateArea ? BOARD_W_MM + SLATE_GAP_MM + SLATE_MM : BOARD_W_MM;
        this.chartX = slateArea ? -sceneW / 2 + BOARD_W_MM / 2 : 0;
        this.slateX = sceneW / 2 - SLATE_MM / 2;
        SplittableRandom rng = new SplittableRandom(seed);
        double angle = Math.toRadians(rng.nextDouble(-2, 2));
        // P acts on pixel offsets, so its terms are per pixel: drawn for a 600 px wide frame and
        // scaled to this one, the perspective is the same fraction of the frame at any resolution
        // (unscaled, a 6000 px frame got ten times a 600 px frame's keystone: the chart ran off it)
        double perPixel = TILT_WIDTH_PX / width;
        double tiltX = rng.nextDouble(-4e-4, 4e-4) * perPixel;
        double tiltY = rng.nextDouble(-4e-4, 4e-4) * perPixel;
        double scale = (slateArea ? 0.85 : 0.70) * width / sceneW;
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
        sf.add(Spectrum.constant(0.85));
        sf.add(Spectrum.constant(0.03));
        this.surfaces = List.copyOf(sf);
        this.slate = null;
    }

    private ChartScene(ChartScene base, BitMatrix slate) {
        this.width = base.width;
        this.height = base.height;
        this.h = base.h;
        this.hInv = base.hInv;
        this.surfaces = base.surfaces;
        this.slateArea = true;
        this.chartX = base.chartX;
        this.slateX = base.slateX;
        this.slate = slate;
    }

    /**
     * This framing with the slate showing {@code text} as a QR code (error correction M, a
     * two-module quiet zone).
     *
     * @throws IllegalStateException if the scene was framed without room for a slate
     * @throws IllegalArgumentException if the text does not fit a QR code
     */
    public ChartScene withSlate(String text) {
        if (!slateArea) {
            throw new IllegalStateException("this scene was framed without a slate area");
        }
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
            return new ChartScene(this, m);
        } catch (WriterException e) {
            throw new IllegalArgumentException("slate text cannot be a QR code (" + e.getMessage() + "): " + text, e);
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The reflectance of region {@code r} (0..23 patches in chart order, then surround, board, slate white, slate black). */
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
        if (slateArea && Math.abs(mm[0] - slateX) <= SLATE_MM / 2 && Math.abs(mm[1]) <= SLATE_MM / 2) {
            if (slate == null) {
                return SLATE_WHITE;
            }
            int mx = (int) ((mm[0] - slateX + SLATE_MM / 2) / SLATE_MM * slate.getWidth());
            int my = (int) ((mm[1] + SLATE_MM / 2) / SLATE_MM * slate.getHeight());
            mx = Math.min(slate.getWidth() - 1, Math.max(0, mx));
            my = Math.min(slate.getHeight() - 1, Math.max(0, my));
            return slate.get(mx, my) ? SLATE_BLACK : SLATE_WHITE;
        }
        double px = mm[0] - chartX;
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
        return apply(h, chartX + (col - 2.5) * PITCH_MM, (row - 1.5) * PITCH_MM);
    }

    /** Pixel coordinates of the board's corners: top left, top right, bottom right, bottom left. */
    public double[][] boardCorners() {
        double w = BOARD_W_MM / 2;
        double hh = BOARD_H_MM / 2;
        return new double[][] {apply(h, chartX - w, -hh), apply(h, chartX + w, -hh), apply(h, chartX + w, hh), apply(h, chartX - w, hh)};
    }

    /** Approximate patch side in pixels (for sampling windows). */
    public double patchSizePixels() {
        double[] a = apply(h, chartX - PATCH_MM / 2, 0);
        double[] b = apply(h, chartX + PATCH_MM / 2, 0);
        return Math.hypot(b[0] - a[0], b[1] - a[1]);
    }

    private static double[] apply(double[] m, double x, double y) {
        double w = m[6] * x + m[7] * y + m[8];
        return new double[] {(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w};
    }
}
