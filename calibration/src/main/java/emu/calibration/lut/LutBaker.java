package emu.calibration.lut;

import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ColourModel;
import java.util.Objects;
import java.util.Optional;

/**
 * Bakes a fitted {@link ColourModel} into a 3D LUT for one input encoding and one illuminant
 * (DESIGN.md, "LUT input encodings").
 *
 * <p>Each lattice point's input code value is decoded to scene-linear Rec.709 through the
 * encoding's curve and RGB space ({@link InputEncoding#toRec709Linear}); for an encoding that
 * {@linkplain InputEncoding#needsShaper needs a shaper} (scene-linear input) the lattice
 * coordinate is first undone through the {@link LinearShaper} log curve, and
 * the shaper goes into the LUT. The model predicts film-scan values, which are the LUT's output.
 * Output is clamped to 0..1 (the scan's code range; consumers clip there anyway) so the LUT
 * stays finite and bounded wherever the model extrapolates; a NaN from the model is an error.
 *
 * <p>The model is called with the whole lattice at once (in slabs of at most
 * {@value #MAX_BATCH} points, which a 65^3 lattice never exceeds), so batched models such as
 * an MLP pay their per-call cost once.
 */
public final class LutBaker {
    /** Points per predict call: 65^3 = 274,625 fits in one; 256^3 takes 17 calls of ~24 MB each. */
    static final int MAX_BATCH = 1 << 20;

    private LutBaker() {}

    /** A baked LUT and what the bake found. */
    public record Baked(ShapedLut lut, BakeReport report) {}

    /**
     * @param size lattice points per axis, 2..256 (17, 33 and 65 are the usual)
     * @throws IllegalArgumentException if the model cannot serve {@code illuminant} or the size is out of range
     * @throws IllegalStateException if the model returns NaN or the wrong number of values
     */
    public static Baked bake(ColourModel model, String illuminant, InputEncoding encoding, int size) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(illuminant, "illuminant");
        Lut3D.checkSize(size);
        boolean shaped = encoding.needsShaper();
        int points = size * size * size;
        float[] table = new float[3 * points];
        long clamped = 0;
        int slab = Math.max(1, MAX_BATCH / (size * size)) * size * size; // whole blue planes per call
        for (int start = 0; start < points; start += slab) {
            int count = Math.min(slab, points - start);
            double[] codes = new double[3 * count];
            for (int p = 0; p < count; p++) {
                int idx = start + p;
                codes[3 * p] = (idx % size) / (size - 1.0);
                codes[3 * p + 1] = (idx / size % size) / (size - 1.0);
                codes[3 * p + 2] = (idx / (size * size)) / (size - 1.0);
            }
            double[] linear = encoding.toRec709Linear(shaped ? unshape(codes) : codes);
            double[] film = model.predict(linear, illuminant);
            if (film == null || film.length != linear.length) {
                throw new IllegalStateException("model returned " + (film == null ? "null" : film.length + " values")
                        + " for " + count + " points (expected " + linear.length + ")");
            }
            for (int i = 0; i < film.length; i++) {
                double v = film[i];
                if (Double.isNaN(v)) {
                    int idx = start + i / 3;
                    throw new IllegalStateException("model returned NaN for illuminant " + illuminant + " at lattice point ("
                            + idx % size + ", " + idx / size % size + ", " + idx / (size * size) + ") of " + size
                            + "^3, scene-linear input " + linear[i - i % 3] + ", " + linear[i - i % 3 + 1] + ", "
                            + linear[i - i % 3 + 2]);
                }
                if (v < 0 || v > 1) {
                    clamped++;
                    v = v < 0 ? 0 : 1;
                }
                table[3 * start + i] = (float) v;
            }
        }
        Lut3D cube = new Lut3D(size, table);
        Optional<Lut1D> shaper = shaped ? Optional.of(LinearShaper.lut()) : Optional.empty();
        return new Baked(new ShapedLut(shaper, cube), BakeReport.of(cube, clamped));
    }


    private static double[] unshape(double[] codes) {
        double[] out = new double[codes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = LinearShaper.linear(codes[i]);
        }
        return out;
    }
}
