/**
 * Spectral models of the camera and the film estimated from training pairs whose patches have known reflectances,
 * shot under lights with known SPDs ({@link emu.calibration.spectral.SpectralModel}: {@link
 * emu.calibration.spectral.SpectralCamera}, {@link emu.calibration.spectral.SpectralFilm}), and the pairs of an unseen
 * light synthesised from them; the parameters' JSON form. Issue 24, session 7: the bench study's fits
 * (bench/fidelity/SpectralServing.java and SpectralHeldOut.java call these classes). Served in the product by {@link emu.calibration.fit.SpectralServedModel} ({@code station fit --unseen spectral}).
 * Session 8: the default serving of untrained lights; the film fitted jointly and, where a layer of that fit peaks at
 * an end of the grid, staged too, the closer kept ({@link emu.calibration.spectral.SpectralOptions#choose()};
 * bench/fidelity/film.sh scores the film model on held-out patches).
 *
 * <p>May import {@code emu.calibration.pairs}, {@code emu.calibration.color} (the SPDs), {@code emu.calibration.chart}
 * ({@code ChartSpectra}, the reflectances), {@code emu.calibration.linalg} ({@code Ridge}), {@code emu.calibration.io}
 * ({@code Json}), Jackson and the JDK; not {@code emu.calibration.fit} (which serves from this package: no cycle),
 * nothing from devices or station.
 */
package emu.calibration.spectral;
