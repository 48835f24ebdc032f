package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.export.ModelBundle;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code station export --format bundle} and {@code station import-bundle} end to end, on a
 * model fitted by {@code station fit} (one matrix candidate, 2 folds) from synthetic pairs.
 */
class ImportBundleCommandTest {
    @TempDir static Path shared;
    static Path model;
    static Path train;

    @TempDir Path dir;

    @BeforeAll
    static void fit() throws Exception {
        train = shared.resolve("train.csv");
        Files.writeString(train, FitCommandTest.pairs(12, 1));
        model = shared.resolve("model");
        CliRun fit = CliRun.of("fit", "--pairs", train.toString(), "--out", model.toString(), "--candidates", "matrix",
                "--folds", "2", "--finalists", "0", "--stock", "Portra 400", "--set", "s1");
        assertEquals(0, fit.exit(), fit.err());
    }

    @Test
    void exportedBundleImportsAndReexportsByteForByte() throws Exception {
        Path zip = dir.resolve("portra.zip");
        CliRun export = CliRun.of("export", "--model", model.toString(), "--format", "bundle", "--out", zip.toString(),
                "--pairs", train.toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(export.out().contains("bundle of model") && export.out().contains(zip.toString()), export.out());

        ModelBundle.Contents bundle = ModelBundle.read(zip);
        assertEquals("Portra 400", bundle.provenance().stock());
        assertEquals(2, bundle.provenance().illuminants().size());
        assertTrue(bundle.files().containsKey("exports/Portra-400_A_srgb_32.xmp")
                && bundle.files().containsKey("exports/Portra-400_D65_hlg_33_cube-hlg.cube"), bundle.files().keySet().toString());

        Path out = dir.resolve("imported");
        CliRun imp = CliRun.of("import-bundle", "--bundle", zip.toString(), "--out", out.toString());
        assertEquals(0, imp.exit(), imp.err());
        assertTrue(imp.out().contains("byte-identical"), imp.out());
        int exports = 0;
        for (Map.Entry<String, byte[]> f : bundle.files().entrySet()) {
            String path = f.getKey();
            Path written = path.startsWith("exports/") || path.equals("pairs.csv") || path.startsWith("model/")
                    ? out.resolve(path) : null;
            if (written != null) {
                assertArrayEquals(f.getValue(), Files.readAllBytes(written), path);
                exports += path.startsWith("exports/") ? 1 : 0;
            }
        }
        assertTrue(exports >= 2 * 8, "every export of both lights: " + exports);
        assertArrayEquals(Files.readAllBytes(train), Files.readAllBytes(out.resolve("pairs.csv")));

        // The imported model bundles again to the very same bytes.
        Path again = dir.resolve("again.zip");
        assertEquals(0, CliRun.of("export", "--model", out.resolve("model").toString(), "--format", "bundle",
                "--out", again.toString(), "--pairs", out.resolve("pairs.csv").toString()).exit());
        assertArrayEquals(Files.readAllBytes(zip), Files.readAllBytes(again));

        // An existing non-empty --out is refused.
        assertEquals(2, CliRun.of("import-bundle", "--bundle", zip.toString(), "--out", out.toString()).exit());
    }

    @Test
    void aTamperedMemberExits2NamingIt() throws Exception {
        Path zip = dir.resolve("good.zip");
        assertEquals(0, CliRun.of("export", "--model", model.toString(), "--format", "bundle", "--out", zip.toString(),
                "--pairs", train.toString()).exit());
        Path tampered = dir.resolve("tampered.zip");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
             ZipOutputStream z = new ZipOutputStream(buf)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals("exports/Portra-400_D65_srgb_33.icc")) {
                    data[data.length / 2] ^= 1;
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(data);
                z.closeEntry();
            }
        }
        Files.write(tampered, buf.toByteArray());
        Path out = dir.resolve("imported");
        CliRun r = CliRun.of("import-bundle", "--bundle", tampered.toString(), "--out", out.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("exports/Portra-400_D65_srgb_33.icc") && r.err().contains("SHA-256"), r.err());
        assertTrue(!Files.exists(out), "nothing is unpacked from a tampered bundle");

        // A byte flipped in the stored (compressed) data fails the zip's own CRC: also bad input.
        byte[] raw = Files.readAllBytes(zip);
        raw[raw.length / 2] ^= (byte) 0x55;
        Path flipped = dir.resolve("flipped.zip");
        Files.write(flipped, raw);
        CliRun f = CliRun.of("import-bundle", "--bundle", flipped.toString(), "--out", dir.resolve("f").toString());
        assertEquals(2, f.exit(), f.out() + f.err());
        assertTrue(f.err().contains(flipped.toString()), f.err());
    }

    @Test
    void exportWithoutPairsNeedsAPairsCsv() throws Exception {
        CliRun r = CliRun.of("export", "--model", model.toString(), "--format", "bundle", "--out",
                dir.resolve("b.zip").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--pairs") && r.err().contains("pairs.csv"), r.err());
        assertTrue(!Files.exists(dir.resolve("b.zip")));

        CliRun lut = CliRun.of("export", "--model", model.toString(), "--format", "bundle", "--encoding", "srgb",
                "--out", dir.resolve("b.zip").toString(), "--pairs", train.toString());
        assertEquals(2, lut.exit(), lut.err());
        assertTrue(lut.err().contains("--encoding"), lut.err());

        Path other = dir.resolve("other.csv");
        Files.writeString(other, FitCommandTest.pairs(12, 2));
        CliRun wrong = CliRun.of("export", "--model", model.toString(), "--format", "bundle", "--out",
                dir.resolve("b.zip").toString(), "--pairs", other.toString());
        assertEquals(2, wrong.exit(), wrong.err());
        assertTrue(wrong.err().contains("SHA-256"), wrong.err());

        // A model directory holding its pairs.csv (as the trainer writes it) needs no --pairs.
        Path withPairs = dir.resolve("model");
        Files.createDirectories(withPairs);
        try (var s = Files.list(model)) {
            for (Path f : s.toList()) {
                Files.copy(f, withPairs.resolve(f.getFileName()));
            }
        }
        Files.copy(train, withPairs.resolve("pairs.csv"));
        CliRun ok = CliRun.of("export", "--model", withPairs.toString(), "--format", "bundle", "--out",
                dir.resolve("b.zip").toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ModelBundle.read(dir.resolve("b.zip")).files().containsKey("pairs.csv"));
    }
}
