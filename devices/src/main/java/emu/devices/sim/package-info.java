/**
 * The virtual bench: spectral simulators of the illuminant rig, the chart, the digital camera and
 * the film lab, and the pairs generator built on the same physics.
 *
 * <p>{@code spectral}: spectra, illuminants, observer, reflectance sets; {@code digital}: the
 * digital camera's colour pipeline; {@code film}: colour-negative stocks, development, scanner
 * and lab inversion; {@code pairs}: the pairs CSV generator.
 */
package emu.devices.sim;
