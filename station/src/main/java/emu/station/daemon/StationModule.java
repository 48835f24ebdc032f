package emu.station.daemon;

import io.javalin.config.RoutesConfig;

/**
 * A part of the station the daemon starts (shoot runner, job queue, web UI, ...): given the
 * running daemon it registers its HTTP routes and whatever must be closed at shutdown
 * ({@link Daemon#closeOnStop}).
 */
@FunctionalInterface
public interface StationModule {
    void install(Daemon daemon, RoutesConfig routes) throws Exception;
}
