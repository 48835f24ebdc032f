/**
 * Spectral models of the camera and the film estimated from training pairs whose patches have known reflectances,
 * shot under lights with known SPDs ({@link emu.calibration.spectral.SpectralModel}: {@link
 * emu.calibration.spectral.SpectralCamera}, {@link emu.calibration.spectral.SpectralFilm}), and the pairs of an unseen
 * light synthesised from them; the parameters' JSON form. Issue 24, session 7: the bench study's fits
 * (bench/fidelity/SpectralServing.java and SpectralHeldOut.java call these classes). Served in the product by {@link emu.calibration.fit.SpectralServedModel} ({@code station fit --unseen spectral}).
 *
 * <p>May import {@code emu.calibration.pairs}, {@code emu.calibration.color} (the SPDs), {@code emu.calibration.chart}
 * ({@code ChartSpectra}, the reflectances), {@code emu.calibration.fit} ({@code Ridge}, {@code Json}), Jackson and the
 * JDK; nothing from devices or station.
 */
package emu.calibration.spectral;
