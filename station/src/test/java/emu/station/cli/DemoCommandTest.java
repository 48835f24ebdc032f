package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.lut.CubeFile;
import emu.station.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop end to end on the virtual bench, through {@code station demo} with a small plan
 * and the cheap fitters: set, digital shoot, film roll, lab with a numbering offset, import,
 * pairing, training, exports; then the data directory is checked, not just the output.
 */
@Timeout(900)
class DemoCommandTest {
    @TempDir Path dir;

    @Test
    void theDemoRunsTheWholeLoopAndLeavesCubesAndAFitReport() throws Exception {
        Path out = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "--out", out.toString(), "--illuminants", "D65,A", "--evs", "-1,0,1");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("conflict (offset)"), "the lab's offset is surfaced: " + r.out());
        assertTrue(r.out().contains("open conflicts: none"), r.out());
        assertTrue(r.out().contains("control strip C-41 lot SIM-0001: "), "the lab's control strip is judged: " + r.out());
        Path data = out.resolve("data");
        Path model = data.resolve("models/set-1/v1");
        assertTrue(Files.isRegularFile(model.resolve("report.txt")), r.out());
        assertTrue(Files.isRegularFile(model.resolve("model.json")));
        List<Path> cubes;
        try (Stream<Path> s = Files.list(data.resolve("exports/set-1/v1"))) {
            cubes = s.filter(p -> p.toString().endsWith(".cube")).toList();
        }
        assertEquals(4, cubes.size(), "2 illuminants x 2 encodings: " + cubes);
        for (Path c : cubes) {
            assertTrue(r.out().contains(c.toString()), "the report names " + c);
            assertEquals(33, CubeFile.read(c).lut().cube().size());
        }
        try (Store store = Store.open(data.resolve(Store.FILE_NAME))) {
            assertEquals(6, store.captures().bySet(1).size());
            assertEquals(6, store.readings().stepsPaired(1));
            assertEquals("COMPLETE", store.sets().byId(1).orElseThrow().status().name());
            assertEquals(1, store.training().models(1).size());
            assertEquals(4, store.training().exports(store.training().models(1).get(0).id()).size());
        }
        CliRun again = CliRun.of("demo", "--out", out.toString());
        assertEquals(2, again.exit(), "an earlier demo is never overwritten");
        assertTrue(again.err().contains("holds an earlier demo"), again.err());
    }

    @Test
    void aPlanLargerThanOneRollIsBadUsage() {
        CliRun r = CliRun.of("demo", "--out", dir.resolve("x").toString(), "--evs", "-3,-2,-1,0,1,2,3,4,5,6,7,8,9");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("1..36 steps"), r.err());
    }
}
