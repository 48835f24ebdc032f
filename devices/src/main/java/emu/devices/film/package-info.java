/**
 * The film side's device seams: a camera body that exposes a loaded roll frame by frame under the
 * rig's current light ({@link emu.devices.film.FilmBody}) and a lab that develops and scans a roll
 * into a delivery folder ({@link emu.devices.film.FilmLab}), with the values they exchange (the
 * roll, each frame's exposure record, the lab's quirks, the delivered scans). The virtual bench
 * implements them in {@code emu.devices.sim.lab}; a real film camera is fired through the rig's
 * shutter output or by the operator, and a real lab is people, so neither has a driver here.
 *
 * <p>May import: the JDK only.
 */
package emu.devices.film;
