/**
 * Device wiring that the rest of the station reaches the virtual bench through (DESIGN.md: station
 * reaches {@code emu.devices.sim} only through its driver wiring): here the lights' spectra.
 * Imports {@code emu.devices.sim}; nothing of {@code emu.station}.
 */
package emu.station.bench;
