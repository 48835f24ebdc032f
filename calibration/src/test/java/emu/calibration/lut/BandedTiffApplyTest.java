package emu.calibration.lut;

import emu.calibration.io.ImageFiles;
import emu.calibration.io.ImageFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed TIFF-to-TIFF apply ({@link BandedTiffApply}) against the reference: every output
 * sample equals the reference tetrahedral (or trilinear) application of the LUT to that pixel,
 * quantised by round-half-up, exactly; and the file equals, byte for byte, what the whole-image
 * path writes. Inputs: the JDK writer's big-endian strips and ImageMagick's little-endian
 * uncompressed and zip+predictor strips, RGB and RGBA, heights that are not a multiple of a band.
 */
class BandedTiffApplyTest {
    /** Taller than a few bands of 64 rows, and not a multiple of 64 or of a 16-row strip. */
    private static final int W = 83;
    private static final int H = 203;

    @TempDir Path dir;

    @Test
    void everySampleEqualsTheReferenceTetrahedralApplication() throws Exception {
        Path in = dir.resolve("jdk.tif");
        ImageFiles.write(TestLuts.testImage(W, H), in);
        ShapedLut lut = new ShapedLut(TestLuts.filmish(17));
        assertStreamedMatchesReference(in, lut, LutInterpolations.TETRAHEDRAL);
        assertStreamedMatchesReference(in, lut, LutInterpolations.TRILINEAR);
    }

    @Test
    void shapedLutsToo() throws Exception {
        Path in = dir.resolve("jdk.tif");
        ImageFiles.write(TestLuts.testImage(W, H), in);
        assertStreamedMatchesReference(in, new ShapedLut(Optional.of(LinearShaper.lut()), TestLuts.filmish(9)),
                LutInterpolations.TETRAHEDRAL);
    }

    @Test
    void imageMagickStripsLittleEndianRawAndZipPredictor() throws Exception {
        Path png = dir.resolve("src.png");
        ImageFiles.write(TestLuts.testImage(W, H), png);
        ShapedLut lut = new ShapedLut(TestLuts.filmish(33));
        for (String[] compression : new String[][] {{"-compress", "none"}, {"-compress", "zip", "-define", "tiff:predictor=2"},
                {"-compress", "lzw"}}) {
            Path tif = dir.resolve("im-" + compression[1] + ".tif");
            ExternalTool.run(Stream.concat(Stream.of("convert", png.toString(), "-depth", "16"),
                    Stream.concat(Arrays.stream(compression), Stream.of("-define", "tiff:rows-per-strip=16", tif.toString())))
                    .toArray(String[]::new));
            assertStreamedMatchesReference(tif, lut, LutInterpolations.TETRAHEDRAL);
        }
    }

