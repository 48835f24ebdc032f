/**
 * Spectral distributions on the bench's 380-780 nm / 5 nm grid: the observer, reflectances, and
 * the bench's view of the illuminant registry ({@link emu.devices.sim.spectral.Illuminants}, whose
 * names and spectra come from {@code emu.calibration.color.Illuminants}); the patch sets' reflectances
 * come from {@code emu.calibration.chart.ChartSpectra} (the one copy of the tables).
 *
 * <p>May import: {@code emu.calibration.color} (the illuminant registry), {@code
 * emu.calibration.chart.ChartSpectra} (the reflectances) and the JDK.
 */
package emu.devices.sim.spectral;
