/**
 * Dense linear algebra the fits share: weighted ridge regression by the normal equations, solved by
 * Cholesky decomposition ({@link emu.calibration.linalg.Ridge}), used by the colour and tone fits
 * ({@code emu.calibration.fit}), the roll estimates ({@code emu.calibration.rolls}) and the spectral models
 * ({@code emu.calibration.spectral}). Here rather than in {@code fit} so that those packages share it
 * without importing one another.
 *
 * <p>Imports only the JDK; every other package of ours may import this one.
 */
package emu.calibration.linalg;
