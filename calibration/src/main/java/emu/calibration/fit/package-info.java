/**
 * Learning the digital -> film mapping from pairs: the fitter registry {@link
 * emu.calibration.fit.Fitters} (matrix, polynomial and root-polynomial colour stages with tone
 * curves in {@link emu.calibration.fit.BasisFitter}, whose tone-curve smoothing may be chosen per fit by
 * {@link emu.calibration.fit.ToneSmoothing}; the thin-plate spline {@link
 * emu.calibration.fit.TpsFitter}, its smoothing chosen per channel by {@link emu.calibration.fit.TpsSmoothing}, opt-in
 * on a parametric trend's residuals: {@link emu.calibration.fit.TpsTrend}; the legacy {@code rbf}; the MLP, {@link
 * emu.calibration.fit.MlpFitter}, whose network alone uses DL4J, one thread of the process at a time: {@link
 * emu.calibration.fit.MlpNetwork}), candidate specs ({@link
 * emu.calibration.fit.Candidate}), per-light or light-conditional models (untrained lights of a per-light
 * model served by a blend of neighbours or, opt-in, from a model shared across lights: {@link
 * emu.calibration.fit.PerIlluminantModel}), the automatic
 * selection by held-out CIEDE2000 ({@link emu.calibration.fit.ModelSelection}; an expensive candidate's
 * cross-validation stopped once it cannot matter, {@link emu.calibration.fit.Racing}) with its stack of
 * candidates ({@link emu.calibration.fit.Stacking}, {@link emu.calibration.fit.StackModel}), the
 * CIEDE2000-aligned loss ({@link emu.calibration.fit.PerceptualMetric}, {@code loss=de2000}), highlight
 * reconstruction from the camera clip the pairs reveal ({@link emu.calibration.fit.DigitalClip}; which raw channels'
 * clips the pairs bracket, or why none is placed: {@link emu.calibration.fit.ClipEstimate}; the rebuild of a reading
 * near the clip: {@link emu.calibration.fit.HighlightRebuild}), a model
 * fitted without the clipped readings served together with its refit on all of them, gated on that clip
 * ({@link emu.calibration.fit.ClipGateModel}), untrained lights of known SPD served from the spectral camera and
 * film model ({@link emu.calibration.fit.SpectralServedModel}, {@code station fit --unseen spectral}, the default
 * since session 8), the one path that finishes a selected model with those three for {@code station fit} and the
 * station's training alike, with their defaults ({@link emu.calibration.fit.Finishing}; each step a {@link
 * emu.calibration.fit.FinishingStep} around the model it finishes), how a model serves a light, trained or
 * not ({@link emu.calibration.fit.Serving}: kind, the trained lights standing in, the operator's sentence), the fit
 * report, and the
 * model directory on disk. May import {@code emu.calibration.color},
 * {@code emu.calibration.pairs}, {@code emu.calibration.io} (the model files' JSON helpers), {@code
 * emu.calibration.linalg} (the ridge solver), {@code emu.calibration.spectral} (SpectralServedModel and Finishing only),
 * Jackson and DeepLearning4J; nothing from devices or station.
 */
package emu.calibration.fit;
