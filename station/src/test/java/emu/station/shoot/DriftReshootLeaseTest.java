package emu.station.shoot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.QuietBench;
import emu.station.Workflows;
import emu.station.config.StationConfig;
import emu.station.errors.ConflictException;
import emu.station.store.CaptureRepository.Capture;
import emu.station.store.PgCluster;
import emu.station.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-shoot of drifted steps on a catalogue shared by several benches (PostgreSQL, {@link PgCluster}):
 * while another bench holds the set's lease the request is refused (409) and every capture it had
 * superseded is good again; once the lease is released the re-shoot runs.
 */
@Timeout(300)
class DriftReshootLeaseTest {
    @TempDir Path dir;

    @Test
    void aReShootRefusedByAnotherBenchsLeaseLeavesTheCapturesAsTheyWere() throws Exception {
        StationConfig config = StationConfig.load(QuietBench.config(dir, "[drift]", "every_steps = 2", "threshold_percent = 2.0",
                "[sim.lamp]", "red_percent_per_step = -0.5", "green_percent_per_step = -0.3", "blue_percent_per_step = -0.15"));
        Files.createDirectories(config.station().dataDir());
        try (Store store = PgCluster.openStore(); Workflows w = Workflows.open(config, store, (e, x) -> { })) {
            long set = w.createSet("s", "portrait-160", null, List.of("D65", "A"), List.of(-1.0, 0.0, 1.0)).id();
            assertEquals(6, w.shoot().run(set, false).captured());
            List<DriftReshoot.Drifted> drifted = w.driftReshoot().drifted(set);
            assertTrue(drifted.size() >= 2, drifted.toString());

            try (SetLease other = SetLease.take(store, set, "the-other-bench")) {
                ConflictException e = assertThrows(ConflictException.class, () -> w.driftReshoot().request(set));
                assertTrue(e.getMessage().contains("the-other-bench"), e.getMessage());
                assertTrue(store.captures().bySet(set).stream().noneMatch(Capture::bad), "the superseded captures are good again");
                assertEquals(ShootRunner.State.IDLE, w.shoot().status().state());
            }
            assertEquals(drifted.size(), w.driftReshoot().request(set).size());
            w.shoot().awaitIdle();
            List<Capture> after = store.captures().bySet(set);
            assertEquals(6 + drifted.size(), after.size(), after.toString());
            assertEquals(drifted.size(), after.stream().filter(Capture::bad).count(), after.toString());
            assertFalse(after.stream().filter(Capture::bad).anyMatch(c -> !c.badReason().startsWith(DriftReshoot.SUPERSEDED)));
        }
    }
}
