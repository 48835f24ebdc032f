package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCommandTest {


    @Test
    void stocksListsTheRegistry() {
        CliRun r = CliRun.of("sim", "stocks");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("portrait-160") && r.out().contains("cine-500t"), r.out());
    }

    @Test
    void pairsWritesTrainAndHeldoutFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("pairs.csv");
        CliRun r = CliRun.of("sim", "pairs", "--stock", "cine-250d", "--out", out.toString(), "--seed", "3",
                "--illuminants", "D65,A", "--heldout-illuminants", "3200K", "--evs", "-1,0,1", "--heldout-evs", "0.5");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("training pairs"), r.out());
        List<String> train = Files.readAllLines(out);
        List<String> held = Files.readAllLines(dir.resolve("pairs-heldout.csv"));
        assertTrue(train.get(0).startsWith("frame,roll,illuminant,ev,patch,digital_r,digital_g,digital_b,film_r,film_g,film_b"));
        // clipped readings are left out: at most the bright patches at EV +1
        assertTrue(train.size() > 1 + 2 * 3 * (24 + 152) - 2 * 60 && train.size() <= 1 + 2 * 3 * (24 + 152), "" + train.size());
        assertTrue(held.size() > 1 + 3 * 4 * 214 - 2 * 3 * (24 + 152) - 200, "" + held.size());
        assertTrue(r.out().contains("clipped"), r.out());
    }

    @Test
    void rollShootsOnTheBenchAndTheLabDeliversWithQuirks(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("sim", "roll", "--stock", "consumer-200", "--out", dir.toString(), "--illuminants", "D65",
                "--evs", "-1,0,1", "--offset", "2", "--twice", "3", "--skip", "1", "--slate");
        assertEquals(0, r.exit(), r.err());
        List<String> files;
        try (var s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("R0001_F04.jpg", "R0001_F04.tif", "R0001_F05.jpg", "R0001_F05.tif", "R0001_F05_2.jpg",
                "R0001_F05_2.tif", "roll-log.csv"), files);
        assertEquals(List.of("frame,step,illuminant,ev", "1,D65@-1.0,D65,-1.0", "2,D65@0.0,D65,0.0", "3,D65@1.0,D65,1.0"),
                Files.readAllLines(dir.resolve("roll-log.csv")));
        assertEquals(2, CliRun.of("sim", "roll", "--stock", "consumer-200", "--out", dir.resolve("x").toString(),
                "--illuminants", "D65,Q7").exit());
    }

    @Test
    void badStockOrIlluminantExitsTwoNamingIt(@TempDir Path dir) {
        CliRun r = CliRun.of("sim", "pairs", "--stock", "velvia", "--out", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("velvia") && r.err().contains("portrait-160"), r.err());
        CliRun r2 = CliRun.of("sim", "pairs", "--stock", "cine-250d", "--out", dir.toString(), "--illuminants", "D65,XYZ");
        assertEquals(2, r2.exit());
        assertTrue(r2.err().contains("XYZ"), r2.err());
        assertEquals(2, CliRun.of("sim", "pairs", "--out", dir.toString()).exit());
    }
}
