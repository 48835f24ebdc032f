package emu.calibration.io;

import emu.calibration.chart.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The tests' camera RAW, where no camera is at hand: a linear DNG (DNG 1.4, PhotometricInterpretation
 * LinearRaw = 34892, three 16-bit samples per pixel, uncompressed, one strip, WhiteLevel 65535),
 * written straight from TIFF 6.0 and DNG 1.6. libraw's {@code dcraw_emu} develops it as it
 * develops any camera's RAW ({@code -T -4}: the single-strip 16-bit TIFF it writes for every
 * camera). ColorMatrix1 (XYZ to camera, for D65) and AsShotNeutral say how the camera sees XYZ
 * and the light; {@link #SRGB} makes the camera space linear Rec.709, so libraw's camera to sRGB
 * conversion is the identity and the developed codes are the stored ones (within one code).
 *
 * <p>The one DNG writer of the tests (station tests reach it through calibration's test jar); also
 * a command for the LUT bench: {@code LinearDng IN.tif OUT.dng}.
 */
public final class LinearDng {
    /** XYZ to linear sRGB (IEC 61966-2-1), row-major. */
    public static final double[] SRGB = {3.240454, -1.537138, -0.498531, -0.969266, 1.876011, 0.041556,
        0.055643, -0.204026, 1.057225};
    private static final double[] WHITE = {1, 1, 1};

    private record Field(int tag, int type, int count, byte[] value) {
    }

    private LinearDng() {
    }

    public static void main(String[] args) throws IOException {
        write(ImageFiles.read(Path.of(args[0])), Path.of(args[1]));
    }

    /** The RGB samples of a 16-bit {@code image} as a Rec.709 camera's DNG. */
    public static void write(BufferedImage image, Path dng) throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster r = image.getRaster();
        short[] px = new short[3 * w * h];
        int[] row = new int[3 * w];
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, row);
            for (int i = 0; i < row.length; i++) {
                px[3 * w * y + i] = (short) row[i];
            }
        }
        Files.write(dng, write(w, h, px, WHITE, SRGB, "emu-station sim"));
    }

    /** {@code image} (linear Rec.709, 0..1, clipped) as a Rec.709 camera's DNG. */
    public static void write(RgbImage image, Path dng) throws IOException {
        int w = image.width();
        int h = image.height();
        short[] px = new short[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    px[3 * (y * w + x) + c] = code(image.get(x, y, c));
                }
            }
        }
        Files.write(dng, write(w, h, px, WHITE, SRGB, "EMU LinearRaw"));
    }

    /**
     * A chart of flat square patches.
     *
     * @param camera row-major patches x 3 native camera RGB, 0..1
     * @param columns patches per row
     * @param size pixels per patch side
     * @param neutral AsShotNeutral (camera RGB of the light's white, largest 1)
     * @param colorMatrix ColorMatrix1 (XYZ to camera, for D65)
     */
    public static byte[] write(double[] camera, int columns, int size, double[] neutral, double[] colorMatrix,
                               String model) {
        int patches = camera.length / 3;
        int rows = (patches + columns - 1) / columns;
        int w = columns * size;
        int h = rows * size;
        short[] px = new short[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y / size) * columns + x / size;
                for (int c = 0; c < 3; c++) {
                    px[3 * (y * w + x) + c] = code(p < patches ? camera[3 * p + c] : 0);
                }
            }
        }
        return write(w, h, px, neutral, colorMatrix, model);
    }

    private static short code(double v) {
        return (short) Math.round(Math.min(1, Math.max(0, v)) * 65535);
    }

    /** The DNG of {@code w x h} pixels of interleaved 16-bit camera RGB {@code px}. */
    public static byte[] write(int w, int h, short[] px, double[] neutral, double[] colorMatrix, String model) {
        List<Field> f = new ArrayList<>();
        f.add(longs(254, 0));
        f.add(longs(256, w));
        f.add(longs(257, h));
        f.add(shorts(258, 16, 16, 16));
        f.add(shorts(259, 1));
        f.add(shorts(262, 34892));
        f.add(ascii(271, "emu-station"));
        f.add(ascii(272, model));
        f.add(longs(273, 0)); // strip offset, patched below
        f.add(shorts(274, 1));
        f.add(shorts(277, 3));
        f.add(longs(278, h));
        f.add(longs(279, w * h * 6));
        f.add(shorts(284, 1));
        f.add(new Field(50706, 1, 4, new byte[] {1, 4, 0, 0}));
        f.add(new Field(50707, 1, 4, new byte[] {1, 1, 0, 0}));
        f.add(ascii(50708, model));
        f.add(longs(50717, 65535));
        f.add(srational(50721, colorMatrix));
        f.add(rational(50728, neutral));
        f.add(shorts(50778, 21));
        f.sort(Comparator.comparingInt(Field::tag));
        int ifd = 8;
        int data = ifd + 2 + 12 * f.size() + 4;
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(data).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd).putShort((short) f.size());
        int stripEntry = -1;
        for (Field e : f) {
            if (e.tag() == 273) {
                stripEntry = head.position() + 8;
            }
            head.putShort((short) e.tag()).putShort((short) e.type()).putInt(e.count());
            if (e.value().length <= 4) {
                head.put(java.util.Arrays.copyOf(e.value(), 4));
            } else {
                head.putInt(data + tail.size());
                tail.writeBytes(e.value());
                if (tail.size() % 2 == 1) {
                    tail.write(0);
                }
            }
        }
        head.putInt(0);
        head.putInt(stripEntry, data + tail.size());
        ByteBuffer pixels = ByteBuffer.allocate(px.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        pixels.asShortBuffer().put(px);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data + tail.size() + pixels.capacity());
        out.writeBytes(head.array());
        out.writeBytes(tail.toByteArray());
        out.writeBytes(pixels.array());
        return out.toByteArray();
    }

    private static Field ascii(int tag, String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.US_ASCII);
        return new Field(tag, 2, b.length, b);
    }

    private static Field shorts(int tag, int... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putShort((short) x);
        }
        return new Field(tag, 3, v.length, b.array());
    }

    private static Field longs(int tag, int v) {
        return new Field(tag, 4, 1, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    private static Field srational(int tag, double[] v) {
        return rationals(tag, 10, v);
    }

    private static Field rational(int tag, double[] v) {
        return rationals(tag, 5, v);
    }

    private static Field rationals(int tag, int type, double[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putInt((int) Math.round(x * 1_000_000)).putInt(1_000_000);
        }
        return new Field(tag, type, v.length, b.array());
    }
}
