package emu.calibration.pairs;

import emu.calibration.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pairs CSV contract (DESIGN.md, "Pairs CSV"): a header row naming at least
 * {@code frame,roll,illuminant,ev,patch,digital_r,digital_g,digital_b,film_r,film_g,film_b}
 * in any order, comma-separated, extra columns ignored. Text fields may be double-quoted.
 * Reading collects every problem before failing with {@link PairsFormatException}.
 */
public final class PairsCsv {

    /** The required columns, in the order {@link #write} emits them. */
    public static final List<String> COLUMNS = List.of("frame", "roll", "illuminant", "ev", "patch",
            "digital_r", "digital_g", "digital_b", "film_r", "film_g", "film_b");

    private PairsCsv() {}

    /** Reads a pairs CSV file. */
    public static PairSet read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    /**
     * Reads pairs CSV text; {@code source} names it in error messages.
     *
     * @throws PairsFormatException listing every problem with its line number
     */
    public static PairSet read(Reader reader, String source) throws IOException {
        LastChar tail = new LastChar(reader);
        BufferedReader r = new BufferedReader(tail);
        List<String> problems = new ArrayList<>();
        String header = r.readLine();
        if (header == null) {
            throw new PairsFormatException(source, List.of("line 1: empty file, expected the header row "
                    + String.join(",", COLUMNS)));
        }
        List<String> names = split(stripBom(header));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(names.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = COLUMNS.stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new PairsFormatException(source, List.of("line 1: missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (header has: " + String.join(",", names) + ")"));
        }
        int[] col = COLUMNS.stream().mapToInt(index::get).toArray();
        int needed = java.util.Arrays.stream(col).max().orElse(0) + 1;
        List<Pair> pairs = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (tail.atEnd() && !tail.endedWithNewline()) {
                // A file cut short (copy interrupted, disk full) usually ends mid-number, which still
                // parses ("0.4" of "0.46"): an unterminated last row is refused rather than guessed at.
                problems.add("line " + lineNo + ": no line end after the last row (file cut short?)");
                continue;
            }
            List<String> f = split(line);
            if (f.size() < needed) {
                problems.add("line " + lineNo + ": " + f.size() + " fields, expected at least " + needed);
                continue;
            }
            int before = problems.size();
            String frame = f.get(col[0]).trim();
            String roll = f.get(col[1]).trim();
            String illuminant = f.get(col[2]).trim();
            String patch = f.get(col[4]).trim();
            if (illuminant.isEmpty()) {
                problems.add("line " + lineNo + ": illuminant is empty");
            }
            if (patch.isEmpty()) {
                problems.add("line " + lineNo + ": patch is empty");
            }
            double[] v = new double[7];
            for (int k = 0; k < 7; k++) {
                int c = k == 0 ? col[3] : col[4 + k];
                String name = COLUMNS.get(k == 0 ? 3 : 4 + k);
                v[k] = number(f.get(c), name, lineNo, problems);
                if (k >= 4 && Double.isFinite(v[k]) && (v[k] < 0 || v[k] > 1)) {
                    problems.add("line " + lineNo + ": " + name + " = " + f.get(c).trim() + " is outside 0..1");
                }
            }
            if (problems.size() == before) {
                pairs.add(new Pair(frame, roll, illuminant, v[0], patch, v[1], v[2], v[3], v[4], v[5], v[6]));
            }
        }
        if (!problems.isEmpty()) {
            throw new PairsFormatException(source, problems);
        }
        if (pairs.isEmpty()) {
            throw new PairsFormatException(source, List.of("no data rows after the header"));
        }
        return new PairSet(pairs);
    }

    /** Remembers the last character the buffered reader pulled, to tell a cut file from a whole one. */
    private static final class LastChar extends java.io.FilterReader {
        private int last = '\n';
        private boolean end;

        LastChar(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c < 0) {
                end = true;
            } else {
                last = c;
            }
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n < 0) {
                end = true;
            } else if (n > 0) {
                last = buf[off + n - 1];
            }
            return n;
        }

        boolean atEnd() {
            return end;
        }

        boolean endedWithNewline() {
            return last == '\n' || last == '\r';
        }
    }

    private static double number(String text, String column, int lineNo, List<String> problems) {
        String t = text.trim();
        double d;
        try {
            d = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            problems.add("line " + lineNo + ": " + column + " = '" + t + "' is not a number");
            return Double.NaN;
        }
        if (!Double.isFinite(d)) {
            problems.add("line " + lineNo + ": " + column + " = " + t + " is not finite");
        }
        return d;
    }

    /** Writes {@code pairs} as CSV text (header + one row per pair, full double precision). */
    public static String toCsv(PairSet pairs) {
        return toCsv(pairs, null, List.of());
    }

    /**
     * As {@link #toCsv(PairSet)} with one extra column after the contract's (readers ignore extra
     * columns), e.g. to mark pairs whose digital values were decoded from a display-encoded file.
     *
     * @param values one per pair, in the set's order
     */
    public static String toCsv(PairSet pairs, String extraColumn, List<String> values) {
        if (extraColumn != null && values.size() != pairs.size()) {
            throw new IllegalArgumentException("extra column " + extraColumn + ": " + values.size() + " values for "
                    + pairs.size() + " pairs");
        }
        StringWriter w = new StringWriter();
        w.append(String.join(",", COLUMNS)).append(extraColumn == null ? "" : "," + quote(extraColumn)).append('\n');
        int row = 0;
        for (Pair p : pairs) {
            w.append(quote(p.frame())).append(',').append(quote(p.roll())).append(',')
                    .append(quote(p.illuminant())).append(',').append(Double.toString(p.ev())).append(',')
                    .append(quote(p.patch()));
            for (double v : new double[] {p.digitalR(), p.digitalG(), p.digitalB(), p.filmR(), p.filmG(), p.filmB()}) {
                w.append(',').append(Double.toString(v));
            }
            if (extraColumn != null) {
                w.append(',').append(quote(values.get(row)));
            }
            row++;
            w.append('\n');
        }
        return w.toString();
    }

    /** Writes {@code pairs} to {@code file} atomically. */
    public static void write(Path file, PairSet pairs) throws IOException {
        AtomicFiles.writeString(file, toCsv(pairs));
    }

    /** Writes {@code pairs} with one extra column ({@link #toCsv(PairSet, String, List)}) to {@code file} atomically. */
    public static void write(Path file, PairSet pairs, String extraColumn, List<String> values) throws IOException {
        AtomicFiles.writeString(file, toCsv(pairs, extraColumn, values));
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** RFC 4180 field splitting for one line (no embedded newlines). */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
