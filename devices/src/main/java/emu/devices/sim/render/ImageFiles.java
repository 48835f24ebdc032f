package emu.devices.sim.render;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Encodes the simulators' images: 16-bit RGB TIFF (Deflate, no predictor, so both the JDK and
 * TwelveMonkeys read it) with the JDK's own TIFF writer chosen by class name, since TwelveMonkeys'
 * writer fails on 16-bit RGB (STACK.md); and 8-bit baseline JPEG.
 */
public final class ImageFiles {
    private static final String JDK_TIFF_WRITER = "com.sun.imageio.plugins.tiff.TIFFImageWriter";

    private ImageFiles() {}

    /**
     * A 16-bit RGB TIFF from three planes of values in 0..1 (clamped), row-major.
     *
     * @param linear tags the image linear-RGB (for scene-linear captures) instead of sRGB (for display-encoded scans)
     */
    public static byte[] tiff16(float[][] rgb, int width, int height, boolean linear) {
        ColorSpace cs = ColorSpace.getInstance(linear ? ColorSpace.CS_LINEAR_RGB : ColorSpace.CS_sRGB);
        ComponentColorModel cm = new ComponentColorModel(cs, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
        int[] row = new int[width * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                for (int c = 0; c < 3; c++) {
                    row[3 * x + c] = (int) Math.round(Math.min(1, Math.max(0, rgb[c][i])) * 65535.0);
                }
            }
            raster.setPixels(0, y, width, 1, row);
        }
        BufferedImage img = new BufferedImage(cm, raster, false, null);
        ImageWriter writer = jdkTiffWriter();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Deflate");
            return write(writer, img, param);
        } finally {
            writer.dispose();
        }
    }

    /** An 8-bit JPEG (quality 0.92) from three planes of display-encoded values in 0..1 (clamped). */
    public static byte[] jpeg(float[][] rgb, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int r = to8(rgb[0][i]);
                int g = to8(rgb[1][i]);
                int b = to8(rgb[2][i]);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
            return write(writer, img, param);
        } finally {
            writer.dispose();
        }
    }

    private static int to8(float v) {
        return (int) Math.round(Math.min(1, Math.max(0, v)) * 255.0);
    }

    private static byte[] write(ImageWriter writer, BufferedImage img, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode image: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static ImageWriter jdkTiffWriter() {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff");
        while (it.hasNext()) {
            ImageWriter w = it.next();
            if (w.getClass().getName().equals(JDK_TIFF_WRITER)) {
                return w;
            }
            w.dispose();
        }
        throw new IllegalStateException("the JDK's TIFF writer " + JDK_TIFF_WRITER + " is not available (needs Java 9+ java.desktop)");
    }
}
