package emu.calibration.lut;

import java.math.BigDecimal;

/**
 * Fixed-point decimal text for LUT files (.cube and CLF rows). {@code String.format} costs about a microsecond a
 * number, and a 65^3 table has 824k of them, so table values take this integer path.
 */
final class Decimals {
    /** Decimals printed for table values: 1e-6 is 1/16 of a 16-bit code value. */
    static final int TABLE_PLACES = 6;
    private static final long SCALE = 1_000_000L;

    private Decimals() {}

    /** Appends {@code v} with exactly {@link #TABLE_PLACES} decimals, rounded half away from zero. */
    static void appendTable(StringBuilder sb, double v) {
        long units = Math.round(Math.abs(v) * SCALE);
        if (v < 0 && units != 0) {
            sb.append('-');
        }
        sb.append(units / SCALE).append('.');
        String frac = Long.toString(units % SCALE);
        for (int i = frac.length(); i < TABLE_PLACES; i++) {
            sb.append('0');
        }
        sb.append(frac);
    }

    /** Appends one table row "r g b" and a newline. */
    static void appendRow(StringBuilder sb, float r, float g, float b) {
        appendTable(sb, r);
        sb.append(' ');
        appendTable(sb, g);
        sb.append(' ');
        appendTable(sb, b);
        sb.append('\n');
    }

    /** Hands the text built so far to {@code w} once it is large, so big tables stream instead of piling up. */
    static void flushIfLarge(StringBuilder sb, java.io.Writer w) throws java.io.IOException {
        if (sb.length() > 1 << 16) {
            w.write(sb.toString());
            sb.setLength(0);
        }
    }

    /** The shortest plain (never exponent) decimal that reads back as exactly {@code v}. */
    static String exact(double v) {
        String s = new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
