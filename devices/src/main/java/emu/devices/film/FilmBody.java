package emu.devices.film;

import java.util.List;

/**
 * A film camera body the station fires itself: it exposes the next frame of a loaded roll under
 * the light the rig emits now. The body keeps no roll between calls; the station hands it the
 * exposures it stored, so a body survives a restart of the station.
 */
public interface FilmBody {
    /** The film stocks the body can be loaded with. */
    List<String> stocks();

    /**
     * Exposes the next frame of {@code roll}.
     *
     * @param earlier the roll's frames exposed so far, in order
     * @param step the plan step's code (what a slate shows)
     * @param ev stops from the metered exposure
     * @return the new frame's exposure record, to be stored with the frame
     * @throws IllegalArgumentException when the stock is not one of {@link #stocks()} or {@code ev} is out of range
     * @throws IllegalStateException when the roll is full
     */
    FilmExposure expose(LoadedRoll roll, List<FilmExposure> earlier, String step, double ev);
}
