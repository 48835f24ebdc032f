/**
 * The station's job queue ({@link emu.station.jobs.JobQueue}): one worker running jobs one at a
 * time (training, chart re-reads and any kind registered with {@code runs}), cancel, progress
 * events, interrupted jobs re-queued at start, scheduled training. On a shared (PostgreSQL) store
 * the running job's lease is renewed ({@code LeaseKeeper}) so a dead worker's job is retried
 * elsewhere. May import {@code store}, {@code config}, {@code errors}, {@code training} (the
 * training job's runner).
 */
package emu.station.jobs;
