package emu.station.rolls;

import emu.devices.film.FilmBody;
import emu.devices.film.FilmExposure;
import emu.devices.film.FilmLab;
import emu.devices.film.LabQuirks;
import emu.devices.film.LoadedRoll;
import emu.devices.film.ScanFile;
import emu.station.errors.ConflictException;
import emu.station.errors.InvalidInputException;
import emu.station.errors.NotFoundException;
import emu.station.labs.ControlStrips;
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
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * A film camera body and a lab the station drives itself (the device seams of
 * {@code emu.devices.film}; on the virtual bench, its simulated camera and lab): the body exposes
 * each frame of the film shoot, and what it recorded is stored with the frame ({@code
 * sim_exposures}), so the lab still develops the roll after a restart. The device wiring decides
 * whether the bench has them ({@code bench.Devices#filmBody}).
 */
public final class FilmDevices implements FilmCamera {
    private final Store store;
    private final FilmBody body;
    private final FilmLab lab;

    public FilmDevices(Store store, FilmBody body, FilmLab lab) {
        this.store = store;
        this.body = body;
        this.lab = lab;
    }

    /** The film stocks the body can be loaded with, by name (what a set on this bench may profile). */
    public List<String> stocks() {
        return body.stocks();
    }

    @Override
    public Frame expose(Roll roll, PlanStep step, int number) {
        FilmExposure e = body.expose(loaded(roll), exposures(roll.id()), step.code(), step.ev()); // the slate shows the short code
        return store.atomically(() -> {
            Frame f = store.rolls().addFrame(roll.id(), e.frame(), step.id(), Instant.now());
            store.rolls().addSimExposure(roll.id(), new SimExposure(e.frame(), e.step(), e.light(), e.spectrum(), e.ev()));
            return f;
        });
    }

    /**
     * Develops and scans a roll shot with the body into {@code outDir} with the given quirks, as a
     * real lab's delivery folder.
     *
     * @throws ConflictException when the roll has no frames exposed by the body
     */
    public List<ScanFile> develop(long rollId, LabQuirks quirks, Path outDir, Consumer<String> progress) throws IOException {
        Roll roll = store.rolls().byId(rollId).orElseThrow(() -> new NotFoundException("no roll " + rollId));
        List<FilmExposure> exposures = exposures(rollId);
        if (exposures.isEmpty()) {
            throw new ConflictException(roll.status().name().toLowerCase(Locale.ROOT), "roll " + roll.code()
                    + " was not shot on the virtual bench; the simulated lab has nothing to develop");
        }
        // the push the roll was sent to the lab with (POST /api/rolls/N/lab push_pull), plus any mistake of the lab's
        LabQuirks asked = quirks.withPush(quirks.pushStops() + roll.pushPull().orElse(0));
        List<ScanFile> delivered = lab.develop(loaded(roll), exposures, asked, outDir, progress);
        // the strip the lab ran with the roll, from the same development (issue 20, lab process control)
        lab.controlStrip(loaded(roll), asked).ifPresent(strip -> new ControlStrips(store).recordFromLab(rollId, strip));
        return delivered;
    }

    /**
     * {@link #develop} with the lab's quirks as plain numbers (the API's {@code sim-lab} body).
     *
     * @return how many files the lab delivered
     */
    public int develop(long rollId, int numberingOffset, OptionalInt skippedFrame, OptionalInt scannedTwice, Path outDir)
            throws IOException {
        return develop(rollId, numberingOffset, skippedFrame, scannedTwice, 0, outDir);
    }

    /** The same, the lab developing the roll {@code misprocessedStops} further than it was asked to (issue 20). */
    public int develop(long rollId, int numberingOffset, OptionalInt skippedFrame, OptionalInt scannedTwice,
                       double misprocessedStops, Path outDir) throws IOException {
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
        try {
            q = q.withPush(misprocessedStops);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("misprocessed_stops", e.getMessage(), e);
        }
        if (skippedFrame.isPresent()) {
            q = q.withSkippedFrame(skippedFrame.getAsInt());
        }
        if (scannedTwice.isPresent()) {
            q = q.withScannedTwice(scannedTwice.getAsInt());
        }
        return develop(rollId, q, outDir, line -> { }).size();
    }

    private LoadedRoll loaded(Roll roll) {
        String stock = store.stocks().all().stream().filter(s -> s.id() == roll.stockId()).findFirst().orElseThrow().name();
        if (!body.stocks().contains(stock)) {
            throw new InvalidInputException("stock", "stock '" + stock + "' is not a simulated film stock; the virtual"
                    + " bench has " + body.stocks());
        }
        Settings settings = roll.settings();
        return new LoadedRoll(stock, roll.code(), settings.frames(), settings.slate());
    }

    private List<FilmExposure> exposures(long rollId) {
        return store.rolls().simExposures(rollId).stream()
                .map(e -> new FilmExposure(e.number(), e.step(), e.light(), e.spectrum(), e.ev())).toList();
    }
}
