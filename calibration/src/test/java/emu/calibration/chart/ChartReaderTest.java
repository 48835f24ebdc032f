package emu.calibration.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.io.ImageFiles;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading charts from files as the station stores them: 16-bit linear TIFF captures, 8-bit sRGB JPEG scans. */
class ChartReaderTest {
    private static final ChartSpec CC = ChartSpecs.colorChecker24();
    private static final Homography DRAWN = SyntheticChart.place(CC, 640, 420, 820, -3, 0.06);

    @TempDir
    Path dir;

    private static RgbImage drawn() {
        RgbImage img = SyntheticChart.render(CC, 1280, 840, DRAWN, SyntheticChart.cc24Linear(), new float[] {0.1f, 0.1f, 0.1f});
        SyntheticChart.blur(img, 1);
        return img;
    }

    static BufferedImage toBuffered(RgbImage img, int bits) {
        int type = bits == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE;
        WritableRaster r = Raster.createInterleavedRaster(type, img.width(), img.height(), 3, null);
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, type);
        int max = (1 << bits) - 1;
        int[] row = new int[3 * img.width()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    row[3 * x + c] = (int) Math.round(Math.max(0, Math.min(1, img.get(x, y, c))) * max);
                }
            }
            r.setPixels(0, y, img.width(), 1, row);
        }
        return new BufferedImage(cm, r, false, null);
    }

    /**
     * A 24 MP body's capture of the bench seen at the demo's 1200 x 800: the same noisy chart
     * image enlarged 5 times by pixel replication (as ImageMagick's {@code -filter point -resize}
     * does) is located with corners 5 times the small one's, and its 24 readings match.
     */
    @Test
    void twentyFourMegapixelCaptureReadsAsTheDemoSizeDoes() throws Exception {
        RgbImage small = SyntheticChart.render(CC, 1200, 800, SyntheticChart.place(CC, 600, 400, 840, 2, 0.1),
                SyntheticChart.cc24Linear(), new float[] {0.1f, 0.1f, 0.1f});
        SyntheticChart.blur(small, 1);
        SyntheticChart.noise(small, 0.01, 24);
        RgbImage large = enlarge(small, 5);
        ChartReading a = ChartReader.read(small, CC, null, SamplingOptions.DEFAULTS);
        ChartReading b = ChartReader.read(large, CC, null, SamplingOptions.DEFAULTS);
        assertEquals(ChartLocation.Method.DETECTED, b.location().method());
        assertTrue(b.location().confidence() > 0.7, b.location().confidence() + " " + b.location().notes());
        for (int k = 0; k < 4; k++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(5 * a.location().corners()[k][c], b.location().corners()[k][c], 5, "corner " + k);
            }
        }
        for (int p = 0; p < CC.patchCount(); p++) {
            for (int c = 0; c < 3; c++) {
                double want = a.patches().get(p).mean()[c];
                assertEquals(want, b.patches().get(p).mean()[c], 0.005 * want + 1e-4, CC.patchName(p) + " channel " + c);
            }
        }
    }

    private static RgbImage enlarge(RgbImage img, int factor) {
        int w = img.width() * factor;
        float[] out = new float[3 * w * img.height() * factor];
        for (int y = 0; y < img.height() * factor; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    out[3 * (y * w + x) + c] = img.get(x / factor, y / factor, c);
                }
            }
        }
        return new RgbImage(w, img.height() * factor, out);
    }

    @Test
    void sixteenBitLinearTiffCapture() throws Exception {
        Path tif = dir.resolve("capture.tif");
        ImageFiles.write(toBuffered(drawn(), 16), tif);
        ChartReading reading = ChartReader.read(tif, CC, null, SamplingOptions.DEFAULTS);
        assertEquals(ChartLocation.Method.DETECTED, reading.location().method());
        assertTrue(ChartLocatorTest.cornerError(reading.location(), DRAWN) < 3);
        float[][] truth = SyntheticChart.cc24Linear();
        for (PatchReading p : reading.patches()) {
            for (int c = 0; c < 3; c++) {
                assertEquals(truth[p.index()][c], p.mean()[c], 2.0 / 65535 + 1e-6, p.name() + " channel " + c);
            }
        }
    }

    @Test
    void eightBitSrgbJpegScanWithOperatorCorners() throws Exception {
        RgbImage img = drawn();
        SyntheticChart.encodeSrgb(img);
        Path jpg = dir.resolve("scan.jpg");
        ImageFiles.write(toBuffered(img, 8), jpg);
        double[][] corners = DRAWN.map(CC.gridCorners());
        ChartReading byCorners = ChartReader.read(jpg, CC, corners, SamplingOptions.DEFAULTS);
        ChartReading detected = ChartReader.read(jpg, CC, null, SamplingOptions.DEFAULTS);
        assertEquals(ChartLocation.Method.OPERATOR, byCorners.location().method());
        for (PatchReading p : byCorners.patches()) {
            double expected = SyntheticChart.CC24_SRGB8[p.index()][1] / 255.0;
            // JPEG at quality 0.95 moves flat areas by a code or two
            assertEquals(expected, p.mean()[1], 3.0 / 255, p.name());
            assertEquals(p.mean()[1], detected.patches().get(p.index()).mean()[1], 1.0 / 255, p.name() + " detected");
        }
    }

    @Test
    void unreadableAndChartlessFilesSayWhichFile() throws IOException {
        Path junk = dir.resolve("junk.tif");
        Files.writeString(junk, "not an image");
        IOException e = assertThrows(IOException.class, () -> ChartReader.read(junk, CC, null, SamplingOptions.DEFAULTS));
        assertTrue(e.getMessage().contains("junk.tif"), e.getMessage());

        RgbImage grey = new RgbImage(600, 400, new float[3 * 600 * 400]);
        java.util.Arrays.fill(grey.samples(), 0.3f);
        Path empty = dir.resolve("empty.png");
        ImageFiles.write(toBuffered(grey, 8), empty);
        ChartNotFoundException n = assertThrows(ChartNotFoundException.class,
                () -> ChartReader.read(empty, CC, null, SamplingOptions.DEFAULTS));
        assertTrue(n.getMessage().startsWith(empty.toString()) && n.getMessage().contains("saw 0"), n.getMessage());
    }
}
