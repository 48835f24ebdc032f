package emu.calibration.color;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a LUT's input means: a transfer {@link Encoding} for the values and the {@link RgbSpace}
 * whose primaries they refer to. Converts to and from scene-linear Rec.709, the space the
 * pairs and models work in (DESIGN.md, "Pairs CSV").
 *
 * <p>The registry holds the DESIGN.md LUT input encodings: {@code linear}, {@code srgb},
 * {@code rec709} (Rec.709 primaries), {@code acescct} (ACES AP1, entered from Rec.709 by the
 * standard Bradford-adapted matrix {@link Matrices#REC709_TO_AP1_PUBLISHED}), {@code logc3} (ARRI Wide Gamut 3), {@code slog3} (S-Gamut3.Cine),
 * {@code pq} and {@code hlg} (Rec.2020).
 */
public final class InputEncoding {

    private static final Map<String, InputEncoding> BY_NAME = new LinkedHashMap<>();

    static {
        register(new InputEncoding(Encodings.LINEAR, RgbSpace.REC709).withShaper());
        register(Srgb.INSTANCE, RgbSpace.REC709);
        register(Rec709.INSTANCE, RgbSpace.REC709);
        register(new InputEncoding(AcesCct.INSTANCE, RgbSpace.ACES_AP1, Matrices.REC709_TO_AP1_PUBLISHED));
        register(LogC3.INSTANCE, RgbSpace.ARRI_WIDE_GAMUT_3);
        register(SLog3.INSTANCE, RgbSpace.S_GAMUT3_CINE);
        register(Pq.INSTANCE, RgbSpace.REC2020);
        register(Hlg.INSTANCE, RgbSpace.REC2020);
    }

    private final Encoding transfer;
    private final RgbSpace space;
    private final double[] toRec709;
    private final double[] fromRec709;
    private boolean needsShaper;

    /** Values in {@code space}, entered from Rec.709 by the matrix derived from the primaries. */
    public InputEncoding(Encoding transfer, RgbSpace space) {
        this(transfer, space, RgbSpace.conversion(RgbSpace.REC709, space));
    }

    /** Values in {@code space}, entered from linear Rec.709 by {@code fromRec709} (row-major 3x3). */
    public InputEncoding(Encoding transfer, RgbSpace space, double[] fromRec709) {
        if (fromRec709.length != 9) {
            throw new IllegalArgumentException("fromRec709 must be a 3x3 matrix");
        }
        this.transfer = transfer;
        this.space = space;
        this.fromRec709 = fromRec709.clone();
        this.toRec709 = Matrices.invert(fromRec709);
    }

    /** This encoding, marked as needing a shaper ({@link #needsShaper}); used at registration. */
    private InputEncoding withShaper() {
        needsShaper = true;
        return this;
    }

    /**
     * Whether a LUT for this encoding needs a 1D shaper before its 3D table. Scene-linear values
     * run from 0 to far above 1 with most of the image near 0, which a uniform lattice over the
     * unit cube cannot cover (DESIGN.md: {@code linear} is a Resolve-style 1D log shaper + 3D);
     * the log and display encodings already spread their range over 0..1.
     */
    public boolean needsShaper() {
        return needsShaper;
    }

    private static void register(InputEncoding e) {
        BY_NAME.put(e.name(), e);
    }

    private static void register(Encoding e, RgbSpace s) {
        register(new InputEncoding(e, s));
    }

    /**
     * The input encoding registered as {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known encodings if there is none
     */
    public static InputEncoding get(String name) {
        InputEncoding e = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("unknown input encoding '" + name + "'; known: " + String.join(", ", names()));
        }
        return e;
    }

    /** The registered names in registration order. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(BY_NAME.keySet()));
    }

    public String name() {
        return transfer.name();
    }

    public Encoding transfer() {
        return transfer;
    }

    public RgbSpace space() {
        return space;
    }

    /** Encoded triples (row-major n x 3) -> scene-linear Rec.709, into a new array. */
    public double[] toRec709Linear(double[] encoded) {
        return Matrices.applyAll(toRec709, transfer.decode(encoded));
    }

    /** Scene-linear Rec.709 triples (row-major n x 3) -> encoded, into a new array. */
    public double[] fromRec709Linear(double[] linear) {
        return transfer.encode(Matrices.applyAll(fromRec709, linear));
    }

    /** The linear RGB matrix this space -> Rec.709 (identity for Rec.709 spaces). */
    public double[] toRec709Matrix() {
        return toRec709.clone();
    }

    @Override
    public String toString() {
        return name() + " (" + space.name() + ")";
    }
}
