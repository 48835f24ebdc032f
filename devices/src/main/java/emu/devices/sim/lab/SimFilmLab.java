package emu.devices.sim.lab;

import emu.devices.film.ControlStrip;
import emu.devices.film.FilmExposure;
import emu.devices.film.LabQuirks;
import emu.devices.film.LoadedRoll;
import emu.devices.film.ScanFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The virtual bench's lab behind the film-lab seam: {@link FilmLab#standard()} on the replayed roll,
 * with a control strip from the same run ({@link FilmLab#controlStrip}). Its strips are from one
 * lot per process, {@value #LOT}; the process is the stock's (ECN-2 for the {@code cine-} stocks,
 * C-41 for the others).
 */
public final class SimFilmLab implements emu.devices.film.FilmLab {
    @Override
    public List<ScanFile> develop(LoadedRoll roll, List<FilmExposure> exposures, LabQuirks quirks, Path outDir,
            Consumer<String> progress) throws IOException {
        return FilmLab.standard().process(FilmRoll.replay(roll, exposures), quirks, outDir, progress);
    }

    /** The lot of every strip this lab runs (a lot's reference strip comes with it). */
    public static final String LOT = "SIM-0001";

    @Override
    public Optional<ControlStrip> controlStrip(LoadedRoll roll, LabQuirks quirks) {
        FilmRoll replayed = FilmRoll.replay(roll, List.of());
        double[][] strip = FilmLab.standard().controlStrip(replayed, quirks.pushStops());
        String process = roll.stock().startsWith("cine-") ? "ECN-2" : "C-41";
        return Optional.of(new ControlStrip(process, LOT, strip[0], strip[1]));
    }
}
