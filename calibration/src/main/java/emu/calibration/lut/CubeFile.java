package emu.calibration.lut;

import emu.calibration.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The .cube text format in its two dialects, written and read strictly.
 *
 * <ul>
 *   <li>Adobe Cube LUT Specification 1.0 (2013): {@code TITLE}, {@code DOMAIN_MIN},
 *       {@code DOMAIN_MAX}, {@code LUT_3D_SIZE}, then {@code size^3} rows "r g b", red fastest.
 *   <li>The DaVinci Resolve form: {@code LUT_1D_SIZE} + {@code LUT_1D_INPUT_RANGE min max} and
 *       {@code LUT_3D_SIZE} + {@code LUT_3D_INPUT_RANGE min max}; the 1D rows come first and feed
 *       the 3D table (a shaper). Ranges are shared by the three channels.
 * </ul>
 * A LUT with a shaper is written in the Resolve form, one without in the Adobe form. Provenance
 * goes in {@code TITLE} and {@code #} comment lines before the keywords; in the Resolve form the
 * title is a comment too, because OpenColorIO's reader of that form rejects {@code TITLE}.
 *
 * <p>The reader rejects anything ambiguous, naming the line: unknown or duplicate keywords,
 * keywords after the data, a missing or out-of-range size, non-numeric or non-finite values, rows
 * of other than three numbers, the wrong number of rows, and mixed dialects. A 1D-only file is
 * rejected too: the package's transforms always end in a 3D table.
 *
 * <p>Over 300 lines: the writer and the strict reader of the two dialects, which must agree on
 * every keyword; the row scan on bytes is {@link CubeRows}.
 */
public final class CubeFile {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    /** Keywords are upper case; "nan" or "inf" rows are data and fail as non-numeric. */
    private static final Pattern KEYWORD = Pattern.compile("[A-Z][A-Z0-9_]*(\\s|$)");
    private static final Pattern SPACE = Pattern.compile("[ \\t]+");

    private final String title;
    private final List<String> comments;
    private final ShapedLut lut;

    private CubeFile(String title, List<String> comments, ShapedLut lut) {
        this.title = title;
        this.comments = List.copyOf(comments);
        this.lut = lut;
    }

    /** The {@code TITLE}, or empty when the file has none. */
    public String title() {
        return title;
    }

    /** The comment lines, without the leading {@code #} and one following space. */
    public List<String> comments() {
        return comments;
    }

    public ShapedLut lut() {
        return lut;
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code lut} to {@code file} atomically, with provenance. */
    public static void write(ShapedLut lut, LutProvenance provenance, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new java.io.OutputStreamWriter(new java.io.BufferedOutputStream(out, 1 << 16), StandardCharsets.US_ASCII);
            write(lut, provenance, w);
            w.flush();
        });
    }

    /** Writes {@code lut} as .cube text. */
    public static void write(ShapedLut lut, LutProvenance provenance, Writer w) throws IOException {
        StringBuilder sb = new StringBuilder(1 << 16);
        Optional<Lut1D> shaper = lut.shaper();
        if (shaper.isPresent()) {
            // Resolve's form has no TITLE and OpenColorIO's reader of it rejects one, so it becomes a comment
            sb.append("# title: ").append(provenance.title()).append('\n');
        } else {
            sb.append("TITLE \"").append(provenance.title()).append("\"\n");
        }
        for (Map.Entry<String, String> e : provenance.fields().entrySet()) {
            sb.append("# ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        Lut3D cube = lut.cube();
        if (shaper.isPresent()) {
            Lut1D s = shaper.get();
            if (!s.hasSharedDomain()) {
                throw new IllegalArgumentException("the Resolve .cube form has one LUT_1D_INPUT_RANGE for all channels;"
                        + " this shaper has per-channel ranges");
            }
            if (!sharedDomain(cube)) {
                throw new IllegalArgumentException("the Resolve .cube form has one LUT_3D_INPUT_RANGE for all channels;"
                        + " this LUT has per-channel domains");
            }
            sb.append("# form: Resolve (1D shaper, then 3D table)\n");
            sb.append("LUT_1D_SIZE ").append(s.size()).append('\n');
            sb.append("LUT_1D_INPUT_RANGE ").append(Decimals.exact(s.domainMin()[0])).append(' ')
                    .append(Decimals.exact(s.domainMax()[0])).append('\n');
            sb.append("LUT_3D_SIZE ").append(cube.size()).append('\n');
            sb.append("LUT_3D_INPUT_RANGE ").append(Decimals.exact(cube.domainMin(0))).append(' ')
                    .append(Decimals.exact(cube.domainMax(0))).append('\n');
            float[] t = s.table();
            for (int i = 0; i < t.length; i += 3) {
                Decimals.appendRow(sb, t[i], t[i + 1], t[i + 2]);
                Decimals.flushIfLarge(sb, w);
            }
        } else {
            sb.append("DOMAIN_MIN ").append(triple(cube.domainMin())).append('\n');
            sb.append("DOMAIN_MAX ").append(triple(cube.domainMax())).append('\n');
            sb.append("LUT_3D_SIZE ").append(cube.size()).append('\n');
        }
        float[] t = cube.rawTable();
        for (int i = 0; i < t.length; i += 3) {
            Decimals.appendRow(sb, t[i], t[i + 1], t[i + 2]);
            Decimals.flushIfLarge(sb, w);
        }
        w.write(sb.toString());
    }

    private static boolean sharedDomain(Lut3D c) {
        return c.domainMin(0) == c.domainMin(1) && c.domainMin(1) == c.domainMin(2)
                && c.domainMax(0) == c.domainMax(1) && c.domainMax(1) == c.domainMax(2);
    }

    private static String triple(double[] v) {
        return Decimals.exact(v[0]) + " " + Decimals.exact(v[1]) + " " + Decimals.exact(v[2]);
    }



    // ---------------------------------------------------------------- reading

    /** Reads and validates a .cube file in either dialect. */
    public static CubeFile read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Parser(file).parse(in);
        }
    }

    /** The reader's state: keywords seen, then the rows. */
    private static final class Parser {
        private final Path file;
        private final Map<String, Integer> keywordLine = new HashMap<>();
        private final List<String> comments = new ArrayList<>();
        private String title = "";
        private int size1d;
        private int size3d;
        private double[] domainMin;
        private double[] domainMax;
        private double[] range1d;
        private double[] range3d;
        private float[] rows;
        private int rowCount;
        private int firstDataLine;
        private int lineNo;
        private final double[] row = new double[3];

        Parser(Path file) {
            this.file = file;
        }

        /**
         * Reads the file a line at a time, as {@link BufferedReader#readLine} splits lines (at
         * {@code \n}, {@code \r} or {@code \r\n}). Once the table has begun, a line that is a
         * plain row is taken from the bytes ({@link CubeRows}); every other line is decoded as
         * UTF-8 (strictly) and goes through {@link #line}.
         */
        CubeFile parse(InputStream in) throws IOException {
            byte[] buf = new byte[1 << 16];
            int start = 0;
            int end = 0;
            int scan = 0;
            boolean skipLf = false;
            boolean eof = false;
            while (true) {
                if (scan == end) {
                    if (eof) {
                        if (start < end) {
                            lineNo++;
                            line(buf, start, end);
                        }
                        return finish();
                    }
                    if (start > 0) { // keep the unfinished line, at the front
                        System.arraycopy(buf, start, buf, 0, end - start);
                        end -= start;
                        scan -= start;
                        start = 0;
                    }
                    if (end == buf.length) {
                        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    }
                    int n = in.read(buf, end, buf.length - end);
                    if (n < 0) {
                        eof = true;
                    } else {
                        end += n;
                    }
                    continue;
                }
                byte c = buf[scan];
                if (skipLf) {
                    skipLf = false;
                    if (c == '\n') {
                        start = ++scan;
                        continue;
                    }
                }
                if (c != '\n' && c != '\r') {
                    scan++;
                    continue;
                }
                lineNo++;
                if (rows == null || !CubeRows.scan(buf, start, scan, row)) {
                    line(buf, start, scan);
                } else {
                    row(row);
                }
                skipLf = c == '\r';
                start = ++scan;
            }
        }

        /** One line that is not a plain table row: blank, comment, keyword, or a row to check in full. */
        private void line(byte[] buf, int from, int to) throws CubeFormatException {
            String line;
            try {
                line = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(buf, from, to - from))
                        .toString().strip();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new CubeFormatException(file, lineNo, "not a text file (invalid UTF-8); is this really a .cube LUT?");
            }
            if (line.isEmpty()) {
                return;
            }
            if (line.startsWith("#")) {
                if (rows == null) {
                    comments.add(line.substring(1).strip());
                }
                return;
            }
            char first = line.charAt(0);
            if (first >= 'A' && first <= 'Z' && KEYWORD.matcher(line).lookingAt()) {
                keyword(line);
            } else {
                data(line);
            }
        }

        private CubeFormatException error(String problem) {
            return new CubeFormatException(file, lineNo, problem);
        }

        private void keyword(String line) throws CubeFormatException {
            String[] parts = line.split("[ \\t]+", 2);
            String key = parts[0];
            String rest = parts.length > 1 ? parts[1].strip() : "";
            if (rows != null) {
                throw error("keyword " + key + " after the table data began (line " + firstDataLine
                        + "); all keywords must come before the first row");
            }
            Integer seen = keywordLine.putIfAbsent(key, lineNo);
            if (seen != null) {
                throw error("duplicate keyword " + key + " (first on line " + seen + ")");
            }
            switch (key) {
                case "TITLE" -> {
                    if (rest.length() < 2 || !rest.startsWith("\"") || !rest.endsWith("\"")
                            || rest.indexOf('"', 1) != rest.length() - 1) {
                        throw error("TITLE needs one double-quoted string, got: " + rest);
                    }
                    title = rest.substring(1, rest.length() - 1);
                }
                case "LUT_3D_SIZE" -> size3d = size(key, rest, Lut3D.MIN_SIZE, Lut3D.MAX_SIZE);
                case "LUT_1D_SIZE" -> size1d = size(key, rest, Lut1D.MIN_SIZE, Lut1D.MAX_SIZE);
                case "DOMAIN_MIN" -> domainMin = numbers(key, rest, 3);
                case "DOMAIN_MAX" -> domainMax = numbers(key, rest, 3);
                case "LUT_1D_INPUT_RANGE" -> range1d = range(key, rest);
                case "LUT_3D_INPUT_RANGE" -> range3d = range(key, rest);
                default -> throw error("unknown keyword " + key + "; this reader knows TITLE, DOMAIN_MIN, DOMAIN_MAX,"
                        + " LUT_1D_SIZE, LUT_3D_SIZE, LUT_1D_INPUT_RANGE, LUT_3D_INPUT_RANGE");
            }
        }

        private int size(String key, String rest, int min, int max) throws CubeFormatException {
            if (!rest.matches("\\d{1,9}")) {
                throw error(key + " needs one whole number, got: '" + rest + "'");
            }
            int n = Integer.parseInt(rest);
            if (n < min || n > max) {
                throw error(key + " " + n + " is out of range " + min + ".." + max);
            }
            return n;
        }

        private double[] range(String key, String rest) throws CubeFormatException {
            double[] v = numbers(key, rest, 2);
            if (!(v[1] > v[0])) {
                throw error(key + " needs min < max, got " + v[0] + " " + v[1]);
            }
            return v;
        }

        private double[] numbers(String what, String text, int count) throws CubeFormatException {
            String[] f = text.isEmpty() ? new String[0] : SPACE.split(text);
            if (f.length != count) {
                throw error(what + " needs " + count + " numbers, got " + f.length + ": '" + text + "'");
            }
            double[] v = new double[count];
            for (int i = 0; i < count; i++) {
                if (!NUMBER.matcher(f[i]).matches()) {
                    throw error(what + ": '" + f[i] + "' is not a decimal number");
                }
                v[i] = Double.parseDouble(f[i]);
                if (!Double.isFinite(v[i])) {
                    throw error(what + ": '" + f[i] + "' is out of range for a number");
                }
            }
            return v;
        }

        private void data(String line) throws CubeFormatException {
            if (rows == null) {
                startData();
            }
            byte[] b = line.getBytes(StandardCharsets.UTF_8); // other than ASCII fails the scan, as it should
            row(CubeRows.scan(b, 0, b.length, row) ? row : numbers("row " + (rowCount + 1), line, 3));
        }

        /** Stores one table row. */
        private void row(double[] v) throws CubeFormatException {
            int expected = rows.length / 3;
            if (rowCount == expected) {
                throw error("more rows than declared: expected " + describeRows() + " = " + expected + " rows");
            }
            for (int c = 0; c < 3; c++) {
                float f = (float) v[c];
                if (!Float.isFinite(f)) {
                    throw error("row " + (rowCount + 1) + ": value " + v[c] + " is too large for a LUT entry");
                }
                rows[3 * rowCount + c] = f;
            }
            rowCount++;
        }

        private void startData() throws CubeFormatException {
            firstDataLine = lineNo;
            if (size3d == 0) {
                throw error(size1d == 0 ? "table data before any LUT_3D_SIZE (missing size keyword)"
                        : "a 1D-only .cube (LUT_1D_SIZE without LUT_3D_SIZE) is not supported; export a 3D LUT");
            }
            boolean adobe = domainMin != null || domainMax != null;
            boolean resolve = range1d != null || range3d != null;
            if (adobe && resolve) {
                throw error("DOMAIN_MIN/DOMAIN_MAX (Adobe) mixed with LUT_*_INPUT_RANGE (Resolve) in one file");
            }
            if (adobe && size1d != 0) {
                throw error("DOMAIN_MIN/DOMAIN_MAX with both LUT_1D_SIZE and LUT_3D_SIZE is ambiguous;"
                        + " use the Resolve LUT_1D_INPUT_RANGE / LUT_3D_INPUT_RANGE form");
            }
            if (range1d != null && size1d == 0) {
                throw error("LUT_1D_INPUT_RANGE without LUT_1D_SIZE");
            }
            if ((domainMin == null) != (domainMax == null)) {
                throw error("DOMAIN_MIN and DOMAIN_MAX must come together");
            }
            if (domainMin != null) {
                for (int c = 0; c < 3; c++) {
                    if (!(domainMax[c] > domainMin[c])) {
                        throw error("DOMAIN_MAX must exceed DOMAIN_MIN in every channel (line "
                                + keywordLine.get("DOMAIN_MAX") + ")");
                    }
                }
            }
            rows = new float[3 * (size1d + size3d * size3d * size3d)];
        }

        private String describeRows() {
            String s3 = size3d + "^3";
            return size1d == 0 ? s3 : size1d + " (1D) + " + s3 + " (3D)";
        }

        private CubeFile finish() throws CubeFormatException {
            lineNo++;
            if (rows == null) {
                throw error(size3d == 0 ? "no LUT_3D_SIZE and no table data: not a .cube 3D LUT"
                        : "no table data after LUT_3D_SIZE " + size3d);
            }
            int expected = rows.length / 3;
            if (rowCount != expected) {
                throw error("end of file after " + rowCount + " rows; expected " + describeRows() + " = "
                        + expected + " rows");
            }
            Lut1D shaper = null;
            int off = 0;
            if (size1d != 0) {
                double[] r = range1d == null ? new double[] {0, 1} : range1d;
                float[] t = java.util.Arrays.copyOf(rows, 3 * size1d);
                shaper = new Lut1D(size1d, t, fill(r[0]), fill(r[1]));
                off = 3 * size1d;
            }
            double[] min;
            double[] max;
            if (domainMin != null) {
                min = domainMin;
                max = domainMax;
            } else {
                double[] r = range3d == null ? new double[] {0, 1} : range3d;
                min = fill(r[0]);
                max = fill(r[1]);
            }
            float[] t = java.util.Arrays.copyOfRange(rows, off, rows.length);
            Lut3D cube = new Lut3D(size3d, t, min, max);
            return new CubeFile(title, comments, new ShapedLut(Optional.ofNullable(shaper), cube));
        }

        private static double[] fill(double v) {
            return new double[] {v, v, v};
        }
    }
}
