/**
 * Training models from a set's pairs ({@code Trainer}: pairs from the store (rolls left out of
 * training excluded), model selection, or for rolls that each repeat the plan the roll-aware fit
 * of {@code emu.calibration.rolls} (the nominal response, {@code rolls.json} beside it), a
 * new model version on disk, then the export plan through {@code emu.calibration.export.Exporter}:
 * a failed export is recorded with its reason and never discards the model; {@code Trainer#reexport}
 * exports a kept model again without refitting; the lights it exports for, trained and {@code [exports]
 * also_lights}, and how the model serves each, recorded with every export row: {@code ExportLights}) and the
 * archival bundle's provenance from the roll
 * log ({@link emu.station.training.BundleSources}); the folders a run writes into, unique per run in
 * a shared data root ({@code RunFolders}); the operator's choices of which rolls training takes and
 * at what weight ({@link emu.station.training.RollChoices}); the pairs prepared as {@code station fit} prepares
 * them, stuck film dropped ({@code TrainingPairs}, calibration's {@code Finishing#prepare}). Runs as a job of {@code jobs.JobQueue}.
 * May import {@code emu.calibration.*}, {@code config}, {@code store} and {@code errors}.
 */
package emu.station.training;
