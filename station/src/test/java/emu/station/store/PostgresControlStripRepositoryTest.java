package emu.station.store;

/** {@link ControlStripRepositoryTest} on PostgreSQL (a database of the test cluster, {@link PgCluster}): V12 as PostgreSQL runs it. */
class PostgresControlStripRepositoryTest extends ControlStripRepositoryTest {
    @Override
    Store open() {
        return PgCluster.openStore();
    }
}
