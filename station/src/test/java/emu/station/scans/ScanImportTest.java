package emu.station.scans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.film.LabQuirks;
import emu.station.pairing.Pairing;
import emu.station.QuietBench;
import emu.station.Workflows;
import emu.station.config.StationConfig;
import emu.station.store.FilmShootRepository.Trigger;
import emu.station.store.RollLogRepository.Stage;
import emu.station.store.RollRepository.Roll;
import emu.station.store.Store;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scan import on real deliveries of the virtual bench's film lab (a roll of 4 frames shot on the
 * sim rig), with each lab quirk (numbering offset, skipped frame, frame scanned twice), files
 * without numbers, a zip, a re-import, and bad files (corrupt, truncated, not an image).
 */
@Timeout(300)
class ScanImportTest {
    @TempDir Path dir;
    private Store store;
    private Workflows w;
    private Roll roll;

    /** The store under test: the SQLite file here; a PostgreSQL database in {@code PostgresScanImportTest}. */
    Store openStore(StationConfig config) throws java.io.IOException {
        return Store.open(config.station().dataDir().resolve(Store.FILE_NAME));
    }

    @BeforeEach
    void shootARoll() throws Exception {
        Path cfg = QuietBench.config(dir);
        StationConfig config = StationConfig.load(cfg);
        store = openStore(config);
        w = Workflows.open(config, store, (e, d) -> { });
        long set = w.createSet("s", "portrait-160", null, List.of("D65"), List.of(-1.0, 0.0, 1.0, 2.0)).id();
        roll = w.rolls().load(set, "R1", "F3", 160, 36, false, Trigger.RIG_SHUTTER);
        assertEquals(4, w.film().shoot(roll.id(), l -> { }).size());
    }

    @Test
    void theQrSlateInTheFrameOutranksAnOffsetFileName() throws Exception {
        long set = roll.setId().orElseThrow();
        Roll slated = w.rolls().load(set, "R2", "F3", 160, 36, true, Trigger.RIG_SHUTTER);
        w.film().shoot(slated.id(), l -> { });
        Path out = dir.resolve("slated");
        w.filmDevices().orElseThrow().develop(slated.id(), LabQuirks.NONE.withNumberingOffset(3), out, l -> { });
        ScanImport.Report r = w.scans().importScans(slated.id(), out);
        // frames whose slate decodes pair by it despite the offset names; one the QR cannot be read
        // from (here the +2 EV frame, washed out) falls back to its name, whose offset is surfaced
        List<ScanImport.Imported> byQr = r.imported().stream().filter(i -> i.pairedBy().equals("qr")).toList();
        assertTrue(byQr.size() >= 2, r.imported().toString());
        for (ScanImport.Imported i : byQr) {
            assertEquals(Pairing.number(i.source()).getAsInt() - 3, i.frame(), "the slate names the frame: " + i);
        }
        if (byQr.size() < 4) {
            Pairing.Conflict c = r.conflicts().stream().filter(x -> x.kind().equals("offset")).findFirst().orElseThrow();
            assertEquals(-3, c.suggestedOffset());
            assertEquals(4 - byQr.size(), w.pairing().applyOffset(slated.id(), -3));
        }
        assertTrue(w.pairing().conflicts(slated.id()).isEmpty());
    }

    @AfterEach
    void close() throws Exception {
        w.close();
        store.close();
    }

    private Path deliver(LabQuirks q) throws Exception {
        Path out = dir.resolve("delivery");
        w.filmDevices().orElseThrow().develop(roll.id(), q, out, l -> { });
        return out;
    }

    @Test
    void cleanDeliveryPairsByFileNameAndLogsTheRollsLife() throws Exception {
        w.rolls().sendToLab(roll.id(), "Lab", "C-41", 1, "2026-11-20");
        ScanImport.Report r = w.scans().importScans(roll.id(), deliver(LabQuirks.NONE));
        assertEquals(4, r.imported().size());
        assertTrue(r.imported().stream().allMatch(i -> i.pairedBy().equals("name") && i.chart().equals("read")), r.toString());
        assertEquals(4, r.skipped().size(), "the JPEG twins are skipped for the TIFFs");
        assertTrue(r.conflicts().isEmpty(), r.conflicts().toString());
        assertEquals(List.of(Stage.LOADED, Stage.SHOT, Stage.SENT_TO_LAB, Stage.SCANS_RECEIVED, Stage.PAIRED),
                store.rollLog().entries(roll.id()).stream().map(e -> e.stage()).toList());
        assertTrue(store.rollLog().entries(roll.id()).get(2).detailsJson().contains("\"push_pull\":1"));
        for (var s : store.scans().byRoll(roll.id())) {
            assertTrue(Files.isRegularFile(w.dataDir().resolve(s.file())));
            assertEquals(24, store.readings().ofScan(s.id()).size());
        }
        ScanImport.Report again = w.scans().importScans(roll.id(), dir.resolve("delivery"));
        assertEquals(0, again.imported().size());
        assertEquals(4, again.alreadyImported().size(), "re-import is harmless");
    }

