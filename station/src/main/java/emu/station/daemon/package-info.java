/**
 * The running station process: data-directory lock, store, HTTP server (from {@code http}), the
 * modules' routes and resources ({@link emu.station.daemon.StationModule}), logging, graceful
 * stop. May import {@code http}, {@code store}, {@code config}; the modules ({@code api},
 * {@code ui}, {@code auth}) import it, never the other way round.
 */
package emu.station.daemon;
