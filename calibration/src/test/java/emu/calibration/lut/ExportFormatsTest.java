package emu.calibration.lut;

import emu.calibration.io.ImageFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ExportFormatsTest {
    private static final LutProvenance PROVENANCE =
            new LutProvenance("Velvia 50", "set <3>", "rp-2 & co", "FL11", "srgb", "film scan (sRGB)", Double.NaN);

    @TempDir Path dir;


    @Test
    void haldClutNeedsASquareSizeAndNoShaper() {
        LutExportFormat hald = TestLuts.format("haldclut");
        hald.check(64, false);
        hald.check(144, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hald.check(65, false));
        assertTrue(e.getMessage().contains("64 = level 8, 144 = level 12"), e.getMessage());
        assertFalse(e.getMessage().contains("--"), "a format speaks of itself, never of CLI flags: " + e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> hald.check(64, true));
        assertTrue(e.getMessage().contains("shaper"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestLuts.format("cube").check(300, false));
        TestLuts.format("ocio").check(129, true);
        e = assertThrows(IllegalArgumentException.class, () -> TestLuts.format("ocio").check(130, false));
        assertTrue(e.getMessage().contains("at most 129"), e.getMessage());
    }

    @Test
    void haldClutLayoutAndProvenance() throws Exception {
        Lut3D cube = TestLuts.filmish(64);
        Path f = dir.resolve("v.png");
        TestLuts.format("haldclut").write(new ShapedLut(cube), PROVENANCE, f);
        BufferedImage img = ImageFiles.read(f);
        assertEquals(512, img.getWidth());
        assertEquals(512, img.getHeight());
        int n = 64;
        int[][] points = {{0, 0, 0}, {63, 0, 0}, {5, 17, 40}, {63, 63, 63}};
        for (int[] p : points) {
            int i = p[0] + n * p[1] + n * n * p[2];
            int[] px = img.getRaster().getPixel(i % 512, i / 512, (int[]) null);
            for (int c = 0; c < 3; c++) {
                assertEquals(Math.round(cube.get(p[0], p[1], p[2], c) * 65535f), px[c]);
            }
        }
        Map<String, String> text = pngText(f);
        assertEquals("Velvia 50", text.get("stock"));
        assertEquals("rp-2 & co", text.get("model-version"));
        assertEquals("not measured", text.get("held-out-ciede2000-mean"));
        assertEquals("8", text.get("hald-level"));
        assertTrue(text.get("Title").contains("FL11"), text.toString());
    }

    @Test
    void level12HaldIs1728Square() throws Exception {
        Path f = dir.resolve("v12.png");
        TestLuts.format("haldclut").write(new ShapedLut(Lut3D.identity(144)), PROVENANCE, f);
        BufferedImage img = ImageFiles.read(f);
        assertEquals(1728, img.getWidth());
        assertEquals(1728, img.getHeight());
        assertEquals(16, img.getColorModel().getComponentSize(0));
    }

    /** CLF orders LUT3D blue fastest (CLF v3 section 5.3.3); read it back and compare. */
    @Test
    void clfIsWellFormedWithBlueFastestAndProvenance() throws Exception {
        Lut3D cube = TestLuts.filmish(5);
        ShapedLut lut = new ShapedLut(Optional.of(LinearShaper.lut()), cube);
        Path f = dir.resolve("v.clf");
        TestLuts.format("clf").write(lut, PROVENANCE.withInputEncoding("linear"), f);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
        Element root = doc.getDocumentElement();
        assertEquals("ProcessList", root.getTagName());
        assertEquals("3.0", root.getAttribute("compCLFversion"));
        List<String> nodes = new java.util.ArrayList<>();
        for (org.w3c.dom.Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && !e.getTagName().equals("Description")) {
                nodes.add(e.getTagName());
            }
        }
        assertEquals(List.of("InputDescriptor", "OutputDescriptor", "Range", "LUT1D", "LUT3D"), nodes);
        NodeList descriptions = root.getElementsByTagName("Description");
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < descriptions.getLength(); i++) {
            all.append(descriptions.item(i).getTextContent()).append('\n');
        }
        assertTrue(all.toString().contains("set: set <3>") && all.toString().contains("model-version: rp-2 & co"), all.toString());
        Element lut3d = (Element) root.getElementsByTagName("LUT3D").item(0);
        String[] values = lut3d.getElementsByTagName("Array").item(0).getTextContent().strip().split("\\s+");
        assertEquals(3 * 125, values.length);
        // row k = b + 5 (g + 5 r): blue fastest
        int r = 3;
        int g = 1;
        int b = 4;
        int k = b + 5 * (g + 5 * r);
        for (int c = 0; c < 3; c++) {
            assertEquals(cube.get(r, g, b, c), Float.parseFloat(values[3 * k + c]), 6e-7f);
        }
    }

    @Test
    void ocioSnippetCarriesProvenanceAndReferencesTheCube() throws Exception {
        Path f = dir.resolve("look.ocio");
        List<Path> files = TestLuts.format("ocio").write(new ShapedLut(TestLuts.filmish(5)), PROVENANCE, f);
        assertEquals(List.of(f, dir.resolve("look.cube")), files);
        String text = Files.readString(f);
        assertTrue(text.contains("# stock: Velvia 50\n"), text);
        assertTrue(text.contains("name: emu-Velvia_50-FL11\n"), text);
        assertTrue(text.contains("src: \"look.cube\""), text);
        assertTrue(CubeFile.read(dir.resolve("look.cube")).comments().contains("illuminant: FL11"));
    }

    @Test
    void provenanceRejectsLineBreaks() {
        assertThrows(IllegalArgumentException.class,
                () -> new LutProvenance("a\nTITLE \"x\"", "s", "m", "D65", "srgb", "out", 1));
    }

    private static Map<String, String> pngText(Path f) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            r.setInput(in);
            IIOMetadata meta = r.getImageMetadata(0);
            org.w3c.dom.Node root = meta.getAsTree("javax_imageio_png_1.0");
            Map<String, String> out = new HashMap<>();
            NodeList entries = ((Element) root).getElementsByTagName("tEXtEntry");
            for (int i = 0; i < entries.getLength(); i++) {
                Element e = (Element) entries.item(i);
                out.put(e.getAttribute("keyword"), e.getAttribute("value"));
            }
            r.dispose();
            return out;
        }
    }
}
