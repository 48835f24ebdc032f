package emu.devices.film;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A lab that develops an exposed roll and delivers its scans as files in a folder. */
public interface FilmLab {
    /**
     * Develops and scans {@code roll} into {@code outDir} (created; it must not hold scans yet).
     *
     * @param exposures the roll's exposed frames, in order, as the {@link FilmBody} recorded them
     * @param quirks the lab's slips on this order (a frame not scanned, numbering offset, ...)
     * @param progress one line per scanned frame
     * @return the delivered scans
     */
    List<ScanFile> develop(LoadedRoll roll, List<FilmExposure> exposures, LabQuirks quirks, Path outDir,
            Consumer<String> progress) throws IOException;

    /**
     * The control strip the lab ran with {@code roll} developed with {@code quirks} (the same
     * development as {@link #develop}'s), if the lab reports one; a lab that does not: empty.
     */
    default Optional<ControlStrip> controlStrip(LoadedRoll roll, LabQuirks quirks) {
        return Optional.empty();
    }
}
