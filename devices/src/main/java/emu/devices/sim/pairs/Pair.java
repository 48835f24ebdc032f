package emu.devices.sim.pairs;

/**
 * One row of the pairs CSV (DESIGN.md, "Pairs CSV"): a patch on a film frame and the digital
 * capture of the same plan step. {@code heldout} is empty for training rows, else what is held
 * out ({@code patch}, {@code illuminant}, {@code ev}, joined by {@code +}); {@code digitalClipped} says
 * the digital reading has a channel at the sensor's white level (a patch reader would flag it).
 */
public record Pair(int frame, String roll, String illuminant, double ev, String patch, double[] digital, double[] film,
        String heldout, boolean digitalClipped) {
    public Pair {
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

    /** Whether this is a training row. */
    public boolean isTraining() {
        return heldout.isEmpty();
    }
}
