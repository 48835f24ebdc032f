/**
 * The station's job queue ({@link emu.station.jobs.JobQueue}): one worker running jobs one at a
 * time (training and re-exports through {@code TrainerJobs}, chart re-reads and any kind registered
 * with {@code runs}; one run, its progress and cancel points and end: {@code JobRun}), cancel (also
 * of a job another process runs: the request is written on its row and read at the runner's next
 * progress step or lease renewal), progress events, interrupted
 * jobs re-queued at start, or failed after three (naming the JVM crash report the data directory holds:
 * {@code CrashReports}; on a shared store the dead worker's, by its host and pid),
 * scheduled training. On a shared (PostgreSQL) store the running job's
 * lease is renewed ({@code LeaseKeeper}) so a dead worker's job is retried elsewhere, and the
 * changes of jobs other processes run are told as events too ({@code SharedJobEvents}). May import
 * {@code store}, {@code config}, {@code errors}, {@code training} (the training and export runners).
 */
package emu.station.jobs;
