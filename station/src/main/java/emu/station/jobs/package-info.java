/**
 * The station's job queue ({@link emu.station.jobs.JobQueue}): one worker running jobs one at a
 * time (training, chart re-reads and any kind registered with {@code runs}), cancel, progress
 * events, interrupted jobs re-queued at start, scheduled training. May import {@code store},
 * {@code config}, {@code errors}, {@code training} (the training job's runner).
 */
package emu.station.jobs;
