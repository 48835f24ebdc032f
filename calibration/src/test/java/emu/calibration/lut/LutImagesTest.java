package emu.calibration.lut;

import emu.calibration.io.ImageFiles;
import emu.calibration.io.ImageFormatException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LutImagesTest {
    private static final ShapedLut IDENTITY = new ShapedLut(Lut3D.identity(2));

    @TempDir Path dir;

    @Test
    void sixteenBitTiffRoundTripsThroughTheJdkWriterAndTwelveMonkeysReader() throws Exception {
        BufferedImage img = TestLuts.testImage(64, 40);
        Path tif = dir.resolve("a.tif");
        ImageFiles.write(img, tif);
        BufferedImage back = ImageFiles.read(tif);
        assertEquals(16, back.getColorModel().getComponentSize(0));
        assertArrayEquals(pixels(img), pixels(back));
    }

    /** ImageMagick's zip TIFFs use horizontal differencing, which the JDK reader cannot undo (STACK.md). */
    @Test
    void readsPredictor2TiffFromImageMagick() throws Exception {
        BufferedImage img = TestLuts.testImage(64, 40);
        Path png = dir.resolve("a.png");
        ImageFiles.write(img, png);
        Path tif = dir.resolve("pred.tif");
        ExternalTool.run("convert", png.toString(), "-compress", "zip", "-define", "tiff:predictor=2", tif.toString());
        assertEquals("2", tiffTag(tif, 317), "Predictor (TIFF tag 317) should be horizontal differencing");
        BufferedImage back = ImageFiles.read(tif);
        assertArrayEquals(pixels(img), pixels(back));
    }

    @Test
    void identityLutKeepsEverySixteenBitSample() throws Exception {
        Path in = dir.resolve("in.tif");
        ImageFiles.write(TestLuts.testImage(50, 30), in);
        Path out = dir.resolve("out.tif");
        LutImages.apply(in, IDENTITY, LutInterpolations.TETRAHEDRAL, out);
        assertArrayEquals(pixels(ImageFiles.read(in)), pixels(ImageFiles.read(out)));
    }

    @Test
    void jpegOutputIsEightBitAndAlphaPassesThroughPng() throws Exception {
        Path in = dir.resolve("in.png");
        ImageFiles.write(TestLuts.testImage(40, 24), in);
        Path jpg = dir.resolve("out.jpg");
        LutImages.apply(in, new ShapedLut(TestLuts.filmish(9)), LutInterpolations.TRILINEAR, jpg);
        BufferedImage j = ImageFiles.read(jpg);
        assertEquals(8, j.getColorModel().getComponentSize(0));
        assertEquals(40, j.getWidth());

        BufferedImage rgba = ImageFiles.create(8, 4, 16, true);
        int[] px = new int[] {1000, 30000, 60000, 12345};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                rgba.getRaster().setPixel(x, y, px);
            }
        }
        Path a = dir.resolve("rgba.png");
        ImageFiles.write(rgba, a);
        Path aOut = dir.resolve("rgba-out.png");
        LutImages.apply(a, new ShapedLut(TestLuts.filmish(9)), LutInterpolations.TETRAHEDRAL, aOut);
        int[] got = ImageFiles.read(aOut).getRaster().getPixel(3, 2, (int[]) null);
        assertEquals(4, got.length);
        assertEquals(12345, got[3]);
        assertTrue(got[0] != 1000, "colour went through the LUT");
    }

    /**
     * PNG and JPEG previews are mapped in place (one decoded image in memory, not two) when the
     * output keeps depth and channels: 8-bit RGB (the JDK's BGR byte layout), 8-bit RGBA and 16-bit
     * RGB PNG, and a JPEG; every sample equals the per-pixel reference, alpha untouched. A 16-bit
     * PNG going to JPEG (8-bit) needs a new image.
     */
    @Test
    void previewsAreMappedInPlaceExactly() throws Exception {
        ShapedLut lut = new ShapedLut(TestLuts.filmish(17));
        BufferedImage rgb16 = TestLuts.testImage(61, 37);
        BufferedImage rgb8 = new BufferedImage(61, 37, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage rgba8 = new BufferedImage(61, 37, BufferedImage.TYPE_4BYTE_ABGR);
        for (int y = 0; y < 37; y++) {
            for (int x = 0; x < 61; x++) {
                int[] p = rgb16.getRaster().getPixel(x, y, (int[]) null);
                int[] q = {p[0] >> 8, p[1] >> 8, p[2] >> 8};
                rgb8.getRaster().setPixel(x, y, q);
                rgba8.getRaster().setPixel(x, y, new int[] {q[0], q[1], q[2], (x * 7 + y) & 0xff});
            }
        }
        Path jpg = dir.resolve("src.jpg");
        javax.imageio.ImageIO.write(rgb8, "jpeg", jpg.toFile());
        BufferedImage[] sources = {rgb8, rgba8, rgb16};
        for (int i = 0; i <= sources.length; i++) {
            Path in = i < sources.length ? dir.resolve("src" + i + ".png") : jpg;
            if (i < sources.length) {
                javax.imageio.ImageIO.write(sources[i], "png", in.toFile());
            }
            BufferedImage decoded = ImageFiles.read(in);
            int bits = decoded.getColorModel().getComponentSize(0);
            int max = (1 << bits) - 1;
            int bands = decoded.getRaster().getNumBands();
            int[] before = decoded.getRaster().getPixels(0, 0, 61, 37, (int[]) null);
            BufferedImage out = LutImages.apply(in, decoded, lut, LutInterpolations.TETRAHEDRAL, false);
            assertTrue(out == decoded, in + ": mapped in place");
            int[] after = out.getRaster().getPixels(0, 0, 61, 37, (int[]) null);
            float k = 1f / max;
            for (int p = 0; p < 61 * 37; p++) {
                float[] v = lut.apply(before[bands * p] * k, before[bands * p + 1] * k, before[bands * p + 2] * k,
                        LutInterpolations.TETRAHEDRAL);
                for (int c = 0; c < 3; c++) {
                    assertEquals(LutImages.quantise(v[c], max), after[bands * p + c], in + " pixel " + p + " channel " + c);
                }
                if (bands == 4) {
                    assertEquals(before[4 * p + 3], after[4 * p + 3], in + " alpha of pixel " + p);
                }
            }
        }
        BufferedImage sixteen = ImageFiles.read(dir.resolve("src2.png"));
        assertTrue(LutImages.apply(dir.resolve("src2.png"), sixteen, lut, LutInterpolations.TETRAHEDRAL, true) != sixteen,
                "16-bit to JPEG: a new 8-bit image");
    }

    @Test
    void badImagesAreClearErrors() throws Exception {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ImageFiles.read(text));
        assertTrue(e.getMessage().startsWith(text.toString()) && e.getMessage().contains("not an image"), e.getMessage());

        Path missing = dir.resolve("missing.tif");
        e = assertThrows(ImageFormatException.class, () -> ImageFiles.read(missing));
        assertTrue(e.getMessage().contains("no such image file"), e.getMessage());

        Path truncated = dir.resolve("cut.png");
        ImageFiles.write(TestLuts.testImage(40, 24), truncated);
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(ImageFormatException.class, () -> ImageFiles.read(truncated));
        assertTrue(e.getMessage().contains("unreadable"), e.getMessage());

        Path grey = dir.resolve("grey.png");
        ImageIOWrite.grey(grey);
        e = assertThrows(ImageFormatException.class,
                () -> LutImages.apply(grey, IDENTITY, LutInterpolations.TETRAHEDRAL, dir.resolve("o.png")));
        assertTrue(e.getMessage().contains("needs an RGB or RGBA image"), e.getMessage());

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> LutImages.apply(truncated, IDENTITY, LutInterpolations.TETRAHEDRAL, dir.resolve("o.bmp")));
        assertTrue(bad.getMessage().contains(".tif/.tiff, .png or .jpg"), bad.getMessage());
    }

    /** A grey PNG written straight through ImageIO (LutImages only writes RGB). */
    private static final class ImageIOWrite {
        static void grey(Path f) throws Exception {
            BufferedImage g = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
            javax.imageio.ImageIO.write(g, "png", f.toFile());
        }
    }

    /** A TIFF tag's first value, from the JDK reader's standard metadata tree. */
    private static String tiffTag(Path tif, int number) throws Exception {
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(tif.toFile())) {
            javax.imageio.ImageReader r = null;
            for (var it = javax.imageio.ImageIO.getImageReadersByFormatName("tiff"); it.hasNext();) {
                var candidate = it.next();
                if (candidate.getClass().getName().equals("com.sun.imageio.plugins.tiff.TIFFImageReader")) {
                    r = candidate;
                }
            }
            r.setInput(in);
            org.w3c.dom.Element root = (org.w3c.dom.Element) r.getImageMetadata(0).getAsTree("javax_imageio_tiff_image_1.0");
            org.w3c.dom.NodeList fields = root.getElementsByTagName("TIFFField");
            for (int i = 0; i < fields.getLength(); i++) {
                org.w3c.dom.Element f = (org.w3c.dom.Element) fields.item(i);
                if (f.getAttribute("number").equals(Integer.toString(number))) {
                    return ((org.w3c.dom.Element) f.getFirstChild().getFirstChild()).getAttribute("value");
                }
            }
            return null;
        }
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
    }
}
