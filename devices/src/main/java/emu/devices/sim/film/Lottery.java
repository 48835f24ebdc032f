package emu.devices.sim.film;

import emu.devices.sim.Noise;
import java.util.SplittableRandom;

/**
 * How the rolls of one profiling set differ: the celluloid lottery the station's roll-aware fit
 * has to see through. Every roll is one lab visit.
 *
 * <ul>
 *   <li>{@code variationScale}: multiplies the stock's own roll-to-roll spread ({@link
 *       FilmStock#variation()}, {@link Development#sample}); 1 = a typical lab (what the
 *       generator always did), 0 = every roll developed exactly by the datasheet: the stock's
 *       <em>nominal</em> render;</li>
 *   <li>{@code repeats}: 0 = the plan is shot once, frame after frame, over as many rolls as it
 *       takes (what the generator always did); n &gt; 0 = the whole plan is shot n times, each
 *       repeat starting on a fresh roll, so every roll covers the same lights and exposures;</li>
 *   <li>{@code pushedRoll} / {@code pushStops}: roll number (1-based; 0 = none) developed as if
 *       pushed by {@code pushStops} stops, see {@link Development#pushed};</li>
 *   <li>{@code driftPerVisit}: the lab's process mean walks between visits (a random walk in the
 *       common contrast factor and speed, this many one-sigma steps of the stock's spread per
 *       visit): process drift that a lab's control strips would show.</li>
 * </ul>
 */
public record Lottery(double variationScale, int repeats, int pushedRoll, double pushStops, double driftPerVisit) {
    /** What the generator always did: the stock's own spread, the plan split over rolls, no push, no drift. */
    public static final Lottery TODAY = new Lottery(1, 0, 0, 0, 0);

    public Lottery {
        if (!(variationScale >= 0 && variationScale <= 10)) {
            throw new IllegalArgumentException("roll variation scale must be within 0..10, got " + variationScale);
        }
        if (repeats < 0 || repeats > 50) {
            throw new IllegalArgumentException("repeats (rolls per set) must be within 0..50, got " + repeats);
        }
        if (pushedRoll < 0) {
            throw new IllegalArgumentException("pushed roll must be a roll number from 1, or 0 for none; got " + pushedRoll);
        }
        if (!(Math.abs(pushStops) <= 3)) {
            throw new IllegalArgumentException("push must be within -3..3 stops, got " + pushStops);
        }
        if (!(driftPerVisit >= 0 && driftPerVisit <= 5)) {
            throw new IllegalArgumentException("process drift per visit must be within 0..5 sigma, got " + driftPerVisit);
        }
    }

    /** The stock's nominal render: every roll developed by the datasheet, same plan layout. */
    public Lottery nominal() {
        return new Lottery(0, repeats, 0, 0, 0);
    }

    /**
     * The development of roll {@code index} (0-based) of a set seeded {@code seed}: the stock's spread
     * scaled, the lab's drift up to this visit, the push if this is the pushed roll. With the
     * defaults it is exactly what the generator drew before this record existed.
     */
    public Development development(FilmStock stock, long seed, int index) {
        Development dev = variationScale == 0 ? Development.NOMINAL
                : Development.sample(new SplittableRandom(Noise.derive(seed, index)), stock.variation() * variationScale);
        if (driftPerVisit > 0) {
            // a random walk: visit i's process mean is the sum of i steps drawn from their own stream
            SplittableRandom walk = new SplittableRandom(Noise.derive(seed, -7));
            double gamma = 0;
            double speed = 0;
            for (int v = 1; v <= index; v++) {
                gamma += 0.03 * stock.variation() * driftPerVisit * Noise.gaussian(walk);
                speed += 0.04 * stock.variation() * driftPerVisit * Noise.gaussian(walk);
            }
            dev = dev.shifted(1 + gamma, speed);
        }
        if (pushedRoll == index + 1 && pushStops != 0) {
            dev = dev.pushed(pushStops);
        }
        return dev;
    }
}
