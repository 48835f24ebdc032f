/**
 * The device wiring: which drivers the bench's camera and rig use, picked from
 * {@code config.toml} ({@link emu.station.bench.Devices}), the rig's presets remembered for plans
 * ({@link emu.station.bench.RigPresets}), and on the virtual bench the simulated
 * film camera body and lab behind the {@code emu.devices.film} seams. The one station package that
 * builds simulators ({@code emu.devices.sim}); everything else sees the devices' interfaces
 * ({@code Camera}, {@code IlluminantRig}, {@code FilmBody}, {@code FilmLab}). May import
 * {@code config} and the devices.
 */
package emu.station.bench;
