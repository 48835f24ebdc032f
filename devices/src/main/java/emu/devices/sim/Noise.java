package emu.devices.sim;

import java.util.SplittableRandom;

/** Random deviates shared by the simulators, all drawn from an explicit seeded source so that runs repeat. */
public final class Noise {
    private Noise() {}

    /** A standard normal deviate by the Box-Muller transform (Box &amp; Muller 1958, Ann. Math. Stat. 29(2)). */
    public static double gaussian(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * A seed for a sub-stream, derived from a parent seed and a label (e.g. a roll number) with
     * the SplitMix64 finaliser (Steele, Lea &amp; Flood 2014), so streams do not depend on draw order.
     */
    public static long derive(long seed, long label) {
        long z = seed + 0x9E3779B97F4A7C15L * (label + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
