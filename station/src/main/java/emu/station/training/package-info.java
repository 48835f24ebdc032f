/**
 * Training jobs: the queue (one worker, cron schedule, train-on-completion, cancel), the trainer
 * (pairs from the store, model selection, a new model version on disk, then the export plan
 * through {@code emu.calibration.export.Exporter}: a failed export is recorded with its reason and
 * never discards the model; {@code Trainer#reexport} exports a kept model again without refitting)
 * and the archival bundle's provenance from the roll log ({@link emu.station.training.BundleSources}).
 * May import {@code emu.calibration.*}, {@code emu.station.config}, {@code emu.station.store}, {@code emu.station.errors}, and
 * {@code emu.devices.sim.spectral} for the illuminant spectra the bundle records.
 */
package emu.station.training;
