/**
 * A spectral colour-negative film model and its lab: stocks (layer sensitivities, characteristic
 * curves, interlayer inhibition, dyes, masks, base + fog), development with per-roll variation,
 * a scanner, the lab's per-roll inversion and display tone curve, grain, and the roll-to-roll
 * lottery of a set ({@link emu.devices.sim.film.Lottery}: the stock's spread scaled or off, a pushed
 * roll, the lab's process drift).
 */
package emu.devices.sim.film;
