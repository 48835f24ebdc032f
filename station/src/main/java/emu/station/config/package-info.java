/**
 * {@code config.toml}: the typed configuration ({@code StationConfig}), its loader with every
 * problem reported by line and key ({@code ConfigLoader}, {@code TomlReader}), suggestions for
 * misspelt names. Imports nothing of the station; every package may use it.
 */
package emu.station.config;
