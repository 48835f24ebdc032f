package emu.station.api;

import emu.station.config.Suggestions;
import emu.station.errors.InvalidInputException;
import emu.station.http.Body;
import emu.station.store.Store;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of a new profiling set, checked in one place before the workflow runs (issue 16, 9:
 * 100 KB names, NUL bytes and {@code "stock":"../../etc"} were accepted, and a typo in the stock
 * created a new stock that failed only at the film shoot). Text fields are already bounded and
 * free of control characters by {@link Body}.
 */
final class SetInput {
    static final int MAX_NAME = 100;
    /** A stock name: starts with a letter or digit; letters, digits, space, {@code . _ + -}; up to 64. */
    private static final String STOCK_NAME = "[A-Za-z0-9][A-Za-z0-9 ._+-]{0,63}";

    private SetInput() {}

    static String name(Body b) {
        String name = b.text("name", true).strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new InvalidInputException("name", "\"name\" must be 1 to " + MAX_NAME + " characters");
        }
        return name;
    }

    /**
     * A stock the station knows (one already in the database, or a film stock of the virtual bench,
     * passed in from the driver wiring so this class needs no simulator import),
     * or, with {@code "new_stock": true}, a new plainly named one (a real film the station has not
     * profiled yet). An unknown name is refused with the closest known one.
     */
    static String stock(Body b, Store store, java.util.List<String> simulatedStocks) {
        String stock = b.text("stock", true).strip();
        Set<String> known = new TreeSet<>(simulatedStocks);
        store.stocks().all().forEach(s -> known.add(s.name()));
        if (known.contains(stock)) {
            return stock;
        }
        if (!stock.matches(STOCK_NAME)) {
            throw new InvalidInputException("stock", "\"stock\" '" + stock + "' is not a stock name (letters, digits,"
                    + " space, . _ + -; up to 64)");
        }
        if (!b.bool("new_stock", false)) {
            String hint = Suggestions.closest(stock, known).map(s -> "did you mean '" + s + "'? ").orElse("");
            throw new InvalidInputException("stock", "unknown stock '" + stock + "'; " + hint + "known: " + String.join(", ", known)
                    + " (send \"new_stock\": true to add a new one)");
        }
        return stock;
    }
}