    @Test
    void aNumberingOffsetIsSurfacedNotGuessedAndPairsWhenConfirmed() throws Exception {
        ScanImport.Report r = w.scans().importScans(roll.id(), deliver(LabQuirks.NONE.withNumberingOffset(2)));
        assertTrue(r.imported().stream().allMatch(i -> i.frame() == null), "nothing paired silently: " + r.imported());
        Pairing.Conflict offset = r.conflicts().stream().filter(c -> c.kind().equals("offset")).findFirst().orElseThrow();
        assertEquals(-2, offset.suggestedOffset());
        assertThrows(IllegalArgumentException.class, () -> w.pairing().applyOffset(roll.id(), 5));
        assertEquals(4, w.pairing().applyOffset(roll.id(), -2));
        assertTrue(w.pairing().conflicts(roll.id()).isEmpty());
        assertEquals(List.of(1, 2, 3, 4), store.scans().byRoll(roll.id()).stream()
                .map(s -> store.rolls().frames(roll.id()).stream().filter(f -> f.id() == s.frameId().orElseThrow())
                        .findFirst().orElseThrow().number()).sorted().toList());
    }

    @Test
    void aSkippedFrameIsReportedMissing() throws Exception {
        ScanImport.Report r = w.scans().importScans(roll.id(), deliver(LabQuirks.NONE.withSkippedFrame(2)));
        assertEquals(3, r.imported().stream().filter(i -> i.frame() != null).count());
        assertEquals(1, r.conflicts().size(), r.conflicts().toString());
        assertEquals("missing", r.conflicts().get(0).kind());
        assertEquals(List.of(2), r.conflicts().get(0).frames());
    }

    @Test
    void aFrameScannedTwiceIsADuplicateTheOperatorResolves() throws Exception {
        ScanImport.Report r = w.scans().importScans(roll.id(), deliver(LabQuirks.NONE.withScannedTwice(3)));
        Pairing.Conflict dup = r.conflicts().stream().filter(c -> c.kind().equals("duplicate")).findFirst().orElseThrow();
        assertEquals(2, dup.scans().size());
        assertTrue(r.imported().stream().noneMatch(i -> Integer.valueOf(3).equals(i.frame())), "neither is guessed");
        w.pairing().pair(roll.id(), dup.scans().get(0), 3);
        List<Pairing.Conflict> left = w.pairing().conflicts(roll.id());
        assertEquals(1, left.size(), left.toString());
        assertEquals("unmatched", left.get(0).kind());
        assertThrows(IllegalArgumentException.class, () -> w.pairing().pair(roll.id(), dup.scans().get(1), 99));
    }

    @Test
    void aSetAsideDuplicateLetsTheOffsetApplyAndAFrameMarkedBadIsNotMissing() throws Exception {
        // the lab numbered from 2, scanned frame 2 twice and skipped frame 3: F02, F03, F03_2, F05
        ScanImport.Report r = w.scans().importScans(roll.id(),
                deliver(LabQuirks.NONE.withNumberingOffset(1).withScannedTwice(2).withSkippedFrame(3)));
        Pairing.Conflict dup = r.conflicts().stream().filter(c -> c.kind().equals("duplicate")).findFirst().orElseThrow();
        Pairing.Conflict offset = r.conflicts().stream().filter(c -> c.kind().equals("offset")).findFirst().orElseThrow();
        assertEquals(-1, offset.suggestedOffset());
        assertThrows(IllegalArgumentException.class, () -> w.pairing().applyOffset(roll.id(), -1), "two scans for frame 2");
        long second = dup.scans().get(1);
        store.scans().markBad(second, true, "scanned twice");
        assertEquals(3, w.pairing().applyOffset(roll.id(), -1));
        List<Pairing.Conflict> left = w.pairing().conflicts(roll.id());
        assertEquals(List.of("missing"), left.stream().map(Pairing.Conflict::kind).toList(), left.toString());
        assertEquals(List.of(3), left.get(0).frames());
        store.rolls().markFrameBad(roll.id(), 3, true, "no scan from the lab");
        assertTrue(w.pairing().conflicts(roll.id()).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> store.scans().markBad(second, true, " "), "a reason is required");
        store.scans().markBad(second, false, "");
        assertEquals("unmatched", w.pairing().conflicts(roll.id()).get(0).kind(), "restored, it needs a frame again");
    }

    @Test
    void filesWithoutNumbersPairInOrder() throws Exception {
        Path lab = deliver(LabQuirks.NONE);
        Path plain = Files.createDirectories(dir.resolve("plain"));
        String[] names = {"a.tif", "b.tif", "c.tif", "d.tif"};
        for (int i = 0; i < 4; i++) {
            Files.copy(lab.resolve(String.format("R1_F%02d.tif", i + 1)), plain.resolve(names[i]));
        }
        ScanImport.Report r = w.scans().importScans(roll.id(), plain);
        assertEquals(List.of(1, 2, 3, 4), r.imported().stream().map(ScanImport.Imported::frame).toList());
        assertTrue(r.imported().stream().allMatch(i -> i.pairedBy().equals("order")));
    }

