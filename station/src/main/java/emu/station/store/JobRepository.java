package emu.station.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import emu.station.errors.NotFoundException;

/**
 * The persistent job queue (training runs and other long work). Jobs survive restarts: a job
 * found {@code running} at start was interrupted and goes back to the queue.
 */
public final class JobRepository {
    public enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    /**
     * A job; {@code payload} is the JSON its runner needs, {@code progress} 0..1; {@code worker} the
     * process that claimed it last on a shared store (null on SQLite), {@code cancelRequested} the
     * reason of a cancel asked while it ran (null when none was).
     */
    public record Job(long id, String kind, State state, String payload, double progress, String message,
                      Instant createdAt, Optional<Instant> startedAt, Optional<Instant> finishedAt,
                      String worker, String cancelRequested) {}

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

    /** Takes the oldest queued job of any kind and marks it running, atomically. */
    public Optional<Job> claimNext() {
        return claimNext(null);
    }

    /**
     * Takes the oldest claimable job of one of {@code kinds} (null: any) and marks it running,
     * atomically. On PostgreSQL, shared by several workers, the row is locked with {@code FOR UPDATE
     * SKIP LOCKED} so two claims never take one job, the claim carries this process's lease (see
     * {@link JobLeases}), and a running job whose lease ran out is claimable again: its worker
     * died. A job claimed {@link JobLeases#MAX_ATTEMPTS} times ends failed instead.
     */
    public Optional<Job> claimNext(Collection<String> kinds) {
        return claimNext(kinds, (owner, since) -> "");
    }

    /**
     * As above; {@code deadWorker} gives what the message of a job whose lease ran out says after why (e.g. "; the
     * JVM's crash report: ..."), from the dead worker's lease owner and the job's last start.
     */
    public Optional<Job> claimNext(Collection<String> kinds, BiFunction<String, Instant, String> deadWorker) {
        if (kinds != null && kinds.isEmpty()) {
            return Optional.empty();
        }
        String kindFilter = kinds == null ? "" : " AND kind IN (" + String.join(", ", Collections.nCopies(kinds.size(), "?")) + ")";
        return store.transaction(c -> {
            while (true) {
                long now = System.currentTimeMillis();
                List<Object> params = new ArrayList<>(List.of(now));
                if (kinds != null) {
                    params.addAll(kinds);
                }
                Optional<Job> row = Rows.one(c, "SELECT * FROM jobs WHERE (state = 'queued' OR (state = 'running' AND "
                        + "lease_until < ?))" + kindFilter + " ORDER BY id LIMIT 1" + store.dialect().forUpdateSkipLocked(),
                        JobRepository::map, params.toArray());
                if (row.isEmpty()) {
                    return Optional.empty();
                }
                long id = row.get().id();
                boolean expired = row.get().state() == State.RUNNING;
                String crash = expired ? deadWorker.apply(row.get().worker(), row.get().startedAt().orElse(null)) : "";
                if (expired && cancelRequested(c, id).isPresent()) {
                    // Its worker died after a cancel was asked: the job ends as asked, not retried.
                    Rows.update(c, "UPDATE training_runs SET status = 'cancelled', finished_at = ? WHERE job_id = ? "
                            + "AND status = 'running'", Instant.now(), id);
                    Rows.update(c, "UPDATE jobs SET state = 'cancelled', finished_at = ?, lease_owner = NULL, "
                            + "lease_until = NULL, message = ? WHERE id = ?", Instant.now(), cancelRequested(c, id).get()
                            + " (its worker stopped answering before it stopped)", id);
                    continue;
                }
                int attempts = expired ? Rows.one(c, "SELECT attempts FROM jobs WHERE id = ?", rs -> rs.getInt(1), id)
                        .orElseThrow() : 0;
                if (expired && attempts >= JobLeases.MAX_ATTEMPTS) {
                    Rows.update(c, "UPDATE jobs SET state = 'failed', finished_at = ?, lease_owner = NULL, lease_until = NULL, "
                            + "message = ? WHERE id = ?", Instant.now(), "claimed " + attempts
                            + " times, each worker's lease ran out (killed, or the job kills its worker)" + crash, id);
                    continue;
                }
                if (expired) {
                    // The dead worker's training run of this job will never finish: say so before the retry's own.
                    Rows.update(c, "UPDATE training_runs SET status = 'failed', finished_at = ? WHERE job_id = ? "
                            + "AND status = 'running'", Instant.now(), id);
                }
                boolean leased = store.isShared();
                // A job the last start re-queued keeps why (requeueInterrupted) as "retried: ..." for JobRun's final message.
                Rows.update(c, "UPDATE jobs SET state = 'running', started_at = ?, attempts = attempts + 1, "
                        + "lease_owner = ?, lease_until = ?, message = CASE WHEN state = 'queued' AND message LIKE ? "
                        + "THEN 'retried: ' || message ELSE ? END WHERE id = ?", Instant.now(),
                        leased ? store.leases().owner() : null, leased ? now + store.leases().lease().toMillis() : null,
                        STOPPED + "%", expired ? "retried: the lease of the worker running it ran out" + crash : "", id);
                return byId(id);
            }
        });
    }

