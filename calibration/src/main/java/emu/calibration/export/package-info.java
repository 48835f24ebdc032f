/**
 * The one export pipeline, above {@code emu.calibration.lut} and {@code emu.calibration.profile}:
 * what the CLI ({@code station export}), the daemon's training and the archival bundle all call,
 * so that the same model and plan give the same files, byte for byte, whichever made them.
 *
 * <ul>
 *   <li>{@link emu.calibration.export.ExportFormats}: the registry of formats by name (the LUT
 *       formats of {@code lut}, the profiles and HDR outputs of {@code profile}, and
 *       {@code bundle}).
 *   <li>{@link emu.calibration.export.ExportPlan}: formats x encodings x sizes x illuminants,
 *       each format with its own encodings and sizes; checked as a whole before any work, every
 *       bad combination reported at once with the part of the plan it lies in, so the caller
 *       names it in its own words (config key and line, CLI flag, API field) through a
 *       {@link emu.calibration.export.ExportPlan.SourceDescriber}.
 *   <li>{@link emu.calibration.export.Exporter}: the loop. Tries every item, reports each failure
 *       with its reason rather than stopping at the first, so a fitted model is never lost to
 *       one bad export.
 *   <li>{@link emu.calibration.export.ExportNaming}: file names and the provenance written into
 *       every file (one model-version form: the model id).
 *   <li>The archival bundle: {@link emu.calibration.export.ModelBundle} (the zip and manifest),
 *       {@link emu.calibration.export.BundleProvenance},
 *       {@link emu.calibration.export.ModelBundles} (built from the pipeline's files).
 * </ul>
 * May import {@code color}, {@code fit}, {@code io}, {@code lut}, {@code profile}; nothing
 * below imports this package.
 */
package emu.calibration.export;
