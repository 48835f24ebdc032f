package emu.devices.sim.film;

import emu.devices.sim.Noise;
import java.util.SplittableRandom;

/**
 * How one roll came out of the developer: per-layer contrast factors, speed shifts (log10
 * exposure) and extra fog. Real process control (e.g. Kodak Z-131 control strips) tolerates
 * a few percent of contrast and a few hundredths of log exposure between runs; rolls vary by
 * a part common to all layers (time, temperature) and a smaller crossover part per layer.
 */
public record Development(double[] gammaFactor, double[] speedShift, double[] fog) {
    /** Exactly the datasheet process. */
    public static final Development NOMINAL = new Development(new double[] {1, 1, 1}, new double[3], new double[3]);

    public Development {
        gammaFactor = gammaFactor.clone();
        speedShift = speedShift.clone();
        fog = fog.clone();
    }

    /**
     * A random development: {@code scale} = 1 gives ±3% contrast (common) ±1.5% (per layer),
     * ±0.04 log H speed (common) ±0.02 (per layer), fog +0..0.02, all one sigma.
     */
    public static Development sample(SplittableRandom rng, double scale) {
        double gCommon = 0.03 * scale * Noise.gaussian(rng);
        double sCommon = 0.04 * scale * Noise.gaussian(rng);
        double fCommon = 0.01 * scale * Math.abs(Noise.gaussian(rng));
        double[] g = new double[3];
        double[] s = new double[3];
        double[] f = new double[3];
        for (int i = 0; i < 3; i++) {
            g[i] = 1 + gCommon + 0.015 * scale * Noise.gaussian(rng);
            s[i] = sCommon + 0.02 * scale * Noise.gaussian(rng);
            f[i] = fCommon + 0.005 * scale * Math.abs(Noise.gaussian(rng));
        }
        return new Development(g, s, f);
    }

    /** This development with every layer's contrast multiplied by {@code contrast} and {@code speed} log H added (a process shift common to all layers). */
    public Development shifted(double contrast, double speed) {
        double[] g = new double[3];
        double[] s = new double[3];
        for (int i = 0; i < 3; i++) {
            g[i] = gammaFactor[i] * contrast;
            s[i] = speedShift[i] + speed;
        }
        return new Development(g, s, fog);
    }

    /**
     * This development pushed by {@code stops} (negative: pulled): longer development raises the
     * effective speed and the contrast together. Assumed, not measured: speed +stops·log10 2 in
     * log H (the push's definition: the film was rated that much faster and the development makes
     * up for it), contrast +15% per stop and a little extra fog (+0.02 per stop). The values are
     * chosen for the virtual bench, not measured on a real process.
     */
    public Development pushed(double stops) {
        Development d = shifted(1 + PUSH_CONTRAST_PER_STOP * stops, stops * Math.log10(2));
        double[] f = fog.clone();
        for (int i = 0; i < 3; i++) {
            f[i] += Math.max(0, 0.02 * stops);
        }
        return new Development(d.gammaFactor, d.speedShift, f);
    }

    /** Contrast rise of a push, per stop (see {@link #pushed}). */
    public static final double PUSH_CONTRAST_PER_STOP = 0.15;
}
