package emu.station.fromimages;

import emu.calibration.chart.RgbImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a minimal uncompressed "LinearRaw" DNG (Adobe DNG Specification 1.4: PhotometricInterpretation
 * 34892, three samples per pixel) for tests: a RAW-like input that libraw's {@code dcraw_emu} develops
 * like a camera file. ColorMatrix1 is the XYZ -> linear sRGB matrix (IEC 61966-2-1), so the "camera"
 * space is Rec.709 and libraw's camera -> sRGB conversion is the identity; WhiteLevel 65535, so
 * {@code dcraw_emu -T -4} gives back the stored codes (checked: within one code).
 */
public final class LinearDng {
    private static final int[][] XYZ_TO_SRGB_MICRO = {{3240454, -1537138, -498531}, {-969266, 1876011, 41556},
        {55643, -204026, 1057225}};

    private LinearDng() {}

    public static void write(RgbImage image, Path file) throws IOException {
        int w = image.width();
        int h = image.height();
        List<int[]> entries = new ArrayList<>(); // tag, type, count, value-or-offset marker
        ByteBuffer extra = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        byte[] make = "EMU\0".getBytes();
        byte[] model = "EMU LinearRaw\0".getBytes();
        int nTags = 17;
        int ifdStart = 8;
        int extraStart = ifdStart + 2 + 12 * nTags + 4;
        // out-of-line values, in tag order
        int bitsOff = extraStart + extra.position();
        extra.putShort((short) 16).putShort((short) 16).putShort((short) 16);
        int makeOff = extraStart + extra.position();
        extra.put(make);
        int modelOff = extraStart + extra.position();
        extra.put(model);
        int uniqueOff = extraStart + extra.position();
        extra.put(model);
        if (extra.position() % 2 == 1) {
            extra.put((byte) 0);
        }
        int matrixOff = extraStart + extra.position();
        for (int[] row : XYZ_TO_SRGB_MICRO) {
            for (int v : row) {
                extra.putInt(v).putInt(1_000_000);
            }
        }
        int pixelOff = extraStart + extra.position();
        int pixelBytes = w * h * 6;
        entries.add(new int[] {254, 4, 1, 0});
        entries.add(new int[] {256, 4, 1, w});
        entries.add(new int[] {257, 4, 1, h});
        entries.add(new int[] {258, 3, 3, bitsOff});
        entries.add(new int[] {259, 3, 1, 1});
        entries.add(new int[] {262, 3, 1, 34892});
        entries.add(new int[] {271, 2, make.length, makeOff});
        entries.add(new int[] {272, 2, model.length, modelOff});
        entries.add(new int[] {273, 4, 1, pixelOff});
        entries.add(new int[] {277, 3, 1, 3});
        entries.add(new int[] {278, 4, 1, h});
        entries.add(new int[] {279, 4, 1, pixelBytes});
        entries.add(new int[] {284, 3, 1, 1});
        entries.add(new int[] {50706, 1, 4, 0x00000401}); // DNGVersion 1.4.0.0 (bytes 1, 4, 0, 0)
        entries.add(new int[] {50708, 2, model.length, uniqueOff});
        entries.add(new int[] {50717, 4, 1, 65535});
        entries.add(new int[] {50721, 10, 9, matrixOff});
        ByteBuffer out = ByteBuffer.allocate(pixelOff + pixelBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdStart);
        out.putShort((short) entries.size());
        for (int[] e : entries) {
            out.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
            if (e[1] == 3 && e[2] == 1) {
                out.putShort((short) e[3]).putShort((short) 0);
            } else {
                out.putInt(e[3]);
            }
        }
        out.putInt(0);
        out.put(extra.array(), 0, extra.position());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    out.putShort((short) Math.round(Math.max(0, Math.min(1, image.get(x, y, c))) * 65535));
                }
            }
        }
        Files.write(file, out.array());
    }
}
