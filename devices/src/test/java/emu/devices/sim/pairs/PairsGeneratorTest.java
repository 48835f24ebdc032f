package emu.devices.sim.pairs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairsGeneratorTest {
    private static final PairsSpec SMALL = PairsSpec.defaults("portrait-160", 42)
            .withIlluminants(List.of("D65", "A"), List.of("FL11"))
            .withEvs(List.of(-1.0, 0.0, 2.0), List.of(0.5));

    @Test
    void sameSeedSamePairsOtherSeedOtherPairs() {
        List<GeneratedPair> a = PairsGenerator.generate(SMALL);
        List<GeneratedPair> b = PairsGenerator.generate(SMALL);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).digital(), b.get(i).digital(), 0);
            assertArrayEquals(a.get(i).film(), b.get(i).film(), 0);
        }
        PairsSpec other = new PairsSpec(SMALL.stock(), 43, SMALL.illuminants(), SMALL.heldoutIlluminants(), SMALL.evs(),
                SMALL.heldoutEvs(), 5, 400, 36);
        assertNotEquals(a.get(0).film()[0], PairsGenerator.generate(other).get(0).film()[0]);
    }

    @Test
    void everyFrameCarriesBothChartsAndSplitsAreDisjoint() {
        List<GeneratedPair> pairs = PairsGenerator.generate(SMALL);
        assertEquals(3 * 4 * (24 + 190), pairs.size());
        Set<String> trainPatches = pairs.stream().filter(GeneratedPair::isTraining).map(GeneratedPair::patch).collect(Collectors.toSet());
        Set<String> heldPatches = pairs.stream().filter(p -> p.heldout().equals("patch")).map(GeneratedPair::patch).collect(Collectors.toSet());
        assertEquals(38, heldPatches.size());
        assertTrue(heldPatches.stream().noneMatch(trainPatches::contains));
        assertTrue(pairs.stream().filter(GeneratedPair::isTraining).noneMatch(p -> p.illuminant().equals("FL11") || p.ev() == 0.5));
        assertTrue(pairs.stream().filter(p -> p.illuminant().equals("FL11")).allMatch(p -> p.heldout().contains("illuminant")));
        assertTrue(pairs.stream().filter(p -> p.ev() == 0.5).allMatch(p -> p.heldout().contains("ev")));
    }

    @Test
    void framesAreNumberedWithinRollsAndRollsVary() {
        PairsSpec shortRolls = new PairsSpec(SMALL.stock(), 42, SMALL.illuminants(), SMALL.heldoutIlluminants(), SMALL.evs(),
                SMALL.heldoutEvs(), 5, 400, 5);
        List<GeneratedPair> pairs = PairsGenerator.generate(shortRolls);
        assertEquals(Set.of("R0001", "R0002", "R0003"), pairs.stream().map(GeneratedPair::roll).collect(Collectors.toSet()));
        assertEquals(5, pairs.stream().filter(p -> p.roll().equals("R0001")).mapToInt(GeneratedPair::frame).max().orElseThrow());
        assertEquals(1, pairs.stream().filter(p -> p.roll().equals("R0002")).mapToInt(GeneratedPair::frame).min().orElseThrow());
    }

    @Test
    void writesTheContractToTrainAndHeldoutFilesWithoutClippedReadings(@TempDir Path dir) throws Exception {
        List<GeneratedPair> pairs = PairsGenerator.generate(SMALL);
        List<Path> written = PairsGenerator.write(pairs, dir.resolve("out"));
        assertEquals(dir.resolve("out/train.csv"), written.get(0));
        List<String> train = Files.readAllLines(written.get(0));
        List<String> held = Files.readAllLines(written.get(1));
        String contract = "frame,roll,illuminant,ev,patch,digital_r,digital_g,digital_b,film_r,film_g,film_b";
        assertEquals(contract, train.get(0));
        assertEquals(contract, held.get(0));
        long clipped = pairs.stream().filter(GeneratedPair::digitalClipped).count();
        assertTrue(clipped > 0, "EV +2 whites clip");
        assertEquals(pairs.size() - clipped + 2, train.size() + held.size());
        String[] row = train.get(1).split(",", -1);
        assertEquals(11, row.length);
        assertEquals("1", row[0]);
        assertEquals("R0001", row[1]);
        assertEquals("D65", row[2]);
        assertEquals(-1.0, Double.parseDouble(row[3]));
        assertEquals("cc24-01", row[4]);
        // the calibration module reads back what we wrote
        assertEquals(train.size() - 1, emu.calibration.pairs.PairsCsv.read(written.get(0)).size());

        List<Path> asFile = PairsGenerator.write(pairs, dir.resolve("p.csv"));
        assertEquals(dir.resolve("p-heldout.csv"), asFile.get(1));
        assertTrue(Files.exists(asFile.get(1)));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void badSpecsAreRejectedByName() {
        assertThrows(IllegalArgumentException.class, () -> PairsSpec.defaults("nope", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SMALL.withIlluminants(List.of("D65"), List.of("D65")));
        assertTrue(e.getMessage().contains("D65"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SMALL.withIlluminants(List.of("LED-X9"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withEvs(List.of(0.0), List.of(0.0)));
    }
}
