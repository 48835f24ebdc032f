package emu.calibration.profile.dcp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A small linear DNG (DNG 1.4, PhotometricInterpretation LinearRaw = 34892, three 16-bit samples
 * per pixel, uncompressed, one strip) holding a chart of flat patches in the station's camera
 * space: what a raw converter gets when the station's simulated camera renders the chart.
 * ColorMatrix1 and AsShotNeutral say how that camera sees XYZ and the scene's light, as
 * {@link CameraSpace} defines them. Written for the tests straight from TIFF 6.0 and DNG 1.6.
 */
public final class LinearDng {

    private record Field(int tag, int type, int count, byte[] value) {
    }

    private LinearDng() {
    }

    /**
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
        ByteBuffer px = ByteBuffer.allocate(w * h * 6).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y / size) * columns + x / size;
                for (int c = 0; c < 3; c++) {
                    double v = p < patches ? camera[3 * p + c] : 0;
                    px.putShort((short) Math.round(Math.min(1, Math.max(0, v)) * 65535));
                }
            }
        }
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.array());
        out.writeBytes(tail.toByteArray());
        out.writeBytes(px.array());
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
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putInt((int) Math.round(x * 1_000_000)).putInt(1_000_000);
        }
        return new Field(tag, 10, v.length, b.array());
    }

    private static Field rational(int tag, double[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putInt((int) Math.round(x * 1_000_000)).putInt(1_000_000);
        }
        return new Field(tag, 5, v.length, b.array());
    }
}
