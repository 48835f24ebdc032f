package emu.station.api;

import emu.station.errors.NotFoundException;
import emu.station.store.FilmShootRepository.FilmShootRow;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.RollRepository.Roll;
import emu.station.store.Store;

/** Looks up what a route's path names; an unknown id is a 404 saying what was missing. */
final class Found {
    private Found() {}

    static ProfilingSet set(Store store, long id) {
        return store.sets().byId(id).orElseThrow(() -> new NotFoundException("no profiling set " + id));
    }

    static Roll roll(Store store, long id) {
        return store.rolls().byId(id).orElseThrow(() -> new NotFoundException("no roll " + id));
    }

    static FilmShootRow filmShoot(Store store, long id) {
        return store.filmShoots().byId(id).orElseThrow(() -> new NotFoundException("no film shoot " + id));
    }
}
