/**
 * A spectral colour-negative film model and its lab: stocks (layer sensitivities, characteristic
 * curves, interlayer inhibition, dyes, masks, base + fog), development with per-roll variation,
 * a scanner, the lab's per-roll inversion and display tone curve, and grain.
 */
package emu.devices.sim.film;
