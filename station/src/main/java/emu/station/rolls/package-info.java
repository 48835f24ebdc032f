/**
 * The film side of a set, as the digital side is: {@link emu.station.rolls.Rolls} (loading a
 * roll with its typed settings, the lab log), the film shoot
 * ({@link emu.station.rolls.FilmShootRunner}, a state machine with operator hand-offs) and the
 * film-camera seam ({@link emu.station.rolls.FilmCamera}): {@link emu.station.rolls.RigShutterCamera}
 * for a real camera fired by the rig's shutter output or the operator, {@link
 * emu.station.rolls.FilmDevices} for a film body and lab the station drives itself (the
 * {@code emu.devices.film} seams; the virtual bench's, picked by the device wiring; the lab's control
 * strip is recorded through {@code labs}). May import {@code store}, {@code errors}, {@code labs}, the rig and film interfaces of {@code emu.devices}; never the
 * simulators.
 */
package emu.station.rolls;
