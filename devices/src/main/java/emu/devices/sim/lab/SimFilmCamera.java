package emu.devices.sim.lab;

import emu.devices.film.FilmBody;
import emu.devices.film.FilmExposure;
import emu.devices.film.LoadedRoll;
import emu.devices.sim.bench.VirtualBench;
import emu.devices.sim.film.FilmStocks;
import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Spectrum;
import java.util.List;

/**
 * The virtual bench's film camera: exposes a frame of a simulated stock under what the bench's
 * rig emits at that moment, and records the emitted spectrum so {@link SimFilmLab} can develop it.
 */
public final class SimFilmCamera implements FilmBody {
    private final VirtualBench bench;

    public SimFilmCamera(VirtualBench bench) {
        this.bench = bench;
    }

    @Override
    public List<String> stocks() {
        return FilmStocks.names();
    }

    @Override
    public FilmExposure expose(LoadedRoll roll, List<FilmExposure> earlier, String step, double ev) {
        FilmRoll film = FilmRoll.replay(roll, earlier);
        var light = bench.light();
        int n = film.expose(light, step, ev);
        Illuminant lit = light.asIlluminant();
        double[] spd = new double[Spectrum.SIZE];
        for (int i = 0; i < spd.length; i++) {
            spd[i] = lit.spd().at(i);
        }
        return new FilmExposure(n, step, lit.name(), spd, ev);
    }
}
