package emu.station.scans;

import emu.station.config.StationConfig;
import emu.station.store.PgCluster;
import emu.station.store.Store;

/** {@link ScanImportTest} with the catalogue on PostgreSQL (a database of the test cluster, {@link PgCluster}). */
class PostgresScanImportTest extends ScanImportTest {
    @Override
    Store openStore(StationConfig config) {
        return PgCluster.openStore();
    }
}
