package emu.calibration.lut;

import emu.calibration.io.AtomicFiles;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.FileImageOutputStream;

/**
 * The {@code haldclut} export format: a 16-bit RGB PNG holding a 3D LUT as an image.
 *
 * <p>A level-{@code L} Hald CLUT (Eskil Steenberg's Hald CLUT, as ImageMagick's {@code -hald-clut}
 * and ffmpeg's {@code haldclut} filter read it) has {@code N = L^2} points per axis laid out in an
 * {@code L^3 x L^3} image in raster order, red fastest, then green, then blue: point
 * {@code (r, g, b)} is pixel number {@code r + N g + N^2 b}. Its input domain is always the unit
 * cube and it has no shaper. Values are clipped to 0..1 and rounded to 16 bits. Provenance goes
 * into PNG {@code tEXt} chunks (PNG specification, ISO/IEC 15948, section 11.3.4.3).
 */
final class HaldClutFormat implements LutExportFormat {
    /** Levels whose image fits the PNG writers and readers comfortably (4096 x 4096 at most). */
    static final int MIN_LEVEL = 2;
    static final int MAX_LEVEL = 16;

    @Override
    public String name() {
        return "haldclut";
    }

    @Override
    public String extension() {
        return "png";
    }

    /** A Hald image has no place for a 1D curve: its input is always the unit cube. */
    @Override
    public boolean takesShaper() {
        return false;
    }

    @Override
    public int defaultSize() {
        return 64;
    }

    @Override
    public String sizeProblem(int cubeSize) {
        int l = (int) Math.round(Math.sqrt(cubeSize));
        return l * l == cubeSize && l >= MIN_LEVEL && l <= MAX_LEVEL ? null
                : "takes L^2 points per axis for a level L of " + MIN_LEVEL + ".." + MAX_LEVEL
                        + " (64 = level 8, 144 = level 12)";
    }

    /** The Hald level for a lattice size; only perfect squares qualify (64 = level 8, 144 = level 12). */
    static int level(int cubeSize) {
        checkLevel(cubeSize);
        return (int) Math.round(Math.sqrt(cubeSize));
    }

    private static void checkLevel(int cubeSize) {
        String problem = new HaldClutFormat().sizeProblem(cubeSize);
        if (problem != null) {
            throw new IllegalArgumentException("a HaldCLUT " + problem + ", not " + cubeSize);
        }
    }

    @Override
    public List<Path> write(ShapedLut lut, LutProvenance provenance, Path file) throws IOException {
        Lut3D cube = lut.cube();
        check(cube.size(), lut.shaper().isPresent());
        if (!cube.hasUnitDomain()) {
            throw new IllegalArgumentException("a HaldCLUT's input domain is the unit cube; this LUT's is "
                    + java.util.Arrays.toString(cube.domainMin()) + ".." + java.util.Arrays.toString(cube.domainMax()));
        }
        BufferedImage img = image(cube);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            String format = "javax_imageio_png_1.0";
            IIOMetadataNode root = new IIOMetadataNode(format);
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            addText(text, "Title", provenance.title());
            for (Map.Entry<String, String> e : provenance.fields().entrySet()) {
                addText(text, e.getKey(), e.getValue());
            }
            addText(text, "hald-level", Integer.toString(level(cube.size())));
            root.appendChild(text);
            meta.mergeTree(format, root);
            AtomicFiles.writeFile(file, tmp -> {
                try (ImageOutputStream ios = new FileImageOutputStream(tmp.toFile())) {
                    writer.setOutput(ios);
                    writer.write(null, new IIOImage(img, null, meta), param);
                }
            });
        } finally {
            writer.dispose();
        }
        return List.of(file);
    }

    /** tEXt is Latin-1 (PNG section 11.3.4.3); anything else becomes '?' rather than mojibake. */
    private static void addText(IIOMetadataNode text, String key, String value) {
        IIOMetadataNode e = new IIOMetadataNode("tEXtEntry");
        e.setAttribute("keyword", key);
        e.setAttribute("value", new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1));
        text.appendChild(e);
    }

    /** The Hald image of a unit-domain cube whose size is a perfect square. */
    static BufferedImage image(Lut3D cube) {
        int n = cube.size();
        int l = level(n);
        int w = l * l * l;
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_USHORT, w, w, 3, null);
        short[] px = ((DataBufferUShort) raster.getDataBuffer()).getData();
        float[] t = cube.rawTable();
        // Hald pixel order and the table's order are both red fastest, so the table maps straight onto pixels
        for (int i = 0; i < t.length; i++) {
            px[i] = (short) Math.round(Math.max(0f, Math.min(1f, t[i])) * 65535f);
        }
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        return new BufferedImage(cm, raster, false, null);
    }
}
