package emu.devices.sim.lab;

import emu.devices.film.FilmExposure;
import emu.devices.film.LabQuirks;
import emu.devices.film.LoadedRoll;
import emu.devices.film.ScanFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The virtual bench's lab behind the film-lab seam: {@link FilmLab#standard()} on the replayed roll. */
public final class SimFilmLab implements emu.devices.film.FilmLab {
    @Override
    public List<ScanFile> develop(LoadedRoll roll, List<FilmExposure> exposures, LabQuirks quirks, Path outDir,
            Consumer<String> progress) throws IOException {
        return FilmLab.standard().process(FilmRoll.replay(roll, exposures), quirks, outDir, progress);
    }
}
