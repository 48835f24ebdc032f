package emu.calibration.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.color.ChromaticAdaptation;
import emu.calibration.color.Cielab;
import emu.calibration.color.DeltaE;
import emu.calibration.color.Matrices;
import emu.calibration.color.RgbSpace;
import emu.calibration.color.Srgb;
import emu.calibration.lut.LutExportFormat;
import emu.calibration.lut.ShapedLut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry entries end to end: a baked LUT in, a profile an editor's engine reads out. */
class ProfileFormatsTest {

    @Test
    void registryOffersTheProfileFormats() {
        for (String name : new String[] {"xmp", "icc", "cube-pq", "cube-hlg"}) {
            assertEquals(name, FilmLooks.format(name).name());
        }
        assertEquals("cube", FilmLooks.format("cube-hlg").extension());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FilmLooks.format("icc").check(256, false));
        assertTrue(e.getMessage().contains("2..255"), e.getMessage());
    }

    @Test
    void xmpCarriesTheLookForOneIlluminantGroupedUnderTheStock(@TempDir Path dir)
            throws Exception {
        ShapedLut lut = FilmLooks.lut(33);
        Path file = dir.resolve("portra-a.xmp");
        LutExportFormat xmp = FilmLooks.format("xmp");
        assertEquals(java.util.List.of(file), xmp.write(lut, FilmLooks.provenance("A"), file));
        IndependentXmpProfileDecoder.Decoded d =
                IndependentXmpProfileDecoder.decode(Files.readAllBytes(file));
        assertEquals("Portra 400 - A", d.name());
        assertEquals("Portra 400", d.group());
        assertEquals(d.computedMd5(), d.tableId());
        assertEquals(32, d.divisions(), "a 33-point LUT is resampled to the SDK's 32");
        // grid point (r, g, b) = (31, 10, 0) of 32: compare with the look itself
        double[] want = FilmLooks.film(1.0, 10 / 31.0, 0.0);
        int at = 3 * ((31 * 32 + 10) * 32);
        for (int c = 0; c < 3; c++) {
            assertEquals(want[c], d.samples()[at + c] / 65535.0, 1e-3, "channel " + c);
        }
    }

    @Test
    void exiftoolReadsTheXmpAsCameraRawSettings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("portra-d65.xmp");
        FilmLooks.format("xmp").write(FilmLooks.lut(17), FilmLooks.provenance("D65"), file);
        com.fasterxml.jackson.databind.JsonNode tags = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(ExternalTool.run("", "libimage-exiftool-perl", "exiftool", "-j",
                        "-XMP-crs:all", file.toString())).get(0);
        assertEquals("Look", tags.get("PresetType").asText());
        assertEquals("Portra 400 - D65", tags.get("Name").asText());
        assertEquals("Portra 400", tags.get("Group").asText());
        assertTrue(tags.get("SupportsAmount").asBoolean());
        assertTrue(tags.get("SupportsOutputReferred").asBoolean());
        String id = tags.get("RGBTable").asText();
        String table = ExternalTool.run("", "libimage-exiftool-perl", "exiftool", "-b",
                "-XMP-crs:Table_" + id, file.toString());
        // exiftool's copy of the table decodes to a stream whose MD5 is the id
        String xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf="
                + "\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:crs=\""
                + IndependentXmpProfileDecoder.CRS + "\" crs:RGBTable=\"" + id + "\" crs:Table_" + id
                + "=\"" + table.trim() + "\"/></rdf:RDF></x:xmpmeta>";
        IndependentXmpProfileDecoder.Decoded d = IndependentXmpProfileDecoder.decode(
                xmp.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(id, d.computedMd5());
        assertEquals(17, d.divisions());
    }

    @Test
    void xmpFromAnotherInputEncodingMatchesTheSrgbBake(@TempDir Path dir) throws Exception {
        // The same look baked for acescct input must give nearly the same profile table.
        emu.calibration.color.InputEncoding aces = emu.calibration.color.InputEncoding.get("acescct");
        emu.calibration.color.InputEncoding srgb = emu.calibration.color.InputEncoding.get("srgb");
        int n = 65;
        double[] grid = new double[3 * n * n * n];
        int i = 0;
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < n; g++) {
                for (int r = 0; r < n; r++) {
                    grid[i++] = r / (n - 1.0);
                    grid[i++] = g / (n - 1.0);
                    grid[i++] = b / (n - 1.0);
                }
            }
        }
        double[] s = srgb.fromRec709Linear(aces.toRec709Linear(grid));
        float[] t = new float[s.length];
        for (int k = 0; k < s.length; k += 3) {
            // the polynomial look extends smoothly outside sRGB, as a fitted model does
            double[] f = FilmLooks.film(s[k], s[k + 1], s[k + 2]);
            for (int c = 0; c < 3; c++) {
                t[k + c] = (float) f[c];
            }
        }
        ShapedLut acesLut = new ShapedLut(new emu.calibration.lut.Lut3D(n, t));
        Path a = dir.resolve("aces.xmp");
        FilmLooks.format("xmp").write(acesLut,
                FilmLooks.provenance("D65").withInputEncoding("acescct"), a);
        int[] fromAces = IndependentXmpProfileDecoder.decode(Files.readAllBytes(a)).samples();
        Path p = dir.resolve("srgb.xmp");
        FilmLooks.format("xmp").write(FilmLooks.lut(32), FilmLooks.provenance("D65"), p);
        int[] fromSrgb = IndependentXmpProfileDecoder.decode(Files.readAllBytes(p)).samples();
        // Saturated colours are badly sampled on an ACEScct lattice (their linear Rec.709 value
        // is a small difference of large AP1 values), so the per-point error can reach a few
        // percent there; on average the two bakes must agree.
        assertTrue(meanDifference(fromAces, fromSrgb) < 0.003,
                "acescct bake vs srgb bake: mean " + meanDifference(fromAces, fromSrgb));
        // Declaring the wrong encoding skips the re-encoding and is visibly different.
        Path wrong = dir.resolve("wrong.xmp");
        FilmLooks.format("xmp").write(acesLut, FilmLooks.provenance("D65"), wrong);
        int[] fromWrong = IndependentXmpProfileDecoder.decode(Files.readAllBytes(wrong)).samples();
        assertTrue(meanDifference(fromWrong, fromSrgb) > 0.03,
                "without re-encoding: mean " + meanDifference(fromWrong, fromSrgb));
    }

    private static double meanDifference(int[] a, int[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += Math.abs(a[k] - b[k]) / 65535.0;
        }
        return sum / a.length;
    }

    @Test
    void littleCmsAppliesTheIccWithin05Ciede2000OfTheLookItself(@TempDir Path dir)
            throws Exception {
        ShapedLut lut = FilmLooks.lut(33);
        Path file = dir.resolve("portra-d65.icc");
        FilmLooks.format("icc").write(lut, FilmLooks.provenance("D65"), file);
        byte[] first = Files.readAllBytes(file);
        FilmLooks.format("icc").write(lut, FilmLooks.provenance("D65"), file);
        assertTrue(Arrays.equals(first, Files.readAllBytes(file)), "re-export is byte-identical");

        // Probes: sRGB colours inside the gamut, as Lab D50 (the PCS).
        double[] toXyzD50 = Matrices.multiply(
                ChromaticAdaptation.bradford(RgbSpace.REC709.whiteXyz(), DisplayLook.D50),
                RgbSpace.REC709.toXyz());
        Random rnd = new Random(3);
        int probes = 300;
        double[] lab = new double[3 * probes];
        StringBuilder in = new StringBuilder();
        for (int p = 0; p < probes; p++) {
            double[] lin = new double[3];
            for (int c = 0; c < 3; c++) {
                lin[c] = Srgb.INSTANCE.decode(0.03 + 0.94 * rnd.nextDouble());
            }
            double[] l = Cielab.fromXyz(Matrices.apply(toXyzD50, lin), DisplayLook.D50);
            System.arraycopy(l, 0, lab, 3 * p, 3);
            in.append(String.format(Locale.ROOT, "%.6f %.6f %.6f%n", l[0], l[1], l[2]));
        }
        double[] lcms = ExternalTool.triples(ExternalTool.run(in.toString(), "liblcms2-utils",
                "transicc", "-n", "-i" + file, "-o*Lab"));
        double[] ours = new DisplayLook(lut, "srgb").onLab(lab);
        assertEquals(ours.length, lcms.length, "one Lab triple per probe");
        double[] de = DeltaE.CIEDE2000.rows(ours, lcms);
        double worst = Arrays.stream(de).max().orElseThrow();
        assertTrue(worst <= 0.5, "transicc vs our application: worst CIEDE2000 " + worst);
        // and the look is really there: it moves colours by far more than the tolerance
        double moved = Arrays.stream(DeltaE.CIEDE2000.rows(lab, ours)).average().orElseThrow();
        assertTrue(moved > 2, "mean CIEDE2000 of the look itself: " + moved);
    }
}
