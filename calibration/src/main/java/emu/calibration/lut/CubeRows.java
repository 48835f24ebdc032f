package emu.calibration.lut;

/**
 * The fast path of the .cube reader ({@link CubeFile}) for a table row: exactly three decimal
 * numbers separated by blanks, checked and converted by hand on the file's bytes, because a
 * regex and a split per row cost more than the parse on 65^3 tables, and decoding each line to a
 * {@code String} first was most of what remained (JFR of {@code station apply}: readLine, strip
 * and the UTF-16 checks of {@code charAt}). A row this rejects goes through the reader's general
 * path, which names the problem.
 */
final class CubeRows {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15};

    private CubeRows() {}

    /**
     * Reads {@code s[from..to)} as blanks (space, tab), three numbers of the reader's NUMBER form
     * separated by blanks, blanks, into {@code out}; false when it is anything else or a number
     * is not finite.
     */
    static boolean scan(byte[] s, int from, int to, double[] out) {
        int i = from;
        for (int k = 0; k < 3; k++) {
            while (i < to && (s[i] == ' ' || s[i] == '\t')) {
                i++;
            }
            int start = i;
            int end = decimalEnd(s, i, to);
            if (end < 0 || (end < to && s[end] != ' ' && s[end] != '\t')) {
                return false;
            }
            out[k] = parseDecimal(s, start, end);
            if (!Double.isFinite(out[k])) {
                return false;
            }
            i = end;
        }
        while (i < to && (s[i] == ' ' || s[i] == '\t')) {
            i++;
        }
        return i == to;
    }

    /**
     * A decimal already checked by {@link #decimalEnd}. Plain numbers of at most 15 digits (what
     * LUT writers print) are an integer over a power of ten: both exact in a double, so the one
     * division is correctly rounded, as {@link Double#parseDouble} would be, at a fraction of its
     * cost. Anything else (exponents, long mantissas) goes to {@link Double#parseDouble}.
     */
    private static double parseDecimal(byte[] s, int start, int end) {
        int i = start;
        boolean negative = s[i] == '-';
        if (negative || s[i] == '+') {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < end; i++) {
            byte c = s[i];
            if (c == '.') {
                fraction = 0;
                continue;
            }
            if (!isDigit(c) || ++digits > 15) {
                return Double.parseDouble(new String(s, start, end - start, java.nio.charset.StandardCharsets.US_ASCII));
            }
            mantissa = 10 * mantissa + (c - '0');
            if (fraction >= 0) {
                fraction++;
            }
        }
        double v = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
        return negative ? -v : v;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The end of a number ({@code [-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?}) starting at {@code i}, or -1. */
    private static int decimalEnd(byte[] s, int i, int n) {
        if (i < n && (s[i] == '-' || s[i] == '+')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s[i])) {
            i++;
            digits++;
        }
        if (i < n && s[i] == '.') {
            i++;
            while (i < n && isDigit(s[i])) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return -1;
        }
        if (i < n && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            if (i < n && (s[i] == '-' || s[i] == '+')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s[i])) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return -1;
            }
        }
        return i;
    }
}
