package emu.station.rolls;

import emu.station.config.StationConfig;
import emu.station.store.PgCluster;
import emu.station.store.Store;

/** {@link FilmShootTest} with the catalogue on PostgreSQL (a database of the test cluster, {@link PgCluster}). */
class PostgresFilmShootTest extends FilmShootTest {
    @Override
    Store openStore(StationConfig config) {
        return PgCluster.openStore();
    }
}
