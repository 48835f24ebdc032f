package emu.calibration.lut;

import emu.calibration.io.ImageFiles;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A camera RAW for {@code dcraw_emu} to develop, where no camera is at hand: a LinearRaw DNG
 * (DNG 1.4 specification, chapters 4 and 6: PhotometricInterpretation 34892, three 16-bit
 * samples a pixel, identity ColorMatrix1 under D65, neutral AsShotNeutral), uncompressed, one
 * strip, of an RGB image's samples. libraw's {@code dcraw_emu -T -4} turns it into the
 * single-strip 16-bit TIFF that it writes for any camera. Also a command for the LUT bench:
 * {@code SimDng IN.tif OUT.dng}.
 */
public final class SimDng {
    private SimDng() {}

    public static void main(String[] args) throws IOException {
        write(ImageFiles.read(Path.of(args[0])), Path.of(args[1]));
    }

    /** Writes the RGB samples of a 16-bit {@code img} as a LinearRaw DNG. */
    static void write(BufferedImage img, Path dng) throws IOException {
        int w = img.getWidth();
        int h = img.getHeight();
        int entries = 17;
        int extraAt = 8 + 2 + 12 * entries + 4;
        byte[] model = "emu-station sim\0".getBytes(StandardCharsets.US_ASCII);
        byte[] make = "emu\0".getBytes(StandardCharsets.US_ASCII);
        int bpsAt = extraAt;
        int modelAt = bpsAt + 6;
        int makeAt = modelAt + model.length;
        int matrixAt = makeAt + make.length;
        int neutralAt = matrixAt + 72;
        int dataAt = neutralAt + 24;
        long dataBytes = 6L * w * h;
        ByteBuffer b = ByteBuffer.allocate((int) (dataAt + dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries);
        entry(b, 254, 4, 1, 0); // the main image
        entry(b, 256, 4, 1, w);
        entry(b, 257, 4, 1, h);
        entry(b, 258, 3, 3, bpsAt);
        entry(b, 259, 3, 1, 1);
        entry(b, 262, 3, 1, 34892); // LinearRaw
        entry(b, 271, 2, make.length, makeAt);
        entry(b, 273, 4, 1, dataAt);
        entry(b, 277, 3, 1, 3);
        entry(b, 278, 4, 1, h);
        entry(b, 279, 4, 1, (int) dataBytes);
        entry(b, 284, 3, 1, 1);
        entry(b, 50706, 1, 4, 0x00000401); // DNGVersion 1.4.0.0, bytes in file order
        entry(b, 50708, 2, model.length, modelAt);
        entry(b, 50721, 10, 9, matrixAt);
        entry(b, 50728, 5, 3, neutralAt);
        entry(b, 50778, 3, 1, 21); // CalibrationIlluminant1 D65
        b.putInt(0);
        b.putShort((short) 16).putShort((short) 16).putShort((short) 16);
        b.put(model).put(make);
        for (int i = 0; i < 9; i++) {
            b.putInt(i % 4 == 0 ? 10000 : 0).putInt(10000);
        }
        for (int i = 0; i < 3; i++) {
            b.putInt(1).putInt(1);
        }
        Raster r = img.getRaster();
        int[] row = new int[3 * w];
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, row);
            for (int v : row) {
                b.putShort((short) v);
            }
        }
        Files.write(dng, b.array());
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
