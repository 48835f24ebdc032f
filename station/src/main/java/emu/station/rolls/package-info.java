/**
 * The film side of a set, as the digital side is: {@link emu.station.rolls.Rolls} (loading a
 * roll with its typed settings, the lab log), the film shoot
 * ({@link emu.station.rolls.FilmShootRunner}, a state machine with operator hand-offs) and the
 * film-camera seam ({@link emu.station.rolls.FilmCamera}: {@link emu.station.rolls.RigShutterCamera}
 * for a real camera; the virtual bench's camera and lab are built by the device wiring). May
 * import {@code store}, {@code errors}, the rig interface of {@code emu.devices}; never the
 * simulators.
 */
package emu.station.rolls;
