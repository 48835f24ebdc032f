package emu.station.bench;

import emu.devices.sim.bench.LightState;
import emu.devices.sim.bench.VirtualBench;
import emu.devices.sim.film.FilmStocks;
import emu.devices.sim.lab.FilmLab;
import emu.devices.sim.lab.FilmRoll;
import emu.devices.sim.lab.LabQuirks;
import emu.devices.sim.lab.ScanFile;
import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Spectrum;
import emu.station.errors.ConflictException;
import emu.station.errors.InvalidInputException;
import emu.station.errors.NotFoundException;
import emu.station.rolls.FilmCamera;
import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.RollRepository.Frame;
import emu.station.store.RollRepository.Roll;
import emu.station.store.RollRepository.Settings;
import emu.station.store.RollRepository.SimExposure;
import emu.station.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The virtual bench's film side: the simulated film camera (a {@link FilmCamera} exposing each
 * frame under the bench's current light) and the simulated lab that develops and scans a roll.
 * What the lab needs of each frame (the light's spectrum, the step, the EV) is stored with the
 * frame ({@code sim_exposures}), so the lab still develops the roll after a restart. Part of the
 * device wiring: the one place besides {@link Devices} that builds simulators.
 */
public final class SimFilmBench implements FilmCamera {
    private final Store store;
    private final VirtualBench bench;
    /** The rolls being exposed, rebuilt from the store after a restart. */
    private final Map<String, FilmRoll> rolls = new ConcurrentHashMap<>();

    SimFilmBench(Store store, VirtualBench bench) {
        this.store = store;
        this.bench = bench;
    }

    /** The virtual bench's film camera and lab when the configured devices are the virtual bench. */
    public static Optional<SimFilmBench> of(Store store, Devices devices) {
        return devices.bench().map(b -> new SimFilmBench(store, b));
    }

    /** The film stocks the simulated film camera can load, by name (what a set on the virtual bench may profile). */
    public List<String> stocks() {
        return FilmStocks.names();
    }

    @Override
    public Frame expose(Roll roll, PlanStep step, int number) {
        FilmRoll sim = simRoll(roll, roll.settings().frames(), roll.settings().slate());
        LightState light = bench.light();
        int exposed = sim.expose(light, step.code(), step.ev()); // the slate shows the short code
        Illuminant lit = light.asIlluminant();
        double[] spd = new double[Spectrum.SIZE];
        for (int i = 0; i < spd.length; i++) {
            spd[i] = lit.spd().at(i);
        }
        return store.atomically(() -> {
            Frame f = store.rolls().addFrame(roll.id(), exposed, step.id(), Instant.now());
            store.rolls().addSimExposure(roll.id(), new SimExposure(exposed, step.code(), lit.name(), spd, step.ev()));
            return f;
        });
    }

    /**
     * Develops and scans a roll shot on the bench into {@code outDir} with the given quirks, as a
     * real lab's delivery folder.
     *
     * @throws ConflictException when the roll has no frames exposed on the virtual bench
     */
    public List<ScanFile> develop(long rollId, LabQuirks quirks, Path outDir, Consumer<String> progress) throws IOException {
        Roll roll = store.rolls().byId(rollId).orElseThrow(() -> new NotFoundException("no roll " + rollId));
        Settings settings = roll.settings();
        FilmRoll sim = store.rolls().simExposures(rollId).isEmpty() ? null : simRoll(roll, settings.frames(), settings.slate());
        if (sim == null || sim.frames().isEmpty()) {
            throw new ConflictException(roll.status().name().toLowerCase(Locale.ROOT), "roll " + roll.code()
                    + " was not shot on the virtual bench; the simulated lab has nothing to develop");
        }
        return FilmLab.standard().process(sim, quirks, outDir, progress);
    }

    /**
     * {@link #develop} with the lab's quirks as plain numbers (the API's {@code sim-lab} body).
     *
     * @return how many files the lab delivered
     */
    public int develop(long rollId, int numberingOffset, OptionalInt skippedFrame, OptionalInt scannedTwice, Path outDir)
            throws IOException {
        LabQuirks q;
        try {
            q = LabQuirks.NONE.withNumberingOffset(numberingOffset);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("numbering_offset", e.getMessage(), e);
        }
        if (numberingOffset < -1) { // frames count from 1 and a lab's numbers from 0 (was a 500: two files named F00)
            throw new InvalidInputException("numbering_offset", "numbering_offset " + numberingOffset + " would number frame 1 as "
                    + (1 + numberingOffset) + "; a lab's file numbers start at 0, so -1..9");
        }
        if (skippedFrame.isPresent()) {
            q = q.withSkippedFrame(skippedFrame.getAsInt());
        }
        if (scannedTwice.isPresent()) {
            q = q.withScannedTwice(scannedTwice.getAsInt());
        }
        return develop(rollId, q, outDir, line -> { }).size();
    }

    /** The roll in the simulated film camera: in memory, or rebuilt from its stored exposures after a restart. */
    private FilmRoll simRoll(Roll roll, int capacity, boolean slate) {
        return rolls.computeIfAbsent(roll.code(), code -> {
            String stock = store.stocks().all().stream().filter(s -> s.id() == roll.stockId()).findFirst()
                    .orElseThrow().name();
            if (!FilmStocks.names().contains(stock)) {
                throw new InvalidInputException("stock", "stock '" + stock + "' is not a simulated film stock; the virtual"
                        + " bench has " + FilmStocks.names());
            }
            FilmRoll r = new FilmRoll(stock, code, capacity, code.hashCode(), slate);
            for (SimExposure e : store.rolls().simExposures(roll.id())) {
                // The stored spectrum is what was emitted (intensity and drift in it), as asIlluminant() gave it.
                Spectrum emitted = Spectrum.of(e.spectrum());
                r.expose(new LightState(Optional.of(new Illuminant(e.light(), emitted)), emitted, true), e.step(), e.ev());
            }
            return r;
        });
    }
}
