package emu.station.store;

/**
 * Every repository test of {@link RepositoriesTest}, on a real PostgreSQL 15 server (a throwaway
 * cluster, {@link PgCluster}): the same SQL must behave the same on both engines.
 */
class PostgresRepositoriesTest extends RepositoriesTest {
    @Override
    Store openStore() {
        return PgCluster.openStore();
    }
}
