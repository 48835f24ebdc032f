package emu.station.shoot;

import emu.station.config.StationConfig;
import emu.station.store.PgCluster;
import emu.station.store.Store;

/** {@link ShootRunnerTest} with the catalogue on PostgreSQL (a database of the test cluster, {@link PgCluster}). */
class PostgresShootRunnerTest extends ShootRunnerTest {
    @Override
    Store openStore(StationConfig config) {
        return PgCluster.openStore();
    }
}