    /**
     * Extends this process's lease on a running job (the owner calls it while it works).
     *
     * @return false when the lease is no longer ours: it ran out and another worker took the job
     */
    public boolean renewLease(long id) {
        return store.transaction(c -> Rows.update(c, "UPDATE jobs SET lease_until = ? WHERE id = ? AND state = 'running' "
                + "AND lease_owner = ?", System.currentTimeMillis() + store.leases().lease().toMillis(), id,
                store.leases().owner()) == 1);
    }

    /**
     * Gives a running job of ours back to the queue at once (a worker stopping cleanly), rather
     * than leaving it to wait out the lease.
     */
    public boolean release(long id) {
        return store.transaction(c -> Rows.update(c, "UPDATE jobs SET state = 'queued', lease_owner = NULL, "
                + "lease_until = NULL, message = 'released by a stopping worker' WHERE id = ? AND state = 'running' "
                + "AND lease_owner = ? AND cancel_requested IS NULL", id, store.leases().owner()) == 1);
    }

    /** The worker holding a running job's lease (empty on SQLite, or when not running). */
    public Optional<String> leaseOwner(long id) {
        return store.transaction(c -> Rows.one(c, "SELECT lease_owner FROM jobs WHERE id = ? AND state = 'running'",
                rs -> rs.getString(1), id)).filter(o -> o != null);
    }

    /** How many times the job was claimed (more than once: a worker died running it). */
    public int attempts(long id) {
        return store.transaction(c -> Rows.one(c, "SELECT attempts FROM jobs WHERE id = ?", rs -> rs.getInt(1), id))
                .orElseThrow(() -> new NotFoundException("no job " + id));
    }

