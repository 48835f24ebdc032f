package emu.calibration.lut;

import emu.calibration.io.ImageFiles;
import emu.calibration.io.ImageFormatException;
import emu.calibration.io.TiffBandReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * The streamed TIFF-to-TIFF apply ({@link StreamedTiffApply}) against the reference, on the
 * layouts labs' files have, each made by the program that makes it: every output sample equals
 * the reference tetrahedral (or trilinear) application of the LUT to the input pixel as
 * TwelveMonkeys decodes it (an independent reader), quantised by round-half-up, exactly; libtiff
 * reads the output back; and {@link ImageFiles#read} (our band decoder) gives TwelveMonkeys'
 * samples for the input. Inputs: the JDK writer's big-endian strips; ImageMagick's uncompressed,
 * zip+predictor, LZW and 8-bit strips and its tiles; ffmpeg's PackBits and raw strips;
 * libtiff's {@code tiffcp} single strip, {@code -s}, {@code -t}, {@code -c lzw:2} and
 * {@code -c zip:2}; {@code dcraw_emu -T -4} of a DNG; RGB and RGBA; heights and widths that are
 * not multiples of a band, strip or tile.
 */
class StreamedTiffApplyTest {
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
    void imageMagickStripsTilesAndEightBit() throws Exception {
        Path png = source();
        ShapedLut lut = new ShapedLut(TestLuts.filmish(33));
        String[][] variants = {{"-depth", "16", "-compress", "none", "-define", "tiff:rows-per-strip=16"},
            {"-depth", "16", "-compress", "zip", "-define", "tiff:predictor=2", "-define", "tiff:rows-per-strip=16"},
            {"-depth", "16", "-compress", "lzw", "-define", "tiff:rows-per-strip=16"},
            {"-depth", "16", "-define", "tiff:tile-geometry=32x32"},
            {"-depth", "8", "-compress", "lzw", "-define", "tiff:predictor=2"},
            {"-depth", "8", "-compress", "none"}};
        for (int i = 0; i < variants.length; i++) {
            Path tif = dir.resolve("im-" + i + ".tif");
            ExternalTool.run(Stream.concat(Stream.of("convert", png.toString()),
                    Stream.concat(Arrays.stream(variants[i]), Stream.of(tif.toString()))).toArray(String[]::new));
            assertStreamedMatchesReference(tif, lut, LutInterpolations.TETRAHEDRAL);
        }
    }

    @Test
    void ffmpegPackBitsAndRaw() throws Exception {
        Path png = source();
        for (String algo : new String[] {"packbits", "raw", "deflate", "lzw"}) {
            Path tif = dir.resolve("ff-" + algo + ".tif");
            ExternalTool.run("ffmpeg", "-v", "error", "-y", "-i", png.toString(), "-compression_algo", algo,
                    "-pix_fmt", "rgb48le", tif.toString());
            assertStreamedMatchesReference(tif, new ShapedLut(TestLuts.filmish(17)), LutInterpolations.TETRAHEDRAL);
        }
    }

    @Test
    void libtiffStripsTilesAndPredictors() throws Exception {
        Path base = dir.resolve("base.tif");
        ImageFiles.write(TestLuts.testImage(W, H), base);
        String[][] variants = {{"-s", "-r", "1000"}, {"-s"}, {"-s", "-r", "7", "-c", "lzw:2"},
            {"-t", "-w", "32", "-l", "48"}, {"-c", "lzw:2"}, {"-c", "zip:2"}, {"-t", "-w", "16", "-l", "16", "-c", "zip:2"},
            {"-s", "-r", "1000", "-c", "lzw:2"}, {"-s", "-r", "100", "-c", "packbits"},
            {"-t", "-w", "32", "-l", "128"}, {"-t", "-w", "48", "-l", "128", "-c", "lzw:2"}};
        for (int i = 0; i < variants.length; i++) {
            Path tif = dir.resolve("tiffcp-" + i + ".tif");
            ExternalTool.run(Stream.concat(Stream.of("tiffcp"), Stream.concat(Arrays.stream(variants[i]),
                    Stream.of(base.toString(), tif.toString()))).toArray(String[]::new));
            assertStreamedMatchesReference(tif, new ShapedLut(TestLuts.filmish(17)), LutInterpolations.TETRAHEDRAL);
        }
        // uncompressed tiles taller than a band are read in 64-row slices (two per tile row here,
        // the last tile row cut by the image's end); compressed ones a whole tile row at a time
        assertEquals(64, TiffBandReader.open(dir.resolve("tiffcp-9.tif")).bandRows());
        assertEquals(128, TiffBandReader.open(dir.resolve("tiffcp-10.tif")).bandRows());
    }

    /** A camera RAW developed as the station develops RAWs (dcraw_emu -T -4): one 16-bit strip. */
    @Test
    void dcrawEmuDevelopedRaw() throws Exception {
        Path dng = dir.resolve("cam.dng");
        emu.calibration.io.LinearDng.write(TestLuts.testImage(W, H), dng);
        ExternalTool.run("dcraw_emu", "-T", "-4", dng.toString());
        Path tif = dir.resolve("cam.dng.tiff");
        assertStreamedMatchesReference(tif, new ShapedLut(TestLuts.filmish(17)), LutInterpolations.TETRAHEDRAL);
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
        Path zip = dir.resolve("rgba-zip.tif");
        ExternalTool.run("tiffcp", "-c", "zip:2", in.toString(), zip.toString());
        for (Path p : new Path[] {in, zip}) {
            BufferedImage out = assertStreamedMatchesReference(p, new ShapedLut(TestLuts.filmish(9)),
                    LutInterpolations.TETRAHEDRAL);
            assertTrue(Arrays.equals(rgba.getRaster().getSamples(0, 0, W, H, 3, (int[]) null),
                    out.getRaster().getSamples(0, 0, W, H, 3, (int[]) null)), "alpha unchanged");
        }
    }

    @Test
    void layoutsNotDecodedHereTakeTheWholeImagePath() throws Exception {
        Path png = source();
        Path planar = dir.resolve("planar.tif");
        ExternalTool.run("convert", png.toString(), "-depth", "16", "-interlace", "plane", planar.toString());
        Path grey = dir.resolve("grey.tif");
        ExternalTool.run("convert", png.toString(), "-depth", "16", "-colorspace", "gray", grey.toString());
        assertNull(TiffBandReader.open(planar), "planar");
        Path out = dir.resolve("out-planar.tif");
        LutImages.apply(planar, new ShapedLut(TestLuts.filmish(9)), LutInterpolations.TETRAHEDRAL, out);
        assertEquals(H, ImageFiles.read(out).getHeight());
        assertNull(TiffBandReader.open(grey), "grey");
    }

    @Test
    void truncatedInputFailsNamingItAndLeavesNoOutput() throws Exception {
        Path in = dir.resolve("in.tif");
        ImageFiles.write(TestLuts.testImage(W, H), in);
        byte[] bytes = Files.readAllBytes(in);
        // the JDK writer puts the directory first: the cut file opens, then its strips run out mid-image
        Path cut = dir.resolve("cut.tif");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 6 / 10));
        Path out = dir.resolve("out.tif");
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> LutImages.apply(cut, new ShapedLut(TestLuts.filmish(5)), LutInterpolations.TETRAHEDRAL, out));
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        assertFalse(Files.exists(out));
        // a compressed strip cut short inside its data fails when decoded, also naming the file
        Path zip = dir.resolve("zip.tif");
        ExternalTool.run("tiffcp", "-s", "-r", "1000", "-c", "zip:2", in.toString(), zip.toString());
        byte[] z = Files.readAllBytes(zip);
        Arrays.fill(z, 8, 8 + (z.length - 8) / 3, (byte) 0x5a); // tiffcp writes the strip before the directory
        Files.write(zip, z);
        e = assertThrows(ImageFormatException.class,
                () -> LutImages.apply(zip, new ShapedLut(TestLuts.filmish(5)), LutInterpolations.TETRAHEDRAL, out));
        assertTrue(e.getMessage().startsWith(zip.toString()) && e.getMessage().contains("unreadable"), e.getMessage());
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

    /** The image as TwelveMonkeys decodes it: a reader independent of ours. */
    private static BufferedImage twelveMonkeys(Path tif) throws IOException {
        try (ImageInputStream s = ImageIO.createImageInputStream(tif.toFile())) {
            for (var it = ImageIO.getImageReaders(s); it.hasNext();) {
                ImageReader r = it.next();
                if (r.getClass().getName().startsWith("com.twelvemonkeys")) {
                    try {
                        r.setInput(s);
                        return r.read(0);
                    } finally {
                        r.dispose();
                    }
                }
            }
        }
        throw new AssertionError("TwelveMonkeys does not read " + tif);
    }

    private Path source() throws IOException {
        Path png = dir.resolve("src.png");
        ImageFiles.write(TestLuts.testImage(W, H), png);
        return png;
    }

    /**
     * Applies through the streamed path (asserting it is taken) and compares every sample with
     * the reference; checks libtiff reads the output; returns the output as TwelveMonkeys reads it.
     */
    private BufferedImage assertStreamedMatchesReference(Path in, ShapedLut lut, LutInterpolation interpolation)
            throws Exception {
        TiffBandReader reader = TiffBandReader.open(in);
        assertNotNull(reader, in + " should take the streamed path");
        Path streamed = dir.resolve("streamed.tif");
        LutImages.apply(in, lut, interpolation, streamed);
        BufferedImage src = twelveMonkeys(in);
        BufferedImage out = twelveMonkeys(streamed);
        assertTrue(Arrays.equals(src.getRaster().getPixels(0, 0, W, H, (int[]) null),
                ImageFiles.read(in).getRaster().getPixels(0, 0, W, H, (int[]) null)),
                in + ": ImageFiles.read (our band decoder) gives TwelveMonkeys' samples");
        int bits = src.getColorModel().getComponentSize(0);
        int max = (1 << bits) - 1;
        assertEquals(bits, out.getColorModel().getComponentSize(0), in + ": depth kept");
        assertEquals(src.getRaster().getNumBands(), out.getRaster().getNumBands(), in + ": alpha kept");
        WritableRaster s = src.getRaster();
        int[] p = new int[s.getNumBands()];
        int[] q = new int[p.length];
        float k = 1f / max;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                s.getPixel(x, y, p);
                out.getRaster().getPixel(x, y, q);
                float[] v = lut.apply(p[0] * k, p[1] * k, p[2] * k, interpolation);
                for (int c = 0; c < 3; c++) {
                    int expected = !(v[c] > 0) ? 0 : v[c] >= 1 ? max : (int) (v[c] * max + 0.5f);
                    if (q[c] != expected) {
                        throw new AssertionError(in.getFileName() + " pixel (" + x + ", " + y + ") channel " + c
                                + ": " + q[c] + ", reference " + expected);
                    }
                }
            }
        }
        // libtiff decodes every strip of the output without complaint
        String info = ExternalTool.run("tiffinfo", "-D", streamed.toString());
        assertFalse(info.contains("Error") || info.contains("Warning"), info);
        String expected = switch (StreamedTiffApply.outputCompression(reader.compression())) {
            case 1 -> "Compression Scheme: None";
            case 32773 -> "Compression Scheme: PackBits";
            case 5 -> "Compression Scheme: LZW";
            default -> "Compression Scheme: AdobeDeflate";
        };
        assertTrue(info.contains(expected), in + ": the input's compression family, " + expected + ", in\n" + info);
        assertEquals(StreamedTiffApply.outputPredictor(reader), info.contains("Predictor: horizontal differencing"),
                in + ": the input's predictor kept with LZW and Deflate, in\n" + info);
        assertEquals(reader.predictor() && reader.compression() != 32773,
                StreamedTiffApply.outputPredictor(reader), in + ": predictor");
        return out;
    }
}
