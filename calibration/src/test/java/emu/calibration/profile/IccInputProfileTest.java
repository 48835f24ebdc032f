package emu.calibration.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.color.Ciede2000;
import emu.calibration.color.Illuminants;
import emu.calibration.profile.dcp.CameraSpace;
import emu.calibration.profile.dcp.ChartPatches;
import emu.calibration.profile.dcp.FilmModel;
import emu.calibration.profile.icc.IccInputProfile;
import emu.calibration.profile.icc.IccInputProfile.Version;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ICC input profile (camera RGB to Lab) as LittleCMS ({@code transicc}, v2 and v4) and
 * ArgyllCMS ({@code xicclu}, v2 only: Debian 12's Argyll 2.3.1 reads no v4) apply it, on the
 * ColorChecker's patches under D65 and A, against the model itself.
 */
class IccInputProfileTest {

    private static final FilmModel MODEL = new FilmModel();
    private static final int GRID = 33;
    private static final Ciede2000 DE = new Ciede2000(1, 1, 1);

    private static double[] patches(String light) {
        return ChartPatches.camera(new CameraSpace(Illuminants.xy(light).orElseThrow()).stationWhite());
    }

    private static byte[] profile(Version v, String light) {
        double[] clut = IccInputProfile.sample(GRID, IccInputProfile.modelLab(MODEL, light));
        return IccInputProfile.build(v, "Portra 400 - " + light, "emu-station test", Instant.EPOCH,
                GRID, clut);
    }

    private static double worst(double[] want, double[] got) {
        assertEquals(want.length, got.length, "one Lab triple per patch");
        double max = 0;
        for (int i = 0; i < want.length; i += 3) {
            max = Math.max(max, DE.between(want, i, got, i));
        }
        return max;
    }

    @Test
    void littleCmsAppliesV2AndV4WithinHalfADeltaE(@TempDir Path dir) throws Exception {
        for (String light : List.of("D65", "A")) {
            double[] cam = patches(light);
            double[] want = IccInputProfile.modelLab(MODEL, light).apply(cam);
            StringBuilder in = new StringBuilder();
            for (int i = 0; i < cam.length; i += 3) {
                // transicc reads RGB on 0..255
                in.append(String.format(Locale.ROOT, "%.6f %.6f %.6f%n", 255 * cam[i],
                        255 * cam[i + 1], 255 * cam[i + 2]));
            }
            for (Version v : Version.values()) {
                Path icc = dir.resolve(light + "-" + v + ".icc");
                Files.write(icc, profile(v, light));
                // Relative colorimetric: with the perceptual intent LittleCMS rescales a v2
                // profile's black point to the v4 perceptual reference medium (0.4 L* here).
                double[] got = ExternalTool.triples(ExternalTool.run(in.toString(), "liblcms2-utils",
                        "transicc", "-n", "-t1", "-i" + icc, "-o*Lab"));
                double w = worst(want, got);
                System.out.printf(Locale.ROOT, "transicc %s %s: worst %.3f CIEDE2000 on 24 patches%n",
                        v, light, w);
                assertTrue(w <= 0.5, "transicc " + v + " " + light + ": worst CIEDE2000 " + w);
            }
        }
    }

    @Test
    void argyllAppliesV2WithinHalfADeltaE(@TempDir Path dir) throws Exception {
        for (String light : List.of("D65", "A")) {
            double[] cam = patches(light);
            double[] want = IccInputProfile.modelLab(MODEL, light).apply(cam);
            Path icc = dir.resolve(light + ".icc");
            Files.write(icc, profile(Version.V2, light));
            StringBuilder in = new StringBuilder();
            for (int i = 0; i < cam.length; i += 3) {
                in.append(String.format(Locale.ROOT, "%.6f %.6f %.6f%n", cam[i], cam[i + 1], cam[i + 2]));
            }
            String out = ExternalTool.run(in.toString(), "argyll", "xicclu", "-v0", "-ff", "-ir", "-pl",
                    icc.toString());
            List<Double> got = new ArrayList<>();
            for (String line : out.split("\n")) {
                // "r g b [RGB] -> Lut -> L a b [Lab]" at -v1; bare numbers at -v0
                String[] parts = line.split("->");
                String last = parts[parts.length - 1].replace("[Lab]", "").trim();
                String[] f = last.split("\\s+");
                if (f.length == 3) {
                    for (String x : f) {
                        got.add(Double.parseDouble(x));
                    }
                }
            }
            double w = worst(want, got.stream().mapToDouble(Double::doubleValue).toArray());
            System.out.printf(Locale.ROOT, "xicclu V2 %s: worst %.3f CIEDE2000 on 24 patches%n", light, w);
            assertTrue(w <= 0.5, "xicclu " + light + ": worst CIEDE2000 " + w);
        }
    }

    @Test
    void headerAndTagsFollowTheVersion() {
        for (Version v : Version.values()) {
            byte[] p = profile(v, "D65");
            ByteBuffer b = ByteBuffer.wrap(p);
            assertEquals(p.length, b.getInt(0), "size");
            assertEquals(v == Version.V4 ? 0x04300000 : 0x02400000, b.getInt(8), "version");
            assertEquals("scnr", sig(p, 12));
            assertEquals("RGB ", sig(p, 16));
            assertEquals("Lab ", sig(p, 20));
            assertEquals("acsp", sig(p, 36));
            int tags = b.getInt(128);
            List<String> sigs = new ArrayList<>();
            for (int i = 0; i < tags; i++) {
                sigs.add(sig(p, 132 + 12 * i));
                assertEquals(0, b.getInt(136 + 12 * i) % 4, "tag data on a 4-byte boundary");
            }
            assertEquals(v == Version.V4 ? List.of("desc", "cprt", "wtpt", "chad", "A2B0")
                    : List.of("desc", "cprt", "wtpt", "A2B0"), sigs);
            int a2b = b.getInt(136 + 12 * (tags - 1));
            assertEquals(v == Version.V4 ? "mAB " : "mft2", sig(p, a2b));
            if (v == Version.V2) {
                assertEquals(GRID, p[a2b + 10], "CLUT points");
                assertEquals(IccInputProfile.CURVE_ENTRIES, b.getChar(a2b + 48), "input entries");
                assertEquals(2, b.getChar(a2b + 50), "output entries");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> IccInputProfile.build(Version.V2, "Fomapan – Ä",
                "c", Instant.EPOCH, 2, new double[24]), "v2 text is ASCII");
        assertThrows(IllegalArgumentException.class, () -> IccInputProfile.sample(1, UnaryOperator.identity()));
    }

    private static String sig(byte[] p, int at) {
        return new String(p, at, 4, StandardCharsets.US_ASCII);
    }
}
