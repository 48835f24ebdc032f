package emu.devices.sim.lab;

import emu.devices.film.FilmExposure;
import emu.devices.film.LoadedRoll;
import emu.devices.sim.bench.LightState;
import emu.devices.sim.bench.VirtualBench;
import emu.devices.sim.film.FilmStock;
import emu.devices.sim.film.FilmStocks;
import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Spectrum;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A roll of film in the simulated film camera on the bench: frames are exposed one by one under
 * whatever the rig emits at that moment, then the roll goes to a {@link FilmLab}. Not
 * thread-safe (one camera, one operator).
 */
public final class FilmRoll {
    private static final Pattern ROLL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");

    private final FilmStock stock;
    private final String id;
    private final int capacity;
    private final long seed;
    private final boolean slate;
    private final List<ExposedFrame> frames = new ArrayList<>();

    /** A roll whose frames show the chart alone; see {@link #FilmRoll(String, String, int, long, boolean)}. */
    public FilmRoll(String stockName, String id, int capacity, long seed) {
        this(stockName, id, capacity, seed, false);
    }

    /**
     * @param stockName a stock of {@link FilmStocks}
     * @param id the roll's name as the lab prints it on the files, e.g. {@code R0001}
     * @param capacity frames on the roll (e.g. 24, 36)
     * @param seed this roll's development variation, grain and framing
     * @param slate whether a slate stands next to the chart, showing each frame's step text as a
     *     QR code (the station's slate page on a tablet)
     */
    public FilmRoll(String stockName, String id, int capacity, long seed, boolean slate) {
        this.stock = FilmStocks.get(stockName);
        if (id == null || !ROLL_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("roll id '" + id + "' must be 1-32 letters, digits or '-'");
        }
        if (capacity < 1 || capacity > 99) {
            throw new IllegalArgumentException("roll capacity must be 1..99 frames, got " + capacity);
        }
        this.id = id;
        this.capacity = capacity;
        this.seed = seed;
        this.slate = slate;
    }

    /**
     * The roll {@code roll} with {@code exposures} exposed again, as they were recorded: the
     * development seed is the roll code's hash, so the replayed roll develops as the first did.
     */
    public static FilmRoll replay(LoadedRoll roll, List<FilmExposure> exposures) {
        FilmRoll r = new FilmRoll(roll.stock(), roll.code(), roll.frames(), roll.code().hashCode(), roll.slate());
        for (FilmExposure e : exposures) {
            // The recorded spectrum is what was emitted (intensity and drift in it), as asIlluminant() gave it.
            Spectrum emitted = Spectrum.of(e.spectrum());
            r.expose(new LightState(Optional.of(new Illuminant(e.light(), emitted)), emitted, true), e.step(), e.ev());
        }
        return r;
    }

    /** Whether the frames carry a slate with their step text. */
    public boolean slate() {
        return slate;
    }

    public FilmStock stock() {
        return stock;
    }

    public String id() {
        return id;
    }

    public long seed() {
        return seed;
    }

    /** Frames exposed so far, in order. */
    public List<ExposedFrame> frames() {
        return List.copyOf(frames);
    }

    /**
     * Exposes the next frame under the bench's current light.
     *
     * @param step the plan step id this frame belongs to (what the slate shows, if there is one)
     * @param ev stops from the metered exposure
     * @return the frame's number on the roll
     * @throws IllegalStateException when the roll is full
     */
    public int expose(VirtualBench bench, String step, double ev) {
        return expose(bench.light(), step, ev);
    }

    /** Exposes the next frame under {@code light}; see {@link #expose(VirtualBench, String, double)}. */
    public int expose(LightState light, String step, double ev) {
        if (frames.size() >= capacity) {
            throw new IllegalStateException("roll " + id + " is full (" + capacity + " frames); load a new roll");
        }
        if (!(ev >= -8 && ev <= 8)) {
            throw new IllegalArgumentException("frame exposure must be within -8..8 EV, got " + ev);
        }
        int n = frames.size() + 1;
        frames.add(new ExposedFrame(n, step, light.asIlluminant(), ev));
        return n;
    }
}
