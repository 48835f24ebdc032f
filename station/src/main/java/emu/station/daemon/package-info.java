/**
 * The running station process: data-directory lock, store, HTTP server (from {@code http}), the
 * modules' routes and resources ({@link emu.station.daemon.StationModule}), logging, graceful
 * stop, and the start-up check that a shared catalogue's data root is the one mounted
 * ({@link emu.station.daemon.DataRootCheck}). May import {@code http}, {@code store}, {@code config},
 * {@code files}; the modules ({@code api},
 * {@code ui}, {@code auth}) import it, never the other way round.
 */
package emu.station.daemon;
