package emu.station.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import emu.station.errors.NotFoundException;
import emu.station.errors.ConflictException;
import emu.station.errors.InvalidInputException;

/**
 * Film shoots as persisted state: which roll, how the film camera is fired, where the shoot is
 * (the step being shot or waited for, its frame number), the steps skipped, and how it ended. A
 * shoot left {@code running} or {@code waiting} by a stopped daemon is resumed at start.
 */
public final class FilmShootRepository {
    /** How a frame is exposed: the rig pulses the camera's shutter, or the operator presses it and confirms. */
    public enum Trigger {
        RIG_SHUTTER, OPERATOR;

        /** From the API's spelling, {@code rig-shutter} or {@code operator}. */
        public static Trigger of(String text) {
            for (Trigger t : values()) {
                if (t.label().equals(text)) {
                    return t;
                }
            }
            throw new InvalidInputException("trigger", "trigger must be \"rig-shutter\" or \"operator\", got \"" + text + "\"");
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public enum State { RUNNING, WAITING, DONE, CANCELLED, FAILED }

    /**
     * A film shoot. {@code stepId}/{@code frame}: the step being shot or awaiting the operator and
     * the frame it will be; {@code skippedJson}: the skipped step ids as a JSON array.
     */
    public record FilmShootRow(long id, long rollId, Trigger trigger, State state, Optional<String> stepId,
                               Optional<Long> frame, String skippedJson, String message, Instant startedAt,
                               Instant updatedAt) {
        public boolean active() {
            return state == State.RUNNING || state == State.WAITING;
        }
    }

    private final Store store;

    FilmShootRepository(Store store) {
        this.store = store;
    }

    /**
     * Starts a shoot of the roll.
     *
     * @throws IllegalStateException when the roll has a shoot running or waiting
     */
    /** @param bench the bench that runs it (it alone resumes it after a restart) */
    public FilmShootRow create(long rollId, Trigger trigger, String bench) {
        return store.transaction(c -> {
            if (Rows.one(c, "SELECT id FROM film_shoots WHERE roll_id = ? AND state IN ('running', 'waiting')",
                    rs -> rs.getLong(1), rollId).isPresent()) {
                throw new ConflictException("shooting", "roll " + rollId + " is being shot already; cancel that shoot first");
            }
            Instant now = Instant.now();
            long id = Rows.insert(c, "INSERT INTO film_shoots (roll_id, trigger, started_at, updated_at, bench) VALUES (?, ?, ?, ?, ?)",
                    rollId, trigger, now, now, bench);
            return byId(id).orElseThrow();
        });
    }

    public Optional<FilmShootRow> byId(long id) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM film_shoots WHERE id = ?", FilmShootRepository::map, id));
    }

    public List<FilmShootRow> byRoll(long rollId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM film_shoots WHERE roll_id = ? ORDER BY id",
                FilmShootRepository::map, rollId));
    }

    /** Shoots a stopped daemon left running or waiting, oldest first. */
    public List<FilmShootRow> unfinished(String bench) {
        // Shoots recorded before V13 name no bench: any bench resumes them, as before.
        return store.transaction(c -> Rows.list(c, "SELECT * FROM film_shoots WHERE state IN ('running', 'waiting') "
                + "AND (bench IS NULL OR bench = ?) ORDER BY id", FilmShootRepository::map, bench));
    }

    /** Moves the shoot to {@code state} at {@code stepId}/{@code frame} (null: none) with a message. */
    public FilmShootRow update(long id, State state, String stepId, Integer frame, String message) {
        return store.transaction(c -> {
            if (Rows.update(c, "UPDATE film_shoots SET state = ?, step_id = ?, frame = ?, message = ?, updated_at = ? "
                    + "WHERE id = ?", state, stepId, frame, message == null ? "" : message, Instant.now(), id) != 1) {
                throw new NotFoundException("no film shoot " + id);
            }
            return byId(id).orElseThrow();
        });
    }

    /** Replaces the skipped step ids (a JSON array). */
    public void setSkipped(long id, String skippedJson) {
        store.transaction(c -> Rows.update(c, "UPDATE film_shoots SET skipped = ?, updated_at = ? WHERE id = ?",
                skippedJson, Instant.now(), id));
    }

    private static FilmShootRow map(ResultSet rs) throws SQLException {
        return new FilmShootRow(rs.getLong("id"), rs.getLong("roll_id"), Rows.enumOf(Trigger.class, rs.getString("trigger")),
                Rows.enumOf(State.class, rs.getString("state")), Optional.ofNullable(rs.getString("step_id")),
                Rows.optionalLong(rs, "frame"), rs.getString("skipped"), rs.getString("message"),
                Rows.instant(rs, "started_at"), Rows.instant(rs, "updated_at"));
    }
}
