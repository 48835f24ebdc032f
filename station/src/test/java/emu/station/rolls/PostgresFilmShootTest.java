package emu.station.rolls;

import emu.station.config.StationConfig;
import emu.station.store.PgCluster;
import emu.station.store.Store;

/** {@link FilmShootTest} with the catalogue on PostgreSQL (a database of the test cluster, {@link PgCluster}). */
class PostgresFilmShootTest extends FilmShootTest {
    @Override
    Store openStore(StationConfig config) throws java.io.IOException {
        // SQLite's file made the data directory; with the catalogue elsewhere the daemon's lock does (not used here).
        java.nio.file.Files.createDirectories(config.station().dataDir());
        return PgCluster.openStore();
    }
}
