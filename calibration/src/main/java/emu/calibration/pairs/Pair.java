package emu.calibration.pairs;

/**
 * One pairing of a digital capture with the film scan of the same plan step and patch
 * (DESIGN.md, "Pairs CSV"): digital = scene-linear camera RGB in Rec.709 primaries, film = scan
 * values 0..1 as the lab delivered them.
 */
public record Pair(String frame, String roll, String illuminant, double ev, String patch,
                   double digitalR, double digitalG, double digitalB,
                   double filmR, double filmG, double filmB) {

    public Pair {
        if (illuminant == null || illuminant.isBlank()) {
            throw new IllegalArgumentException("a pair needs an illuminant name");
        }
        if (patch == null || patch.isBlank()) {
            throw new IllegalArgumentException("a pair needs a patch id");
        }
        frame = frame == null ? "" : frame;
        roll = roll == null ? "" : roll;
    }

    /** A new {@code {r, g, b}} of the digital values. */
    public double[] digital() {
        return new double[] {digitalR, digitalG, digitalB};
    }

    /** A new {@code {r, g, b}} of the film values. */
    public double[] film() {
        return new double[] {filmR, filmG, filmB};
    }
}