    @Test
    void alphaPassesThroughUntouched() throws Exception {
        BufferedImage rgba = ImageFiles.create(W, H, 16, true);
        BufferedImage rgb = TestLuts.testImage(W, H);
        int[] px = new int[4];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                rgb.getRaster().getPixel(x, y, px);
                px[3] = (x * 811 + y * 37) & 0xffff;
                rgba.getRaster().setPixel(x, y, px);
            }
        }
        Path in = dir.resolve("rgba.tif");
        ImageFiles.write(rgba, in);
        BufferedImage out = assertStreamedMatchesReference(in, new ShapedLut(TestLuts.filmish(9)),
                LutInterpolations.TETRAHEDRAL);
        assertTrue(Arrays.equals(rgba.getRaster().getSamples(0, 0, W, H, 3, (int[]) null),
                out.getRaster().getSamples(0, 0, W, H, 3, (int[]) null)), "alpha unchanged");
    }

    @Test
    void eightBitAndTiledTakeTheWholeImagePath() throws Exception {
        Path png = dir.resolve("src.png");
        ImageFiles.write(TestLuts.testImage(W, H), png);
        Path eight = dir.resolve("eight.tif");
        ExternalTool.run("convert", png.toString(), "-depth", "8", eight.toString());
        Path tiled = dir.resolve("tiled.tif");
        ExternalTool.run("convert", png.toString(), "-depth", "16", "-define", "tiff:tile-geometry=32x32", tiled.toString());
        for (Path p : new Path[] {eight, tiled}) {
            assertFalse(streams(p), p + " should not stream");
            Path out = dir.resolve("out-" + p.getFileName());
            LutImages.apply(p, new ShapedLut(TestLuts.filmish(9)), LutInterpolations.TETRAHEDRAL, out);
            assertEquals(H, ImageFiles.read(out).getHeight());
        }
    }

    @Test
    void truncatedInputFailsNamingItAndLeavesNoOutput() throws Exception {
        Path in = dir.resolve("in.tif");
        ImageFiles.write(TestLuts.testImage(W, H), in);
        byte[] bytes = Files.readAllBytes(in);
        // the JDK writer puts the directory first: the cut file opens, then its strips run out mid-image
        Path cut = dir.resolve("cut.tif");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 6 / 10));
        assertTrue(streams(cut));
        Path out = dir.resolve("out.tif");
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> LutImages.apply(cut, new ShapedLut(TestLuts.filmish(5)), LutInterpolations.TETRAHEDRAL, out));
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("unreadable"), e.getMessage());
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "temp file removed");
        }
    }

    @Test
    void aFailedLutIsRethrownAsItIs() throws Exception {
        Path in = dir.resolve("in.tif");
        ImageFiles.write(TestLuts.testImage(W, H), in);
        Path out = dir.resolve("out.tif");
        IOException cause = new IOException("lut.cube:3: bad row");
        IOException e = assertThrows(IOException.class, () -> LutImages.apply(in,
                CompletableFuture.failedFuture(cause), LutInterpolations.TETRAHEDRAL, out));
        assertEquals(cause, e);
        assertFalse(Files.exists(out));
    }

    /**
     * Applies through the streamed path (asserting it is taken) and compares with the reference
     * per pixel and with the whole-image path's file; returns the streamed output.
     */
    private BufferedImage assertStreamedMatchesReference(Path in, ShapedLut lut, LutInterpolation interpolation)
            throws Exception {
        assertTrue(streams(in), in + " should take the streamed path");
        Path streamed = dir.resolve("streamed.tif");
        LutImages.apply(in, lut, interpolation, streamed);
        BufferedImage src = ImageFiles.read(in);
        BufferedImage out = ImageFiles.read(streamed);
        assertEquals(16, out.getColorModel().getComponentSize(0));
        WritableRaster s = src.getRaster();
        int[] p = new int[s.getNumBands()];
        int[] q = new int[p.length];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                s.getPixel(x, y, p);
                out.getRaster().getPixel(x, y, q);
                float k = 1f / 65535;
                float[] v = lut.apply(p[0] * k, p[1] * k, p[2] * k, interpolation);
                for (int c = 0; c < 3; c++) {
                    int expected = !(v[c] > 0) ? 0 : v[c] >= 1 ? 65535 : (int) (v[c] * 65535 + 0.5f);
                    if (q[c] != expected) {
                        throw new AssertionError(in.getFileName() + " pixel (" + x + ", " + y + ") channel " + c
                                + ": " + q[c] + ", reference " + expected);
                    }
                }
            }
        }
        // the whole-image path: the same mapping on the decoded image, written by the same writer
        Path whole = dir.resolve("whole.tif");
        ImageFiles.write(LutImages.apply(in, src, lut, interpolation, false), whole);
        assertTrue(Arrays.equals(Files.readAllBytes(whole), Files.readAllBytes(streamed)), "same file bytes");
        return out;
    }

    private static boolean streams(Path tif) throws IOException {
        try (ImageInputStream s = ImageIO.createImageInputStream(tif.toFile())) {
            ImageReader r = null;
            for (var it = ImageIO.getImageReaders(s); it.hasNext();) {
                ImageReader c = it.next();
                if (c.getClass().getName().startsWith("com.twelvemonkeys")) {
                    r = c;
                }
            }
            assertNotNull(r, "TwelveMonkeys reads " + tif);
            r.setInput(s);
            try {
                return BandedTiffApply.of(tif, r) != null;
            } finally {
                r.dispose();
            }
        }
    }

}
