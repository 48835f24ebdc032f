package emu.station.metrics;

import emu.station.store.PgCluster;
import java.util.List;

/**
 * {@link MetricsEndpointTest} with the daemon's catalogue on PostgreSQL ({@code [store] url} to a
 * fresh database of the test cluster): the daemon starts, shoots, queues and scrapes its counts
 * (aggregates, job durations from text timestamps) the same on both engines.
 */
class PostgresMetricsEndpointTest extends MetricsEndpointTest {
    @Override
    List<String> storeLines() {
        String url = PgCluster.get().newDatabase().replace("jdbc:postgresql://", "postgresql://" + PgCluster.user() + "@");
        return List.of("[store]", "url = \"" + url + "\"");
    }
}
