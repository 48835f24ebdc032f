/**
 * The virtual bench: spectral simulators of the illuminant rig, the chart, the digital camera and
 * the film camera and lab, and the pairs generator built on the same physics. Each sits behind the
 * interface a real device has ({@code Camera}, {@code IlluminantRig}, {@code emu.devices.film}'s
 * {@code FilmBody} and {@code FilmLab}).
 *
 * <p>{@code spectral}: spectra, the bench's view of calibration's illuminant registry, observer,
 * reflectance sets; {@code digital}: the digital camera's colour pipeline; {@code film}:
 * colour-negative stocks, development, scanner and lab inversion; {@code lab}: rolls, the lab, and
 * the film seams' simulated implementations; {@code pairs}: the pairs CSV generator.
 *
 * <p>May import: {@code emu.calibration}, the device interfaces of {@code emu.devices}.
 */
package emu.devices.sim;
