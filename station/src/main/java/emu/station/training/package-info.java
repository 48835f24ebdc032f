/**
 * Training models from a set's pairs ({@code Trainer}: fit the candidates, pick, export) and what
 * an export bundle records of its sources. Runs as a job of {@code jobs.JobQueue}. May import
 * {@code store}, {@code config}, {@code errors}, {@code emu.calibration}.
 */
package emu.station.training;
