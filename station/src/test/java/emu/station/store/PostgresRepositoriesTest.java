package emu.station.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every repository test of {@link RepositoriesTest}, on a real PostgreSQL 15 server (a throwaway
 * cluster, {@link PgCluster}): the same SQL must behave the same on both engines. Plus what only a
 * server has: a connection that dies.
 */
class PostgresRepositoriesTest extends RepositoriesTest {
    /** The cluster starts before the tests, so their times (bench/store-engines.sh) hold no initdb. */
    @BeforeAll
    static void cluster() {
        PgCluster.get().migratedDatabase(); // the migrated template too, made once
    }

    @Override
    Store openStore() {
        return PgCluster.openStore();
    }

    /** The server ends our session (a restart, a cut network): one call fails, the next reconnects. */
    @Test
    void aLostConnectionFailsOneCallAndTheNextWorks() {
        store.stocks().create("Portra 400", "135", 400);
        String url = store.where();
        PgCluster.get().admin(url.substring(url.lastIndexOf('/') + 1), "SELECT pg_terminate_backend(pid) "
                + "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        assertThrows(StoreException.class, () -> store.stocks().all());
        assertEquals(1, store.stocks().all().size());
    }
}
