package emu.calibration.pairs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairsCsvTest {

    static final String HEADER = "frame,roll,illuminant,ev,patch,digital_r,digital_g,digital_b,film_r,film_g,film_b";

    @Test
    void roundTripsThroughAFileWithExtraColumnsAndAnyOrder(@TempDir Path dir) throws IOException {
        String csv = "note,patch,illuminant,ev,frame,roll,digital_r,digital_g,digital_b,film_r,film_g,film_b\n"
                + "x,A1,D65,0,f1,r1,0.18,0.18,0.18,0.46,0.46,0.46\n"
                + "\n"
                + "y,\"B,2\",A,-1.5,f2,r1,-0.01,0.5,2.5,0,0.9,1\n";
        PairSet set = PairsCsv.read(new StringReader(csv), "t.csv");
        assertEquals(2, set.size());
        assertEquals("B,2", set.get(1).patch());
        assertEquals(-1.5, set.get(1).ev());
        assertEquals(2.5, set.get(1).digitalB());
        Path f = dir.resolve("pairs.csv");
        PairsCsv.write(f, set);
        PairSet back = PairsCsv.read(f);
        assertEquals(set.asList(), back.asList());
        assertTrue(Files.readString(f).startsWith(HEADER + "\n"));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
    }

    @Test
    void listsEveryProblemWithItsLine() {
        String csv = HEADER + "\n"
                + "f,r,D65,0,A1,0.1,0.1,0.1,0.5,0.5,0.5\n"
                + "f,r,D65,zero,A2,0.1,0.1,0.1,0.5,0.5,0.5\n"
                + "f,r,D65,0,A3,NaN,0.1,0.1,0.5,1.2,0.5\n"
                + "f,r,D65,0,A4,0.1,Infinity,0.1,0.5,0.5,-0.1\n"
                + "f,r,D65,0\n"
                + "f,r,,0,A6,0.1,0.1,0.1,0.5,0.5,0.5\n";
        PairsFormatException e = assertThrows(PairsFormatException.class,
                () -> PairsCsv.read(new StringReader(csv), "bad.csv"));
        List<String> p = e.problems();
        assertEquals(List.of(
                "line 3: ev = 'zero' is not a number",
                "line 4: digital_r = NaN is not finite",
                "line 4: film_g = 1.2 is outside 0..1",
                "line 5: digital_g = Infinity is not finite",
                "line 5: film_b = -0.1 is outside 0..1",
                "line 6: 4 fields, expected at least 11",
                "line 7: illuminant is empty"), p);
        assertTrue(e.getMessage().startsWith("bad.csv: 7 problems"), e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }

    /** Issue 16 (9): a file cut mid-number still parses ("0.4" of "0.46"); the missing line end gives it away. */
    @Test
    void aFileCutShortWithoutItsFinalLineEndIsRefusedWithTheLine() throws IOException {
        String whole = HEADER + "\n" + "f,r,D65,0,A1,0.1,0.1,0.1,0.5,0.5,0.5\n" + "f,r,D65,0,A2,0.1,0.1,0.1,0.46,0.5,0.5\n";
        assertEquals(2, PairsCsv.read(new StringReader(whole), "w.csv").size());
        assertEquals(2, PairsCsv.read(new StringReader(whole.replace("\n", "\r\n")), "w.csv").size());
        String cut = whole.substring(0, whole.length() - 10);
        PairsFormatException e = assertThrows(PairsFormatException.class, () -> PairsCsv.read(new StringReader(cut), "cut.csv"));
        assertEquals(List.of("line 3: no line end after the last row (file cut short?)"), e.problems());
        String big = HEADER + "\n" + "f,r,D65,0,A1,0.1,0.1,0.1,0.5,0.5,0.5\n".repeat(5000);
        assertEquals(5000, PairsCsv.read(new StringReader(big), "big.csv").size());
        PairsFormatException e2 = assertThrows(PairsFormatException.class,
                () -> PairsCsv.read(new StringReader(big.substring(0, big.length() - 3)), "bigcut.csv"));
        assertEquals(List.of("line 5001: no line end after the last row (file cut short?)"), e2.problems());
    }

    @Test
    void missingColumnsAreNamed() {
        PairsFormatException e = assertThrows(PairsFormatException.class, () -> PairsCsv.read(
                new StringReader("frame,roll,illuminant,ev,patch,digital_r,digital_g,film_r,film_g\n"), "h.csv"));
        assertTrue(e.getMessage().contains("line 1: missing columns digital_b, film_b"), e.getMessage());
        assertThrows(PairsFormatException.class, () -> PairsCsv.read(new StringReader(""), "e.csv"));
        assertThrows(PairsFormatException.class, () -> PairsCsv.read(new StringReader(HEADER + "\n"), "e.csv"));
    }

    @Test
    void filtersAndGroupings() throws IOException {
        String csv = HEADER + "\n"
                + "f1,r1,D65,0,A1,0.1,0.1,0.1,0.5,0.5,0.5\n"
                + "f1,r1,D65,0,A2,0.1,16,0.1,0.5,0.5,0.5\n"
                + "f2,r1,A,1,A1,0.1,0.1,0.1,1.0,0.5,0.5\n"
                + "f3,r2,A,1,A2,0.1,0.1,0.1,0.5,0.0005,0.5\n";
        PairSet set = PairsCsv.read(new StringReader(csv), "g.csv");
        assertEquals(3, set.withoutClippedDigital(16).size());
        assertEquals(2, set.withoutStuckFilm(0.001).size());
        assertEquals(List.of("A1", "A2"), List.copyOf(set.byPatch().keySet()));
        assertEquals(2, set.byPatch().get("A1").size());
        assertEquals(List.of("D65", "A"), set.illuminants());
        assertEquals(3, set.byFrame().size());
        assertEquals(2, set.byRoll().size());
        assertEquals(2, set.byEv().get(1.0).size());
        assertEquals(0.1, set.digital()[3]);
        assertEquals(0.0005, set.film()[10]);
    }

    @Test
    void anExtraColumnIsWrittenPerPairAndIgnoredOnReading(@TempDir Path dir) throws IOException {
        PairSet set = new PairSet(List.of(new Pair("1", "r", "D65", 0, "cc24-01", 0.1, 0.1, 0.1, 0.2, 0.2, 0.2),
                new Pair("2", "r", "A", 1, "cc24-02", 0.3, 0.3, 0.3, 0.4, 0.4, 0.4)));
        Path f = dir.resolve("pairs.csv");
        PairsCsv.write(f, set, "digital_source", List.of("linear", "srgb-decoded"));
        List<String> lines = Files.readAllLines(f);
        assertEquals(HEADER + ",digital_source", lines.get(0));
        assertTrue(lines.get(2).endsWith(",srgb-decoded"), lines.get(2));
        assertEquals(set.asList(), PairsCsv.read(f).asList());
        assertThrows(IllegalArgumentException.class, () -> PairsCsv.toCsv(set, "x", List.of("one")));
    }
}
