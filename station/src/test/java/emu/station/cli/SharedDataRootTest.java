package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.config.StationConfig;
import emu.station.daemon.DataDirLock;
import emu.station.daemon.Daemon;
import emu.station.daemon.DataRootCheck;
import emu.station.files.DataRoot;
import emu.station.store.PgCluster;
import emu.station.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's start-up check on a real PostgreSQL catalogue: the first station records its data
 * root (the marker file's id); a bench ({@code station run}) or worker ({@code station worker}) whose
 * data_dir lacks the marker, or holds another root's, exits 2 naming the catalogue, the expected
 * root (where and on which bench it was first seen) and what it found, and writes nothing there.
 * And on SQLite nothing changes: the lock at the data directory's top, no marker, no benches/.
 */
@Timeout(120)
class SharedDataRootTest {
    @TempDir Path dir;

    private Path config(String name, String bench, Path dataDir, String url) throws Exception {
        return Files.writeString(dir.resolve(name + ".toml"), String.join("\n", "[station]", "data_dir = \"" + dataDir + "\"",
                "bench_name = \"" + bench + "\"", "[http]", "port = 0", "[training]", "schedule = \"\"",
                "train_when_complete = false", "[store]", "url = \"" + url + "\"", ""));
    }

    @Test
    void aStationThatCannotSeeTheCataloguesDataRootExitsTwoNamingBoth() throws Exception {
        String url = PgCluster.get().newDatabase().replace("jdbc:postgresql://", "postgresql://" + PgCluster.user() + "@");
        Path root = Files.createDirectories(dir.resolve("shared-root"));
        StationConfig first = StationConfig.load(config("a", "bench-a", root, url));
        String id;
        try (Store store = Daemon.openStore(first)) {
            DataRootCheck.verify(first, store); // what the first bench's start does
            id = store.dataRoot().get().orElseThrow().id();
            DataRootCheck.verify(first, store); // and every later start on the same root passes
        }
        assertEquals(id + "\n", Files.readString(root.resolve(DataRoot.MARKER)));
        String display = url.replaceFirst("^postgresql://[^@]*@", "postgresql://" + PgCluster.user() + "@");

        // A bench whose data_dir is an empty folder (the share not mounted there): refused, nothing written.
        Path unmounted = Files.createDirectories(dir.resolve("mnt-empty"));
        CliRun run = CliRun.of("run", "--config", config("b", "bench-b", unmounted, url).toString());
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("catalogue " + display + " expects data root " + id + " (first seen at " + root
                + " on bench bench-a"), run::err);
        assertTrue(run.err().contains(unmounted + " has none (no " + DataRoot.MARKER + ")"), run::err);
        try (Stream<Path> left = Files.list(unmounted)) {
            assertEquals(List.of(), left.toList(), "nothing written into a root the catalogue does not know");
        }

        // A worker whose data_dir is another catalogue's root: refused, naming both ids.
        Path other = Files.createDirectories(dir.resolve("other-root"));
        String otherId = new DataRoot(other, "x", true).markOnce();
        CliRun worker = CliRun.of("worker", "--config", config("w", "worker-1", other, url).toString());
        assertEquals(2, worker.exit(), worker::toString);
        assertTrue(worker.err().contains("expects data root " + id), worker::err);
        assertTrue(worker.err().contains(other + " has data root " + otherId), worker::err);
    }

    @Test
    void twoStationsMarkingOneNewRootAtOnceAgreeOnOneId() throws Exception {
        Path root = Files.createDirectories(dir.resolve("new-root"));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(pool.submit(() -> new DataRoot(root, "b", true).markOnce()));
            }
            String id = ids.get(0).get();
            for (var f : ids) {
                assertEquals(id, f.get());
            }
        } finally {
            pool.shutdown();
        }
        try (Stream<Path> files = Files.list(root)) {
            assertEquals(List.of(root.resolve(DataRoot.MARKER)), files.toList(), "no temporary marker left");
        }
    }

    @Test
    void onSqliteTheDataDirectoryIsLaidOutAsBefore() throws Exception {
        Path data = dir.resolve("data");
        Path cfg = Files.writeString(dir.resolve("sqlite.toml"), "[station]\ndata_dir = \"data\"\nbench_name = \"bench-a\"\n"
                + "[http]\nport = 0\n[training]\nschedule = \"\"\n");
        Daemon d = Daemon.start(StationConfig.load(cfg), List.of(), false);
        try {
            assertTrue(Files.isRegularFile(data.resolve(DataDirLock.FILE_NAME)), "the lock where it always was");
            assertTrue(Files.isRegularFile(data.resolve(Store.FILE_NAME)));
            assertFalse(Files.exists(data.resolve(DataRoot.MARKER)), "no marker: the catalogue lives in the folder");
            assertFalse(Files.exists(data.resolve("benches")));
        } finally {
            d.stop();
        }
    }
}