    /**
     * Records a running job's progress; returns the reason of a cancel asked for it meanwhile (by
     * any process), read in the same transaction, so each progress step is also a cancel point.
     */
    public Optional<String> progress(long id, double fraction, String message) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("progress must be in 0..1, got " + fraction);
        }
        return store.transaction(c -> {
            Rows.update(c, "UPDATE jobs SET progress = ?, message = ? WHERE id = ?", fraction, message, id);
            return cancelRequested(c, id);
        });
    }

    /**
     * Ends a job as done, failed or cancelled.
     *
     * @return false when another worker holds the job's lease now (ours ran out): its outcome wins
     */
    public boolean finish(long id, State state, String message) {
        if (state == State.QUEUED || state == State.RUNNING) {
            throw new IllegalArgumentException("finish needs a final state, got " + state);
        }
        return store.transaction(c -> {
            if (Rows.update(c, "UPDATE jobs SET state = ?, message = ?, finished_at = ?, lease_until = NULL, "
                    + "progress = CASE WHEN ? = 'done' THEN 1 ELSE progress END WHERE id = ? "
                    + "AND (lease_owner IS NULL OR lease_owner = ? OR state <> 'running')",
                    state, message, Instant.now(), state, id, store.leases().owner()) == 1) {
                return true;
            }
            if (byId(id).isEmpty()) {
                throw new NotFoundException("no job " + id);
            }
            return false;
        });
    }

    /**
     * Asks the process running the job (this one or a worker elsewhere) to stop it: the request and
     * its reason are written on the row, read by the runner at its next progress step or lease
     * renewal ({@link #cancelRequested}), which then ends the job cancelled with this reason.
     *
     * @return false when the job is not running (any more)
     */
    public boolean requestCancel(long id, String reason) {
        return store.transaction(c -> Rows.update(c, "UPDATE jobs SET cancel_requested = ? WHERE id = ? AND state = 'running'",
                reason, id) == 1);
    }

    /** The reason of a cancel asked for the job while it runs, if one was. */
    public Optional<String> cancelRequested(long id) {
        return store.transaction(c -> cancelRequested(c, id));
    }

    private static Optional<String> cancelRequested(java.sql.Connection c, long id) throws SQLException {
        return Rows.one(c, "SELECT cancel_requested FROM jobs WHERE id = ? AND cancel_requested IS NOT NULL",
                rs -> rs.getString(1), id);
    }

    /** Cancels a queued job at once; a running one is the runner's to stop. Returns whether it was queued. */
    public boolean cancelQueued(long id) {
        return store.transaction(c -> Rows.update(c, "UPDATE jobs SET state = 'cancelled', finished_at = ? "
                + "WHERE id = ? AND state = 'queued'", Instant.now(), id) == 1);
    }

    /**
     * At start, before {@link #requeueInterrupted}: a job left running by a stopped daemon that had
     * been claimed {@link JobLeases#MAX_ATTEMPTS} times already ends failed instead of being run again.
     * A job that crashes the station (a native fault, the kernel's out-of-memory killer) would
     * otherwise take it down at every start, and with it the night's shoot. Returns how many. On
     * PostgreSQL none: {@link #claimNext} applies the same limit to a dead worker's lease.
     */
    public int failRepeatedlyInterrupted() {
        return failRepeatedlyInterrupted(job -> "");
    }

    /** {@link #failRepeatedlyInterrupted()}, with {@code detail} of each such job after its message (its crash report). */
    public int failRepeatedlyInterrupted(Function<Job, String> detail) {
        if (store.isShared()) {
            return 0;
        }
        return store.transaction(c -> {
            List<Job> repeated = Rows.list(c, "SELECT * FROM jobs WHERE state = 'running' AND cancel_requested IS NULL "
                    + "AND attempts >= ? ORDER BY id", JobRepository::map, JobLeases.MAX_ATTEMPTS);
            for (Job job : repeated) {
                Rows.update(c, "UPDATE jobs SET state = 'failed', finished_at = ?, message = 'the station stopped ' || "
                        + "attempts || ' times while running it (restarted, killed, or the job crashes the station: see "
                        + "logs/); not run again, queue it again to retry' || ? WHERE id = ?", Instant.now(),
                        detail.apply(job), job.id());
            }
            return repeated.size();
        });
    }

    /** The start of the message of a job {@link #requeueInterrupted} put back. */
    public static final String STOPPED = "the station stopped while running it";

    /**
     * At start: jobs left running by a stopped daemon go back to the queue, saying so and when (the
     * claim keeps it as "retried: ...", and JobRun adds it to the job's final message, so that the
     * morning shift reads why a night's job ran twice). Returns how many. On
     * PostgreSQL none: the running jobs may be other workers' (alive), and a dead one's job comes
     * back by itself when its lease runs out.
     */
    public int requeueInterrupted() {
        return requeueInterrupted("");
    }

    /** {@link #requeueInterrupted()}, with {@code detail} (e.g. "; the JVM's crash report: ...") after the message. */
    public int requeueInterrupted(String detail) {
        if (store.isShared()) {
            return 0;
        }
        return store.transaction(c -> {
            // A cancel asked before the restart is honoured rather than the job run again.
            Rows.update(c, "UPDATE jobs SET state = 'cancelled', finished_at = ?, message = cancel_requested "
                    + "WHERE state = 'running' AND cancel_requested IS NOT NULL", Instant.now());
            return Rows.update(c, "UPDATE jobs SET state = 'queued', started_at = NULL, message = ? WHERE state = 'running'",
                    STOPPED + " (a restart, a kill, a crash or a power loss: see logs/); started again at "
                            + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + detail);
        });
    }

    public List<Job> inState(State state) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM jobs WHERE state = ? ORDER BY id",
                JobRepository::map, state));
    }

    private static Job map(ResultSet rs) throws SQLException {
        return new Job(rs.getLong("id"), rs.getString("kind"), Rows.enumOf(State.class, rs.getString("state")),
                rs.getString("payload"), rs.getDouble("progress"), rs.getString("message"),
                Rows.instant(rs, "created_at"), Optional.ofNullable(Rows.instant(rs, "started_at")),
                Optional.ofNullable(Rows.instant(rs, "finished_at")), rs.getString("lease_owner"),
                rs.getString("cancel_requested"));
    }
}
