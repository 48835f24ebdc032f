/**
 * The simulated film camera and lab: rolls exposed frame by frame on the bench ({@link
 * emu.devices.sim.lab.FilmRoll}), developed, scanned and delivered as files ({@link
 * emu.devices.sim.lab.FilmLab}); behind the film seams of {@code emu.devices.film} as {@link
 * emu.devices.sim.lab.SimFilmCamera} and {@link emu.devices.sim.lab.SimFilmLab}.
 *
 * <p>May import: {@code emu.devices.film}, the other {@code emu.devices.sim} packages and
 * {@code emu.calibration}.
 */
package emu.devices.sim.lab;
