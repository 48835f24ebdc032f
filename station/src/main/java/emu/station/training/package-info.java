/**
 * Training models from a set's pairs ({@code Trainer}: fit the candidates, pick, export) and the
 * station's job queue ({@code TrainingQueue}: one worker running training, re-reads and other job
 * kinds, scheduled training). May import {@code store}, {@code config}, {@code errors},
 * {@code emu.calibration}.
 */
package emu.station.training;
