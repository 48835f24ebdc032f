package emu.station.fromimages;

import emu.calibration.chart.RgbImage;
import emu.calibration.color.Encoding;
import emu.calibration.color.Encodings;
import emu.calibration.io.AtomicFiles;
import emu.devices.camera.CapturedFile;
import emu.station.readings.ChartReadings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens an image for chart reading, in the values the pairs need: camera RAW files are developed
 * by {@code dcraw_emu -T -4} (16-bit linear TIFF, the station's own RAW path); TIFF and PNG are
 * taken as stored; a display-encoded file (a JPEG, or any file said to be so) is decoded to linear
 * per pixel, before sampling, so patch means are means of light and not of code values.
 */
public final class SourceImages {
    private SourceImages() {}

    /** An opened image and the encoding it was decoded from ({@code linear}: taken as stored). */
    public record Opened(RgbImage image, Encoding decodedFrom) {
        /** Whether values were decoded from a display encoding (the pairs CSV marks such pairs). */
        public boolean decoded() {
            return decodedFrom != Encodings.LINEAR;
        }
    }

    /** Whether {@code file} is a JPEG by its name. */
    public static boolean isJpeg(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /** Whether {@code file} is a camera RAW (DNG included) by its name. */
    public static boolean isRaw(Path file) {
        return CapturedFile.Kind.ofName(file.getFileName().toString()) == CapturedFile.Kind.RAW;
    }

    /** Whether {@code file}'s name is one of an image this package reads. */
    public static boolean isImage(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return isJpeg(file) || isRaw(file) || n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".png");
    }

    /** The encoding a capture is assumed to be in: sRGB for JPEG (cameras' JPEGs are sRGB), linear otherwise. */
    public static Encoding captureEncoding(Path file) {
        return isJpeg(file) ? Encodings.get("srgb") : Encodings.LINEAR;
    }

    /**
     * Opens {@code file}, decoding it from {@code storedAs} to linear unless that is {@code linear}.
     *
     * @throws IOException naming the file when it cannot be read or developed
     */
    public static Opened open(Path file, Encoding storedAs) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        RgbImage image;
        if (isRaw(file)) {
            Path dir = Files.createTempDirectory("emu-raw-");
            try {
                image = RgbImage.read(ChartReadings.develop(file, dir));
            } finally {
                AtomicFiles.deleteTree(dir);
            }
        } else {
            try {
                image = RgbImage.read(file);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        if (storedAs == Encodings.LINEAR) {
            return new Opened(image, storedAs);
        }
        return new Opened(decode(image, storedAs), storedAs);
    }

    /** A new image with every sample decoded from {@code e} to linear. */
    static RgbImage decode(RgbImage image, Encoding e) {
        int w = image.width();
        int h = image.height();
        // 8-bit files hold 256 codes: decode through a table rather than a pow per sample
        float[] table = new float[65536];
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) e.decode(i / 65535.0);
        }
        float[] out = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = 3 * (y * w + x);
                for (int c = 0; c < 3; c++) {
                    float v = image.get(x, y, c);
                    out[o + c] = v >= 0 && v <= 1 ? table[Math.round(v * 65535)] : (float) e.decode(v);
                }
            }
        }
        return new RgbImage(w, h, out);
    }
}
