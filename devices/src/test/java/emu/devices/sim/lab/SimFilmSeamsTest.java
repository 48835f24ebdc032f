package emu.devices.sim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.film.FilmBody;
import emu.devices.film.FilmExposure;
import emu.devices.film.LabQuirks;
import emu.devices.film.LoadedRoll;
import emu.devices.film.ScanFile;
import emu.devices.rig.line.LineRig;
import emu.devices.sim.bench.VirtualBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The virtual bench's film camera and lab behind the {@code emu.devices.film} seams: the body
 * records what reached each frame (the rig driven through its simulated firmware), keeps nothing
 * itself, and the lab develops the recorded roll in a fresh instance as a restarted station would.
 */
class SimFilmSeamsTest {
    @TempDir
    Path dir;

    @Test
    void framesRecordedByTheBodyAreDevelopedByAFreshLab() throws Exception {
        VirtualBench bench = new VirtualBench(Duration.ofMillis(20));
        FilmBody body = new SimFilmCamera(bench);
        assertTrue(body.stocks().contains("portrait-160"));
        LoadedRoll roll = new LoadedRoll("portrait-160", "R0007", 3, false);
        List<FilmExposure> shot = new ArrayList<>();
        try (LineRig rig = bench.connectRig("sim-seam", LineRig.Options.defaults(), List.of("D65", "A"))) {
            rig.setOn(true);
            for (String light : List.of("D65", "A")) {
                rig.setPreset(light);
                rig.awaitSettled(Duration.ofSeconds(5));
                FilmExposure e = body.expose(roll, shot, light + "-0", 0);
                assertEquals(shot.size() + 1, e.frame());
                assertEquals(light, e.light());
                double[] recorded = e.spectrum();
                for (int i = 0; i < recorded.length; i++) {
                    // what the rig emits now; a settled lamp still drifts by well under 1%
                    double emitted = bench.light().emitted().at(i);
                    assertEquals(emitted, recorded[i], 0.01 * emitted, "the spectrum that reached the film, sample " + i);
                }
                shot.add(e);
            }
        }
        List<ScanFile> scans = new SimFilmLab().develop(roll, shot, LabQuirks.NONE, dir.resolve("delivery"), line -> { });
        assertEquals(List.of(1, 2), scans.stream().map(ScanFile::frame).toList());
        for (ScanFile s : scans) {
            assertTrue(Files.size(s.tiff()) > 0 && Files.size(s.jpeg()) > 0, s.toString());
        }
    }

    @Test
    void aFullRollAndAStockTheBodyCannotLoadAreRefused() {
        FilmBody body = new SimFilmCamera(new VirtualBench(Duration.ZERO));
        LoadedRoll one = new LoadedRoll("portrait-160", "R0008", 1, false);
        FilmExposure first = body.expose(one, List.of(), "s1", 0);
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> body.expose(one, List.of(first), "s2", 0));
        assertTrue(full.getMessage().contains("full"), full.getMessage());
        IllegalArgumentException stock = assertThrows(IllegalArgumentException.class,
                () -> body.expose(new LoadedRoll("no-such-film", "R0009", 36, false), List.of(), "s1", 0));
        assertTrue(stock.getMessage().contains("no-such-film"), stock.getMessage());
    }
}
