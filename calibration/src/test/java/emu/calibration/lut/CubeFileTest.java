package emu.calibration.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CubeFileTest {
    static final LutProvenance PROVENANCE =
            new LutProvenance("Portra \"400\"", "set-7", "mlp-3", "A", "acescct", "film scan (sRGB)", 0.734);

    @TempDir Path dir;

    @Test
    void adobeFormRoundTripsToPrintedPrecision() throws IOException {
        Lut3D cube = new Lut3D(17, TestLuts.filmish(17).table(), new double[] {-0.125, 0, 0}, new double[] {1, 1, 2.5});
        ShapedLut lut = new ShapedLut(cube);
        Path f = dir.resolve("a.cube");
        CubeFile.write(lut, PROVENANCE, f);
        String text = Files.readString(f);
        assertTrue(text.startsWith("TITLE \"emu-station Portra '400' / set-7 / A / acescct -> film scan (sRGB)\"\n"), text);
        assertTrue(text.contains("\nDOMAIN_MIN -0.125 0 0\nDOMAIN_MAX 1 1 2.5\nLUT_3D_SIZE 17\n"), text);
        CubeFile read = CubeFile.read(f);
        assertEquals("emu-station Portra '400' / set-7 / A / acescct -> film scan (sRGB)", read.title());
        assertTrue(read.comments().contains("held-out-ciede2000-mean: 0.734"), read.comments().toString());
        assertTrue(read.comments().contains("model-version: mlp-3"), read.comments().toString());
        assertEquals(Optional.empty(), read.lut().shaper());
        Lut3D back = read.lut().cube();
        assertArrayEquals(cube.domainMin(), back.domainMin());
        assertArrayEquals(cube.domainMax(), back.domainMax());
        assertArrayEquals(cube.table(), back.table(), 6e-7f); // half a unit in the sixth decimal, plus float rounding
        // exact to printed precision: writing what was read reproduces the file byte for byte
        Path again = dir.resolve("again.cube");
        CubeFile.write(read.lut(), PROVENANCE, again);
        assertEquals(text, Files.readString(again));
    }

    @Test
    void resolveShaperFormRoundTrips() throws IOException {
        ShapedLut lut = new ShapedLut(Optional.of(LinearShaper.lut()), TestLuts.filmish(9));
        Path f = dir.resolve("r.cube");
        CubeFile.write(lut, PROVENANCE, f);
        String text = Files.readString(f);
        assertTrue(text.contains("\nLUT_1D_SIZE 65536\nLUT_1D_INPUT_RANGE -0.0009765625 11.52\nLUT_3D_SIZE 9\n"
                + "LUT_3D_INPUT_RANGE 0 1\n"), text.substring(0, 600));
        assertTrue(text.startsWith("# title: emu-station"), "Resolve form carries the title as a comment");
        CubeFile read = CubeFile.read(f);
        Lut1D s = read.lut().shaper().orElseThrow();
        assertEquals(65536, s.size());
        assertArrayEquals(LinearShaper.lut().table(), s.table(), 6e-7f); // half a unit in the sixth decimal, plus float rounding
        assertArrayEquals(new double[] {LinearShaper.MIN, LinearShaper.MIN, LinearShaper.MIN}, s.domainMin());
        Path again = dir.resolve("again.cube");
        CubeFile.write(read.lut(), PROVENANCE, again);
        assertEquals(text, Files.readString(again));
    }

    @Test
    void readsHandWrittenFilesOfBothDialects() throws IOException {
        CubeFile adobe = read("# comment\n\nLUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n1 1 0\n0 0 1\n1 0 1\n0 1 1\n1 1 1\n");
        assertEquals(Lut3D.identity(2), adobe.lut().cube());
        assertEquals("", adobe.title());
        CubeFile resolve = read("LUT_3D_SIZE 2\nLUT_3D_INPUT_RANGE -1 3\n" + "0.5 0.5 0.5\n".repeat(8));
        assertArrayEquals(new double[] {-1, -1, -1}, resolve.lut().cube().domainMin());
        assertArrayEquals(new double[] {3, 3, 3}, resolve.lut().cube().domainMax());
        CubeFile sci = read("LUT_3D_SIZE 2\n" + "1e-1 +.5 5E-1\n".repeat(8));
        assertEquals(0.1f, sci.lut().cube().get(1, 1, 1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "too few rows       | LUT_3D_SIZE 2\\n0 0 0\\n1 1 1\\n                    | 4 | expected 2^3 = 8 rows",
        "too many rows      | LUT_3D_SIZE 2\\n<8>0 0 0\\n                        | 10 | more rows than declared",
        "keyword after data | LUT_3D_SIZE 2\\n0 0 0\\nDOMAIN_MIN 0 0 0\\n<7>      | 3 | after the table data began",
        "size too large     | TITLE \"x\"\\nLUT_3D_SIZE 257\\n                   | 2 | out of range 2..256",
        "size too small     | LUT_3D_SIZE 1\\n0 0 0\\n                           | 1 | out of range 2..256",
        "size not a number  | LUT_3D_SIZE 33.0\\n                                | 1 | needs one whole number",
        "non-numeric value  | LUT_3D_SIZE 2\\n<3>0 abc 0\\n<4>                    | 5 | 'abc' is not a decimal number",
        "nan value          | LUT_3D_SIZE 2\\n<3>0 nan 0\\n<4>                    | 5 | 'nan' is not a decimal number",
        "two values in row  | LUT_3D_SIZE 2\\n0 0\\n<7>                          | 2 | needs 3 numbers, got 2",
        "missing size       | # c\\n0 0 0\\n                                     | 2 | missing size keyword",
        "empty file         | # only a comment\\n                                | 2 | no LUT_3D_SIZE",
        "duplicate keyword  | LUT_3D_SIZE 2\\nLUT_3D_SIZE 2\\n<8>                 | 2 | duplicate keyword LUT_3D_SIZE (first on line 1)",
        "unknown keyword    | LUT_3D_SIZE 2\\nLUT_IN_VIDEO_RANGE\\n<8>            | 2 | unknown keyword LUT_IN_VIDEO_RANGE",
        "mixed dialects     | DOMAIN_MIN 0 0 0\\nDOMAIN_MAX 1 1 1\\nLUT_3D_INPUT_RANGE 0 1\\nLUT_3D_SIZE 2\\n<8> | 5 | mixed with LUT_*_INPUT_RANGE",
        "inverted domain    | DOMAIN_MIN 0 0 0\\nDOMAIN_MAX 1 0 1\\nLUT_3D_SIZE 2\\n<8> | 4 | must exceed DOMAIN_MIN",
        "inverted range     | LUT_3D_INPUT_RANGE 1 0\\n                          | 1 | needs min < max",
        "1D only            | LUT_1D_SIZE 2\\n0 0 0\\n1 1 1\\n                    | 2 | 1D-only .cube",
        "unquoted title     | TITLE hello\\nLUT_3D_SIZE 2\\n<8>                   | 1 | double-quoted",
        "huge value         | LUT_3D_SIZE 2\\n1e39 0 0\\n<7>                      | 2 | too large",
    })
    void rejectsBrokenFilesNamingTheLine(String what, String body, int line, String message) throws IOException {
        String text = expand(body.strip());
        CubeFormatException e = assertThrows(CubeFormatException.class, () -> read(text), what);
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(":" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /** The reader's fast decimal path must give what Double.parseDouble gives, for every form it takes. */
    @Test
    void numbersParseExactlyAsJavaDoes() throws IOException {
        String[] numbers = {"0.123457", "-0.000001", "123.456789012345", "1e-3", ".5", "5.", "+0.25", "-0", "7",
            "0.1000000000000000055511151231257827", "1234567890123456", "3.4E+2", "0.999999"};
        StringBuilder text = new StringBuilder("LUT_3D_SIZE 2\n");
        for (int i = 0; i < 24; i++) {
            text.append(numbers[i % numbers.length]).append(i % 3 == 2 ? "\n" : " ");
        }
        float[] t = read(text.toString()).lut().cube().table();
        for (int i = 0; i < 24; i++) {
            assertEquals((float) Double.parseDouble(numbers[i % numbers.length]), t[i], numbers[i % numbers.length]);
        }
    }

    /**
     * The reader splits lines on the bytes as BufferedReader.readLine did (\n, \r\n, lone \r,
     * a last line without one) and takes plain rows from the bytes: a 17^3 table (130 kB, rows
     * across its 64 kB read buffer's edges) reads the same whatever the line ends and blanks, and
     * a bad row or a non-UTF-8 byte deep in it is named by its line.
     */
    @Test
    void lineEndsBlanksAndBufferEdgesReadTheSame() throws IOException {
        ShapedLut lut = new ShapedLut(TestLuts.filmish(17));
        Path ref = dir.resolve("ref.cube");
        CubeFile.write(lut, PROVENANCE, ref);
        String text = Files.readString(ref);
        float[] expected = CubeFile.read(ref).lut().cube().table();
        String[] variants = {text.replace("\n", "\r\n"), text.replace("\n", "\r"), text.strip(),
            text.replace("\n", " \t\n").replace(" ", "  "), "\n\n" + text.replace("\n", "\n\n")};
        for (int v = 0; v < variants.length; v++) {
            Path f = dir.resolve("v" + v + ".cube");
            Files.writeString(f, variants[v]);
            assertArrayEquals(expected, CubeFile.read(f).lut().cube().table(), "variant " + v);
        }
        String[] lines = text.split("\n", -1);
        int bad = lines.length - 1000; // a row well past the first 64 kB
        for (String wrong : new String[] {"0.5 0.5", "0.5 0.5 x", "0.5 0.5 0.5\u00e9"}) {
            String[] copy = lines.clone();
            copy[bad - 1] = wrong;
            Path f = dir.resolve("bad.cube");
            Files.writeString(f, String.join("\r\n", copy));
            CubeFormatException e = assertThrows(CubeFormatException.class, () -> CubeFile.read(f), wrong);
            assertEquals(bad, e.line(), e.getMessage());
        }
        byte[] raw = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = text.indexOf("\n", 100_000) + 1;
        raw[at] = (byte) 0xff;
        Path f = dir.resolve("binary-inside.cube");
        Files.write(f, raw);
        CubeFormatException e = assertThrows(CubeFormatException.class, () -> CubeFile.read(f));
        assertTrue(e.getMessage().contains("invalid UTF-8"), e.getMessage());
        assertEquals(text.substring(0, at).split("\n", -1).length, e.line(), e.getMessage());
    }

    @Test
    void binaryFileIsRejected() throws IOException {
        Path f = dir.resolve("bin.cube");
        Files.write(f, new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, (byte) 0xfe, 0, 1});
        CubeFormatException e = assertThrows(CubeFormatException.class, () -> CubeFile.read(f));
        assertTrue(e.getMessage().contains("not a text file"), e.getMessage());
    }

    /** "\n" escapes and "<k>" = k rows of "0 0 0". */
    private static String expand(String s) {
        StringBuilder sb = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<(\\d+)>").matcher(s.replace("\\n", "\n"));
        while (m.find()) {
            m.appendReplacement(sb, "0 0 0\n".repeat(Integer.parseInt(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private CubeFile read(String text) throws IOException {
        Path f = Files.createTempFile(dir, "t", ".cube");
        Files.writeString(f, text);
        return CubeFile.read(f);
    }
}
