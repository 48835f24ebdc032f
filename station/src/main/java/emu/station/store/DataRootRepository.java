package emu.station.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The data root a shared catalogue's files live under (issue 21): its id (also in the marker file at
 * the root), where and by which bench it was first seen. One row, written once by the first station.
 */
public final class DataRootRepository {
    /** The recorded root. */
    public record Root(String id, String firstPath, String firstBench, Instant firstSeen) {}

    private final Store store;

    DataRootRepository(Store store) {
        this.store = store;
    }

    /** The recorded root, if a station has recorded one. */
    public Optional<Root> get() {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM data_root WHERE slot = 1",
                rs -> new Root(rs.getString("root_id"), rs.getString("first_path"), rs.getString("first_bench"),
                        Rows.instant(rs, "first_seen"))));
    }

    /**
     * Records {@code id} unless a root is recorded already (two stations starting together: the
     * first insert wins) and returns the recorded one.
     */
    public Root recordIfNone(String id, String path, String bench) {
        return store.transaction(c -> {
            Rows.update(c, "INSERT INTO data_root (slot, root_id, first_path, first_bench, first_seen) VALUES (1, ?, ?, ?, ?) "
                    + "ON CONFLICT (slot) DO NOTHING", id, path, bench, Instant.now());
            return get().orElseThrow();
        });
    }
}
