/**
 * The device wiring: which drivers the bench's camera and rig use, picked from
 * {@code config.toml} ({@link emu.station.bench.Devices}), and on the virtual bench the simulated
 * film camera and lab ({@link emu.station.bench.SimFilmBench}). The one station package that
 * builds simulators ({@code emu.devices.sim}); everything else sees the devices' interfaces
 * ({@code Camera}, {@code IlluminantRig}, {@code rolls.FilmCamera}). May import {@code config},
 * {@code store}, {@code errors}, {@code rolls} (the film-camera seam) and the devices.
 */
package emu.station.bench;
