package emu.station.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Film stocks: the films profiled (e.g. "Portra 400"). */
public final class StockRepository {
    /** A film stock. {@code iso} is empty when unknown. */
    public record Stock(long id, String name, String format, Optional<Integer> iso) {}

    private final Store store;

    StockRepository(Store store) {
        this.store = store;
    }

    public Stock create(String name, String format, Integer iso) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a stock needs a name");
        }
        return store.transaction(c -> {
            long id = Rows.insert(c, "INSERT INTO stocks (name, format, iso, created_at) VALUES (?, ?, ?, ?)",
                    name, format, iso, Instant.now());
            return new Stock(id, name, format, Optional.ofNullable(iso));
        });
    }

    public Optional<Stock> byName(String name) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM stocks WHERE name = ?", StockRepository::map, name));
    }

    public List<Stock> all() {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM stocks ORDER BY name", StockRepository::map));
    }

    private static Stock map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Stock(rs.getLong("id"), rs.getString("name"), rs.getString("format"),
                Rows.optionalLong(rs, "iso").map(Long::intValue));
    }
}
