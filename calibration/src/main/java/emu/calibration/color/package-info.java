/**
 * Colour maths: encodings and their registry ({@link emu.calibration.color.Encodings}), RGB
 * spaces and matrices, CIELAB, CIEDE2000 (Sharma-checked), chromatic adaptation, and THE
 * illuminant registry ({@link emu.calibration.color.Illuminants}: names and aliases, families,
 * chromaticities and spectra of every light the fitters, exports and virtual bench use; its
 * data files are resources of this package, their sources in its {@code README.md}).
 *
 * <p>May import: the JDK only. Everything else in the project may import this.
 */
package emu.calibration.color;
