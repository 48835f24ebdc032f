package emu.calibration.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import emu.calibration.io.TiffBandReader;
import emu.calibration.io.TiffStripWriter;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The strip writer's coders (PackBits, LZW, Deflate, with and without Predictor 2) and the band
 * reader's decoders on data chosen to hit their edges, checked against libtiff (a decoder of
 * its own: {@code tiffcp -c none} expands our file, which must then hold exactly the samples
 * written): runs of 2, 3, 127, 128, 129 and 130 equal bytes, runs cut by a row's end, flat rows
 * (LZW strings thousands of bytes long), noise (LZW table full and cleared again and again, a
 * string cut by a band's end), 8 and 16 bits, RGB and RGBA, a single tall strip. Lives with the
 * LUT tests for {@link ExternalTool}; the classes under test are in {@code emu.calibration.io}.
 */
class TiffStripCodecsTest {
    private static final int W = 301;
    private static final int H = 97;

    @TempDir Path dir;

    @Test
    void everyCoderRoundTripsThroughLibtiffAndOurReader() throws Exception {
        int[][] kinds = {{1, 0}, {32773, 0}, {5, 0}, {5, 1}, {8, 0}, {8, 1}};
        for (int bits : new int[] {8, 16}) {
            for (int spp : new int[] {3, 4}) {
                short[] image = image(bits, spp);
                for (int[] kind : kinds) {
                    for (int rowsPerStrip : new int[] {16, H}) {
                        roundTrip(image, bits, spp, rowsPerStrip, kind[0], kind[1] == 1);
                    }
                }
            }
        }
    }

    private void roundTrip(short[] image, int bits, int spp, int rowsPerStrip, int compression, boolean predictor)
            throws Exception {
        String what = bits + "-bit, " + spp + " samples, " + rowsPerStrip + "-row strips, compression " + compression
                + (predictor ? " + predictor" : "");
        Path ours = dir.resolve("ours.tif");
        int rowSamples = W * spp;
        try (TiffStripWriter w = TiffStripWriter.open(ours, W, H, spp, bits, rowsPerStrip, compression, predictor)) {
            for (int s = 0; s * rowsPerStrip < H; s++) {
                int rows = w.rows(s);
                short[] strip = new short[rows * rowSamples];
                System.arraycopy(image, s * rowsPerStrip * rowSamples, strip, 0, strip.length);
                w.write(s, strip);
            }
            w.finish();
        }
        String info = ExternalTool.run("tiffinfo", "-D", ours.toString());
        assertFalse(info.contains("Error") || info.contains("Warning"), what + ":\n" + info);
        assertEquals(predictor, info.contains("Predictor: horizontal differencing"), what + ":\n" + info);
        Path plain = dir.resolve("plain.tif");
        ExternalTool.run("tiffcp", "-c", "none", ours.toString(), plain.toString());
        assertArrayEquals(image, samples(plain, spp), what + ": libtiff decodes what was written");
        assertArrayEquals(image, samples(ours, spp), what + ": our reader decodes what was written");
    }

    /** All samples of {@code tif} through {@link TiffBandReader}. */
    private static short[] samples(Path tif, int spp) throws Exception {
        TiffBandReader r = TiffBandReader.open(tif);
        short[] all = new short[W * H * spp];
        short[] band = new short[r.bandRows() * W * spp];
        for (int b = 0; b < r.bands(); b++) {
            int rows = r.read(b, band);
            System.arraycopy(band, 0, all, b * r.bandRows() * W * spp, rows * W * spp);
        }
        return all;
    }

    /**
     * Rows of several kinds, by row: flat; byte runs of lengths 2, 3, 127..130 (the PackBits
     * limits), ending at the row's end; a smooth ramp; noise.
     */
    private static short[] image(int bits, int spp) {
        int max = (1 << bits) - 1;
        Random rnd = new Random(bits * 10 + spp);
        short[] s = new short[W * H * spp];
        int[] runs = {2, 3, 127, 128, 129, 130, 1, 250};
        for (int y = 0; y < H; y++) {
            int row = y * W * spp;
            switch (y % 4) {
                case 0 -> java.util.Arrays.fill(s, row, row + W * spp, (short) (y * 977 & max));
                case 1 -> {
                    // runs are of samples; 8-bit samples are bytes, 16-bit ones two equal bytes (0x0101 * v)
                    int i = row;
                    for (int k = 0; i < row + W * spp; k++) {
                        int len = runs[(k + y) % runs.length];
                        int v = rnd.nextInt(256);
                        short value = (short) (bits == 8 ? v : v * 0x0101);
                        for (int j = 0; j < len && i < row + W * spp; j++) {
                            s[i++] = value;
                        }
                    }
                }
                case 2 -> {
                    for (int i = 0; i < W * spp; i++) {
                        s[row + i] = (short) ((i * 37 + y * 11) & max);
                    }
                }
                default -> {
                    for (int i = 0; i < W * spp; i++) {
                        s[row + i] = (short) rnd.nextInt(max + 1);
                    }
                }
            }
        }
        return s;
    }
}