    @Test
    void badFilesAreReportedOneByOneAndTheRestImportFromAZip() throws Exception {
        Path lab = deliver(LabQuirks.NONE);
        Path zip = dir.resolve("scans.zip");
        byte[] tiff = Files.readAllBytes(lab.resolve("R1_F01.tif"));
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            try (Stream<Path> s = Files.list(lab)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".tif")).toList()) {
                    z.putNextEntry(new ZipEntry("roll/" + f.getFileName()));
                    z.write(Files.readAllBytes(f));
                }
            }
            z.putNextEntry(new ZipEntry("roll/R1_F07.tif"));
            z.write("this is not a TIFF at all".getBytes());
            z.putNextEntry(new ZipEntry("roll/R1_F08.tif"));
            z.write(tiff, 0, tiff.length / 3);
            z.putNextEntry(new ZipEntry("roll/notes.txt"));
            z.write("scanned on a Frontier".getBytes());
        }
        ScanImport.Report r = w.scans().importScans(roll.id(), zip);
        assertEquals(4, r.imported().size(), r.toString());
        assertEquals(List.of("R1_F07.tif", "R1_F08.tif", "notes.txt"), r.bad().stream().map(ScanImport.BadFile::file).toList());
        assertTrue(r.bad().stream().allMatch(b -> !b.error().isBlank()));
        assertTrue(r.conflicts().isEmpty(), r.conflicts().toString());
        try (Stream<Path> s = Files.list(w.dataDir().resolve("scans").resolve("R1"))) {
            assertEquals(4, s.count(), "bad files leave nothing behind");
        }
    }

    @Test
    void badSourcesAreRefusedNamingThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> w.scans().importScans(roll.id(), dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"));
        assertThrows(IllegalArgumentException.class, () -> w.scans().importScans(999, dir));
    }

    @Test
    void fileNameNumbers() {
        assertEquals(7, Pairing.number("R0001_F07.tif").getAsInt());
        assertEquals(7, Pairing.number("R0001_F07_2-0123456789ab.tif").getAsInt());
        assertEquals(12, Pairing.number("scan 012.jpg").getAsInt());
        assertTrue(Pairing.number("scan.jpg").isEmpty());
    }

    /** Issue 16 (2): a file symlink in the lab inbox was imported from wherever it pointed. */
    @Test
    void aLinkInTheDeliveryLeadingOutsideItIsNotRead() throws Exception {
        Path lab = deliver(LabQuirks.NONE);
        Path secret = Files.copy(lab.resolve("R1_F01.tif"), dir.resolve("outside.tif"));
        Files.createSymbolicLink(lab.resolve("R1_F09.tif"), secret);
        ScanImport.Report r = w.scans().importScans(roll.id(), lab);
        assertEquals(4, r.imported().size(), r.toString());
        assertEquals(List.of("R1_F09.tif"), r.bad().stream().map(ScanImport.BadFile::file).toList());
        assertTrue(r.bad().get(0).error().contains("outside"), r.bad().toString());
    }

    /** Issue 16 (2, 3): zip-slip names, garbage bodies and zip bombs are bad input, and nothing lands outside. */
    @Test
    void zipSlipGarbageAndBombsAreRefusedBeforeAnythingEscapes() throws Exception {
        Path slip = dir.resolve("slip.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(slip))) {
            z.putNextEntry(new ZipEntry("../../../escaped.tif"));
            z.write("x".getBytes());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> w.scans().importScans(roll.id(), slip));
        assertTrue(e.getMessage().contains("not a plain relative path"), e.getMessage());
        try (Stream<Path> s = Files.walk(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().equals("escaped.tif")), "nothing written for the entry");
        }
        Path garbage = Files.write(dir.resolve("garbage.zip"), "PK\3\4 this is not really a zip at all".getBytes());
        e = assertThrows(IllegalArgumentException.class, () -> w.scans().importScans(roll.id(), garbage));
        assertTrue(e.getMessage().contains("garbage.zip"), e.getMessage());
        Path empty = Files.write(dir.resolve("empty.zip"), new byte[] {1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> w.scans().importScans(roll.id(), empty));
        Path bomb = dir.resolve("bomb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bomb))) {
            z.putNextEntry(new ZipEntry("R1_F01.tif"));
            z.write(new byte[4 << 20]); // 4 MiB of zeros: a few KB zipped
        }
        ScanImport small = new ScanImport(store, w.dataDir(), new emu.station.pairing.Pairing(store), 1 << 20,
                new emu.station.files.DiskSpace(w.dataDir(), 0));
        e = assertThrows(IllegalArgumentException.class, () -> small.importScans(roll.id(), bomb));
        assertTrue(e.getMessage().contains("unpacks to more than"), e.getMessage());
        try (Stream<Path> s = Files.list(w.dataDir())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".unzip-")), "staging removed");
        }
    }
}
