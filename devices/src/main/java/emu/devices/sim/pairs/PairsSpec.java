package emu.devices.sim.pairs;

import emu.devices.sim.film.FilmStocks;
import emu.devices.sim.film.Lottery;
import emu.devices.sim.spectral.Illuminants;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the pairs generator shoots: a stock, a seed, the training illuminants and exposures, the
 * held-out ones, and which 190-set patches are held out (every {@code heldoutPatchEvery}-th).
 * Every combination of (training or held-out) illuminant and EV is one film frame carrying both
 * charts; a row is held out when its patch, its illuminant or its EV is.
 *
 * @param pixelsPerPatch pixels averaged per patch reading (sets the noise and grain left on a reading)
 * @param framesPerRoll frames per roll; each roll is developed with its own variation
 * @param lottery how the rolls differ and whether each roll repeats the whole plan ({@link Lottery})
 */
public record PairsSpec(String stock, long seed, List<String> illuminants, List<String> heldoutIlluminants,
        List<Double> evs, List<Double> heldoutEvs, int heldoutPatchEvery, int pixelsPerPatch, int framesPerRoll,
        Lottery lottery) {

    /** A spec with the rolls varying as they always did ({@link Lottery#TODAY}). */
    public PairsSpec(String stock, long seed, List<String> illuminants, List<String> heldoutIlluminants,
            List<Double> evs, List<Double> heldoutEvs, int heldoutPatchEvery, int pixelsPerPatch, int framesPerRoll) {
        this(stock, seed, illuminants, heldoutIlluminants, evs, heldoutEvs, heldoutPatchEvery, pixelsPerPatch, framesPerRoll,
                Lottery.TODAY);
    }

    /** Training illuminants by default: daylights, tungsten, two fluorescents and an LED. */
    public static final List<String> DEFAULT_ILLUMINANTS = List.of("D65", "D50", "A", "FL2", "FL11", "LED-B3");
    /** Held-out illuminants by default. */
    public static final List<String> DEFAULT_HELDOUT_ILLUMINANTS = List.of("D55", "FL4", "LED-B1", "4000K");
    /** Training exposures by default, stops from the metered exposure. */
    public static final List<Double> DEFAULT_EVS = List.of(-2.0, -1.0, 0.0, 1.0, 2.0);
    /** Held-out exposures by default. */
    public static final List<Double> DEFAULT_HELDOUT_EVS = List.of(-1.5, 0.5, 1.5);

    public PairsSpec {
        FilmStocks.get(stock);
        java.util.Objects.requireNonNull(lottery, "lottery");
        illuminants = List.copyOf(illuminants);
        heldoutIlluminants = List.copyOf(heldoutIlluminants);
        evs = List.copyOf(evs);
        heldoutEvs = List.copyOf(heldoutEvs);
        if (illuminants.isEmpty() || evs.isEmpty()) {
            throw new IllegalArgumentException("at least one training illuminant and one training EV are required");
        }
        Set<String> seen = new HashSet<>();
        for (String name : concat(illuminants, heldoutIlluminants)) {
            Illuminants.get(name);
            if (!seen.add(name.toUpperCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("illuminant " + name + " is listed twice (training and held-out lists must be disjoint)");
            }
        }
        Set<Double> seenEv = new HashSet<>();
        for (double ev : concat(evs, heldoutEvs)) {
            if (!(ev >= -8 && ev <= 8)) {
                throw new IllegalArgumentException("EV " + ev + " is outside -8..8");
            }
            if (!seenEv.add(ev)) {
                throw new IllegalArgumentException("EV " + ev + " is listed twice (training and held-out lists must be disjoint)");
            }
        }
        if (heldoutPatchEvery < 2) {
            throw new IllegalArgumentException("heldoutPatchEvery must be at least 2, got " + heldoutPatchEvery);
        }
        if (pixelsPerPatch < 1 || framesPerRoll < 1) {
            throw new IllegalArgumentException("pixelsPerPatch and framesPerRoll must be positive");
        }
    }

    /** The defaults for {@code stock}: every 5th 190-set patch held out, 400 pixels per patch, 36-frame rolls. */
    public static PairsSpec defaults(String stock, long seed) {
        return new PairsSpec(stock, seed, DEFAULT_ILLUMINANTS, DEFAULT_HELDOUT_ILLUMINANTS, DEFAULT_EVS, DEFAULT_HELDOUT_EVS, 5, 400, 36);
    }

    /** This spec with other training and held-out illuminants. */
    public PairsSpec withIlluminants(List<String> train, List<String> heldout) {
        return new PairsSpec(stock, seed, train, heldout, evs, heldoutEvs, heldoutPatchEvery, pixelsPerPatch, framesPerRoll,
                lottery);
    }

    /** This spec with other training and held-out EVs. */
    public PairsSpec withEvs(List<Double> train, List<Double> heldout) {
        return new PairsSpec(stock, seed, illuminants, heldoutIlluminants, train, heldout, heldoutPatchEvery, pixelsPerPatch, framesPerRoll,
                lottery);
    }

    /** This spec with other roll-to-roll variation and roll layout. */
    public PairsSpec withLottery(Lottery other) {
        return new PairsSpec(stock, seed, illuminants, heldoutIlluminants, evs, heldoutEvs, heldoutPatchEvery, pixelsPerPatch, framesPerRoll,
                other);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
