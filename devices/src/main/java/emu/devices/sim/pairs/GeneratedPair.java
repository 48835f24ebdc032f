package emu.devices.sim.pairs;

import emu.calibration.pairs.Pair;

/**
 * One generated reading with its ground truth: a patch on a film frame and the digital capture
 * of the same plan step, as a row of the pairs CSV ({@link #toPair()}), plus the split it
 * belongs to and whether the digital reading clipped. {@code heldout} is empty for training rows, else what is held
 * out ({@code patch}, {@code illuminant}, {@code ev}, joined by {@code +}); {@code digitalClipped} says
 * the digital reading has a channel at the sensor's white level (a patch reader would flag it).
 */
public record GeneratedPair(int frame, String roll, String illuminant, double ev, String patch, double[] digital, double[] film,
        String heldout, boolean digitalClipped) {
    public GeneratedPair {
        digital = digital.clone();
        film = film.clone();
    }

    @Override
    public double[] digital() {
        return digital.clone();
    }

    @Override
    public double[] film() {
        return film.clone();
    }

    /** The row of the pairs CSV. */
    public Pair toPair() {
        return new Pair(Integer.toString(frame), roll, illuminant, ev, patch, digital[0], digital[1], digital[2],
                film[0], film[1], film[2]);
    }

    /** Whether this is a training row. */
    public boolean isTraining() {
        return heldout.isEmpty();
    }
}
