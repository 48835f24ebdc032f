package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.store.AccountRepository;
import emu.station.store.PgCluster;
import emu.station.store.ReadingRepository;
import emu.station.store.Store;
import emu.station.training.SyntheticSets;
import emu.station.training.Trainer;
import emu.station.config.StationConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code station migrate-store --to URL} on a real bench catalogue (sets with read captures and
 * scans, a trained model with its exports, a user and a session, jobs, chart corners) into a fresh
 * PostgreSQL database of the test cluster: every table's count and hash match, the copy serves the
 * same pairs and models, new rows get ids after the copied ones, and a second run into the now
 * non-empty database is refused with exit 2, leaving it as it was.
 */
@Timeout(180)
class MigrateStoreTest {
    @TempDir Path dir;

    @Test
    void aBenchCatalogueMovesToPostgresqlRowForRow() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"", "[training]", "schedule = \"\"",
                "candidates = [\"matrix\"]", "folds = 3", "[exports]", "formats = [\"cube\"]", "encodings = [\"srgb\"]",
                "sizes = [9]", ""));
        StationConfig config = StationConfig.load(cfg);
        Path data = config.station().dataDir();
        long set;
        List<ReadingRepository.PairRow> pairs;
        try (Store sqlite = Store.open(data.resolve(Store.FILE_NAME))) {
            set = SyntheticSets.withPairs(sqlite, "portra");
            SyntheticSets.withPairs(sqlite, "ektar");
            new Trainer(sqlite, data.toAbsolutePath(), config.training(), config.exports()).train(set, null, List.of(), l -> { });
            long user = sqlite.accounts().createUser("ana", "hash", AccountRepository.Role.OPERATOR).id();
            sqlite.accounts().createSession("token-hash", user, Instant.now().plusSeconds(3600));
            sqlite.jobs().enqueue("train", "{\"set\":" + set + "}");
            sqlite.readings().setCorners(set, ReadingRepository.Source.CAPTURE, "[[0,0],[1,0],[1,1],[0,1]]");
            pairs = sqlite.readings().pairs(set);
        }
        String jdbc = PgCluster.get().newDatabase();
        String url = jdbc.replace("jdbc:postgresql://", "postgresql://" + PgCluster.user() + "@");

        CliRun r = CliRun.of("migrate-store", "--config", cfg.toString(), "--to", url);
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("every count and hash matches"), r::out);
        assertTrue(r.out().matches("(?s).*patch_readings\\s+\\d+ rows.*"), r::out);

        try (Store pg = Store.openPostgres(jdbc, PgCluster.user(), null)) {
            assertEquals(pairs, pg.readings().pairs(set), "the same pairs, the training data");
            assertEquals(1, pg.training().models(set).size());
            assertFalse(pg.training().exports(pg.training().models(set).get(0).id()).isEmpty(), "export rows and file refs");
            assertEquals("ana", pg.accounts().sessionUser("token-hash", Instant.now()).orElseThrow().name());
            long maxStock = pg.stocks().all().stream().mapToLong(s -> s.id()).max().orElseThrow();
            assertTrue(pg.stocks().create("new", "135", 100).id() > maxStock, "ids go on after the copied rows");
        }
        CliRun again = CliRun.of("migrate-store", "--config", cfg.toString(), "--to", url);
        assertEquals(2, again.exit(), again::toString);
        assertTrue(again.err().contains("is not empty"), again::err);
        assertEquals(2, CliRun.of("migrate-store", "--config", cfg.toString(), "--to", "mysql://x/y").exit());
    }
}
