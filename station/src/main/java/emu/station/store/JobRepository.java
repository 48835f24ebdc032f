package emu.station.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import emu.station.errors.NotFoundException;

/**
 * The persistent job queue (training runs and other long work). Jobs survive restarts: a job
 * found {@code running} at start was interrupted and goes back to the queue.
 */
public final class JobRepository {
    public enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    /** A job; {@code payload} is the JSON its runner needs, {@code progress} 0..1. */
    public record Job(long id, String kind, State state, String payload, double progress, String message,
                      Instant createdAt, Optional<Instant> startedAt, Optional<Instant> finishedAt) {}

    private final Store store;

    JobRepository(Store store) {
        this.store = store;
    }

    public Job enqueue(String kind, String payloadJson) {
        return store.transaction(c -> {
            long id = Rows.insert(c, "INSERT INTO jobs (kind, payload, created_at) VALUES (?, ?, ?)",
                    kind, payloadJson, Instant.now());
            return byId(id).orElseThrow();
        });
    }

    public Optional<Job> byId(long id) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM jobs WHERE id = ?", JobRepository::map, id));
    }

    /** Takes the oldest queued job and marks it running, atomically. */
    public Optional<Job> claimNext() {
        return store.transaction(c -> {
            Optional<Long> id = Rows.one(c, "SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1",
                    rs -> rs.getLong(1));
            if (id.isEmpty()) {
                return Optional.empty();
            }
            Rows.update(c, "UPDATE jobs SET state = 'running', started_at = ? WHERE id = ?", Instant.now(), id.get());
            return byId(id.get());
        });
    }

    public void progress(long id, double fraction, String message) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("progress must be in 0..1, got " + fraction);
        }
        store.transaction(c -> Rows.update(c, "UPDATE jobs SET progress = ?, message = ? WHERE id = ?",
                fraction, message, id));
    }

    /** Ends a job as done, failed or cancelled. */
    public void finish(long id, State state, String message) {
        if (state == State.QUEUED || state == State.RUNNING) {
            throw new IllegalArgumentException("finish needs a final state, got " + state);
        }
        store.transaction(c -> {
            if (Rows.update(c, "UPDATE jobs SET state = ?, message = ?, finished_at = ?, "
                    + "progress = CASE WHEN ? = 'done' THEN 1 ELSE progress END WHERE id = ?",
                    state, message, Instant.now(), state, id) != 1) {
                throw new NotFoundException("no job " + id);
            }
            return null;
        });
    }

    /** Cancels a queued job at once; a running one is the runner's to stop. Returns whether it was queued. */
    public boolean cancelQueued(long id) {
        return store.transaction(c -> Rows.update(c, "UPDATE jobs SET state = 'cancelled', finished_at = ? "
                + "WHERE id = ? AND state = 'queued'", Instant.now(), id) == 1);
    }

    /** At start: jobs left running by a stopped daemon go back to the queue. Returns how many. */
    public int requeueInterrupted() {
        return store.transaction(c -> Rows.update(c, "UPDATE jobs SET state = 'queued', started_at = NULL, "
                + "message = 'interrupted by a restart' WHERE state = 'running'"));
    }

    public List<Job> inState(State state) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM jobs WHERE state = ? ORDER BY id",
                JobRepository::map, state));
    }

    private static Job map(ResultSet rs) throws SQLException {
        return new Job(rs.getLong("id"), rs.getString("kind"), Rows.enumOf(State.class, rs.getString("state")),
                rs.getString("payload"), rs.getDouble("progress"), rs.getString("message"),
                Rows.instant(rs, "created_at"), Optional.ofNullable(Rows.instant(rs, "started_at")),
                Optional.ofNullable(Rows.instant(rs, "finished_at")));
    }
}
