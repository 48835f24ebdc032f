package emu.station.ui;

import emu.calibration.io.AtomicFiles;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Server-side thumbnails (JPEG, at most {@value #MAX_SIDE} px on the long side), cached in
 * {@code data_dir/cache/thumbs} under the source's SHA-256: files are content-addressed and never
 * overwritten, so a cached thumbnail never goes stale.
 */
final class Thumbnails {
    static final int MAX_SIDE = 480;
    private final Path cacheDir;

    Thumbnails(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** The thumbnail of {@code source}, made on first request. */
    byte[] of(Path source, String sha256) throws IOException {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IOException("bad content hash in the database for " + source + ": " + sha256);
        }
        Path cached = cacheDir.resolve(sha256 + "-" + MAX_SIDE + ".jpg");
        if (Files.isRegularFile(cached)) {
            return Files.readAllBytes(cached);
        }
        BufferedImage in = ImageIO.read(source.toFile());
        if (in == null) {
            throw new IOException("no image reader for " + source);
        }
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(in.getWidth(), in.getHeight()));
        int w = Math.max(1, (int) Math.round(in.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(in.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(in, 0, 0, w, h, null);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "jpg", bytes);
        Files.createDirectories(cacheDir);
        AtomicFiles.write(cached, bytes.toByteArray());
        return bytes.toByteArray();
    }
}
