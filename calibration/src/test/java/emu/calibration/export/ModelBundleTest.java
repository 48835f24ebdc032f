package emu.calibration.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

    static BundleProvenance provenance() {
        return new BundleProvenance("Kodak Portra 400", "6451-2", "2027-03", "C-41",
                "Lab North", "Noritsu HS-1800", Map.of("resolution", "3000x2000", "mode", "16-bit"),
                "Nikon D750", "AF-S 50mm f/1.8G",
                List.of(new BundleProvenance.Illuminant("D65", 380, 5, new double[] {49.98, 52.31, 54.65}),
                        new BundleProvenance.Illuminant("A", 380, 5, new double[] {9.80, 10.90, 12.09})),
                "0.1.0", Map.of("shot", "2026-10-02", "fitted", "2026-11-20T10:15:00Z"));
    }

    static ModelBundle.Contents contents() {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("pairs.csv", "frame,roll,illuminant,ev,patch,digital_r\n".getBytes(StandardCharsets.UTF_8));
        files.put("model/model.json", "{\"fitter\":\"rbf\"}".getBytes(StandardCharsets.UTF_8));
        files.put("exports/portra-d65.icc", new byte[] {0, 1, 2, 3, (byte) 0xFF});
        return new ModelBundle.Contents(provenance(), new TreeMap<>(files));
    }

    @Test
    void roundTripsAndRewritesByteIdentically(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.zip");
        Path b = dir.resolve("b.zip");
        ModelBundle.write(a, contents());
        ModelBundle.Contents read = ModelBundle.read(a);
        assertEquals(provenance(), read.provenance());
        assertEquals(contents().files().keySet(), read.files().keySet());
        for (String k : read.files().keySet()) {
            assertArrayEquals(contents().files().get(k), read.files().get(k), k);
        }
        ModelBundle.write(b, read);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b),
                "re-exporting a read bundle gives the same bytes");
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(a))) {
            assertEquals(ModelBundle.MANIFEST, z.getNextEntry().getName(), "manifest first");
            String manifest = new String(z.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(manifest.contains("\"sha256\""), manifest);
            assertTrue(manifest.contains("\"emulsionBatch\" : \"6451-2\""), manifest);
        }
    }

    @Test
    void alteredOrMissingOrExtraEntriesAreNamed(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.zip");
        ModelBundle.write(good, contents());
        Path altered = rewrite(good, dir.resolve("altered.zip"), "model/model.json", "{\"fitter\":\"mlp\"}", null);
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.read(altered));
        assertTrue(e.getMessage().contains("model/model.json") && e.getMessage().contains("altered.zip"),
                e.getMessage());
        Path missing = rewrite(good, dir.resolve("missing.zip"), "pairs.csv", null, null);
        e = assertThrows(BundleFormatException.class, () -> ModelBundle.read(missing));
        assertTrue(e.getMessage().contains("pairs.csv") && e.getMessage().contains("missing"), e.getMessage());
        Path extra = rewrite(good, dir.resolve("extra.zip"), null, null, "notes.txt");
        e = assertThrows(BundleFormatException.class, () -> ModelBundle.read(extra));
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        Path notZip = dir.resolve("plain.zip");
        Files.writeString(notZip, "hello");
        e = assertThrows(BundleFormatException.class, () -> ModelBundle.read(notZip));
        assertTrue(e.getMessage().contains(ModelBundle.MANIFEST), e.getMessage());
    }

    @Test
    void unsafePathsAndIncompleteProvenanceAreRejected() {
        for (String bad : new String[] {"../x", "/etc/passwd", "a//b", "a/./b", "dir/", "a\\b", ModelBundle.MANIFEST}) {
            assertThrows(IllegalArgumentException.class, () -> ModelBundle.checkPath(bad), bad);
        }
        ModelBundle.checkPath("exports/d65/portra.cube");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BundleProvenance("S", null, "2027-13", "C-41", "lab", "scanner", Map.of(),
                        "cam", "lens", provenance().illuminants(), "0.1.0", Map.of()));
        assertTrue(e.getMessage().contains("emulsionExpiry"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BundleProvenance("S", null, null, "C-41", "lab", "scanner", Map.of(),
                        "cam", " ", provenance().illuminants(), "0.1.0", Map.of()));
        assertTrue(e.getMessage().contains("lens"), e.getMessage());
    }

    /** Copies a zip, replacing (or dropping, when replacement is null) one entry and maybe adding one. */
    private static Path rewrite(Path src, Path dst, String entry, String replacement, String add) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(src));
             ZipOutputStream out = new ZipOutputStream(buf)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    if (replacement == null) {
                        continue;
                    }
                    data = replacement.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
            }
            if (add != null) {
                out.putNextEntry(new ZipEntry(add));
                out.write(1);
            }
        }
        Files.write(dst, buf.toByteArray());
        return dst;
    }
}
