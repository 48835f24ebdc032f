package emu.station.ui;

import emu.calibration.chart.RgbImage;
import emu.calibration.color.Encoding;
import emu.calibration.color.Encodings;
import emu.calibration.io.AtomicFiles;
import emu.calibration.io.ImageFiles;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Server-side thumbnails (JPEG, at most {@value #MAX_SIDE} px on the long side), cached in
 * {@code data_dir/cache/thumbs} under the source's SHA-256 and how it was rendered: files are
 * content-addressed and never overwritten, so a cached thumbnail never goes stale.
 *
 * <p>Scans (and camera JPEGs) are already display-encoded and are only resized. Scene-linear
 * captures ({@link Tone#sceneLinear}) are averaged down in linear light, scaled by the file's full
 * scale (the scene-linear value that code 1.0 stands for, so 18% grey at EV 0 is 0.18) and encoded
 * with the sRGB OETF (IEC 61966-2-1, via the {@code srgb} encoding): 0.18 lands on code 0.46, the
 * display's mid-grey.
 */
final class Thumbnails {
    static final int MAX_SIDE = 480;
    private static final Encoding DISPLAY = Encodings.get("srgb");
    private final Path cacheDir;

    /** How a source file's values are turned into display values. */
    record Tone(double linearFullScale) {
        /** Already display-encoded: resized only. */
        static final Tone DISPLAY_ENCODED = new Tone(0);

        /** Scene-linear, code 1.0 = {@code fullScale} in the pairs contract's units. */
        static Tone sceneLinear(double fullScale) {
            if (!(fullScale > 0) || Double.isInfinite(fullScale)) {
                throw new IllegalArgumentException("a scene-linear full scale must be > 0, got " + fullScale);
            }
            return new Tone(fullScale);
        }

        boolean linear() {
            return linearFullScale > 0;
        }

        /** Part of the cache file name: a change in rendering never serves an older thumbnail. */
        String key() {
            return linear() ? String.format(Locale.ROOT, "lin%s-srgb", linearFullScale) : "display";
        }
    }

    Thumbnails(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** The thumbnail of {@code source}, made on first request. */
    byte[] of(Path source, String sha256, Tone tone) throws IOException {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IOException("bad content hash in the database for " + source + ": " + sha256);
        }
        Path cached = cacheDir.resolve(sha256 + "-" + MAX_SIDE + "-" + tone.key() + ".jpg");
        if (Files.isRegularFile(cached)) {
            return Files.readAllBytes(cached);
        }
        BufferedImage out = tone.linear() ? sceneLinear(source, tone.linearFullScale()) : displayEncoded(source);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "jpg", bytes);
        Files.createDirectories(cacheDir);
        AtomicFiles.write(cached, bytes.toByteArray());
        return bytes.toByteArray();
    }

    /** Thumbnail size of a {@code width x height} image. */
    static int[] size(int width, int height) {
        return size(width, height, MAX_SIDE);
    }

    /** Size of a {@code width x height} image shrunk to at most {@code maxSide} on its long side. */
    static int[] size(int width, int height, int maxSide) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(width, height));
        return new int[] {Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))};
    }

    /** A scene-linear RGB image, row-major {@code width x height x 3}, in the pairs contract's units. */
    record LinearImage(int width, int height, double[] rgb) {}

    /**
     * {@code source} box-averaged in linear light down to at most {@code maxSide} px (averaging
     * encoded values would darken edges and shift a patch's mean), times {@code fullScale}.
     */
    static LinearImage sceneLinearDown(Path source, double fullScale, int maxSide) throws IOException {
        RgbImage in = RgbImage.read(source);
        int[] wh = size(in.width(), in.height(), maxSide);
        int w = wh[0];
        int h = wh[1];
        double[] sum = new double[3 * w * h];
        int[] count = new int[w * h];
        for (int y = 0; y < in.height(); y++) {
            int oy = Math.min(h - 1, (int) ((long) y * h / in.height()));
            for (int x = 0; x < in.width(); x++) {
                int o = oy * w + Math.min(w - 1, (int) ((long) x * w / in.width()));
                for (int c = 0; c < 3; c++) {
                    sum[3 * o + c] += in.get(x, y, c);
                }
                count[o]++;
            }
        }
        for (int o = 0; o < w * h; o++) {
            for (int c = 0; c < 3; c++) {
                sum[3 * o + c] = sum[3 * o + c] / count[o] * fullScale;
            }
        }
        return new LinearImage(w, h, sum);
    }

    private static BufferedImage displayEncoded(Path source) throws IOException {
        BufferedImage in = ImageFiles.read(source);
        int[] wh = size(in.getWidth(), in.getHeight());
        BufferedImage out = new BufferedImage(wh[0], wh[1], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(in, 0, 0, wh[0], wh[1], null);
        g.dispose();
        return out;
    }

    /** Encodes the linear thumbnail for display with the sRGB OETF. */
    private static BufferedImage sceneLinear(Path source, double fullScale) throws IOException {
        LinearImage in = sceneLinearDown(source, fullScale, MAX_SIDE);
        BufferedImage out = new BufferedImage(in.width(), in.height(), BufferedImage.TYPE_INT_RGB);
        for (int o = 0; o < in.width() * in.height(); o++) {
            int rgb = 0;
            for (int c = 0; c < 3; c++) {
                double linear = Math.min(1, Math.max(0, in.rgb()[3 * o + c]));
                rgb = (rgb << 8) | (int) Math.round(DISPLAY.encode(linear) * 255);
            }
            out.setRGB(o % in.width(), o / in.width(), rgb);
        }
        return out;
    }
}
