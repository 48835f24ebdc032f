package emu.calibration.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IccAbstractProfileTest {

    static final Instant CREATED = Instant.parse("2026-11-26T07:08:09Z");

    /** An affine Lab look: trilinear CLUT interpolation reproduces it exactly. */
    static final UnaryOperator<double[]> AFFINE = lab -> {
        double[] o = new double[lab.length];
        for (int i = 0; i < lab.length; i += 3) {
            o[i] = 0.9 * lab[i] + 5;
            o[i + 1] = 1.1 * lab[i + 1] + 2 - 0.05 * lab[i + 2];
            o[i + 2] = 0.95 * lab[i + 2] - 3;
        }
        return o;
    };

    @Test
    void headerTagTableAndPaddingFollowIcc2010() throws Exception {
        byte[] p = IccAbstractProfile.build("Portra 400 - D65", "(c) 2026 the lab", CREATED, 9,
                AFFINE);
        ByteBuffer b = ByteBuffer.wrap(p);
        assertEquals(p.length, b.getInt(0), "7.2.2 profile size is the file size");
        assertEquals(0, p.length % 4, "ends padded to 4 bytes");
        assertEquals(0x04300000, b.getInt(8), "version 4.3");
        assertEquals("abst", sig(p, 12));
        assertEquals("Lab ", sig(p, 16));
        assertEquals("Lab ", sig(p, 20));
        short[] date = {2026, 11, 26, 7, 8, 9};
        for (int i = 0; i < 6; i++) {
            assertEquals(date[i], b.getShort(24 + 2 * i), "dateTimeNumber field " + i);
        }
        assertEquals("acsp", sig(p, 36));
        assertEquals(0, b.getInt(64), "perceptual intent");
        assertEquals(0xF6D6, b.getInt(68), "PCS illuminant X = 0.9642");
        assertEquals(0x10000, b.getInt(72), "PCS illuminant Y = 1");
        assertEquals(0xD32D, b.getInt(76), "PCS illuminant Z = 0.8249");
        for (int i = 100; i < 128; i++) {
            assertEquals(0, p[i], "reserved header byte " + i);
        }

        // 7.2.18: profile ID = MD5 over the profile with flags, intent and ID zeroed.
        byte[] zeroed = p.clone();
        Arrays.fill(zeroed, 44, 48, (byte) 0);
        Arrays.fill(zeroed, 64, 68, (byte) 0);
        Arrays.fill(zeroed, 84, 100, (byte) 0);
        assertArrayEquals(MessageDigest.getInstance("MD5").digest(zeroed),
                Arrays.copyOfRange(p, 84, 100));

        int count = b.getInt(128);
        assertEquals(4, count);
        int end = 128 + 4 + 12 * count;
        java.util.Set<String> sigs = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            String s = sig(p, 132 + 12 * i);
            int off = b.getInt(136 + 12 * i);
            int size = b.getInt(140 + 12 * i);
            sigs.add(s);
            assertEquals(0, off % 4, s + " starts on a 4-byte boundary");
            assertTrue(off >= end, s + " does not overlap the previous element");
            for (int k = off + size; k < ((off + size + 3) & ~3); k++) {
                assertEquals(0, p[k], s + " padding byte");
            }
            end = (off + size + 3) & ~3;
        }
        assertEquals(p.length, end, "the last element's padding ends the profile");
        assertEquals(java.util.Set.of("desc", "cprt", "wtpt", "A2B0"), sigs);
    }

    @Test
    void lutAToBElementLayout() {
        int n = 5;
        byte[] p = IccAbstractProfile.build("d", "c", CREATED, n, AFFINE);
        ByteBuffer b = ByteBuffer.wrap(p);
        int a2b = tagOffset(p, "A2B0");
        assertEquals("mAB ", sig(p, a2b));
        assertEquals(3, p[a2b + 8], "input channels");
        assertEquals(3, p[a2b + 9], "output channels");
        int bCurves = b.getInt(a2b + 12);
        assertEquals(0, b.getInt(a2b + 16), "no matrix");
        assertEquals(0, b.getInt(a2b + 20), "no M curves");
        int clut = b.getInt(a2b + 24);
        int aCurves = b.getInt(a2b + 28);
        for (int curves : new int[] {bCurves, aCurves}) {
            for (int c = 0; c < 3; c++) {
                assertEquals("curv", sig(p, a2b + curves + 12 * c));
                assertEquals(0, b.getInt(a2b + curves + 12 * c + 8), "identity curve");
            }
        }
        for (int d = 0; d < 16; d++) {
            assertEquals(d < 3 ? n : 0, p[a2b + clut + d], "grid points of dimension " + d);
        }
        assertEquals(2, p[a2b + clut + 16], "16-bit precision");
        // Entry (L index 1, a index 2, b index 3): L varies slowest, b fastest.
        int entry = (1 * n + 2) * n + 3;
        double[] lab = {IccAbstractProfile.gridLab(1, n, 0), IccAbstractProfile.gridLab(2, n, 1),
            IccAbstractProfile.gridLab(3, n, 2)};
        double[] out = AFFINE.apply(lab);
        for (int c = 0; c < 3; c++) {
            assertEquals(IccAbstractProfile.encodeLab(out[c], c),
                    b.getChar(a2b + clut + 20 + 6 * entry + 2 * c), "channel " + c);
        }
        assertEquals(0, IccAbstractProfile.encodeLab(-128, 1));
        assertEquals(0x8080, IccAbstractProfile.encodeLab(0, 1), "a* = 0 (ICC table 12)");
        assertEquals(0xFFFF, IccAbstractProfile.encodeLab(100, 0));
    }

    @Test
    void littleCmsReadsTheTextTagsAndAppliesTheClut(@TempDir Path dir) throws Exception {
        Path icc = dir.resolve("look.icc");
        Files.write(icc, IccAbstractProfile.build("Ektar 100 - A", "(c) the lab", CREATED, 17,
                AFFINE));
        String banner = ExternalTool.run("50 0 0\n", "liblcms2-utils", "transicc", "-v3",
                "-i" + icc, "-o*Lab");
        assertTrue(banner.contains("Ektar 100 - A"), banner);
        assertTrue(banner.contains("(c) the lab"), banner);

        double[] probes = {50, 0, 0, 70, 20, -30, 20, -40, 60, 90, 5, 5, 35, 60, 40};
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < probes.length; i += 3) {
            in.append(probes[i]).append(' ').append(probes[i + 1]).append(' ')
              .append(probes[i + 2]).append('\n');
        }
        double[] got = ExternalTool.triples(ExternalTool.run(in.toString(), "liblcms2-utils",
                "transicc", "-n", "-i" + icc, "-o*Lab"));
        double[] want = AFFINE.apply(probes);
        assertEquals(want.length, got.length, "one Lab triple per probe");
        for (int i = 0; i < want.length; i++) {
            // 16-bit quantisation of the CLUT: 100/65535 in L*, 255/65535 in a*, b*
            assertEquals(want[i], got[i], 0.01, "probe value " + i);
        }
    }

    @Test
    void descriptionIsUtf16AndBadGridsAreRejected() {
        byte[] p = IccAbstractProfile.build("Fomapan – Ä", "c", CREATED, 3, AFFINE);
        int desc = tagOffset(p, "desc");
        ByteBuffer b = ByteBuffer.wrap(p);
        assertEquals("mluc", sig(p, desc));
        assertEquals("enUS", sig(p, desc + 16));
        int len = b.getInt(desc + 20);
        int off = b.getInt(desc + 24);
        assertEquals("Fomapan – Ä", new String(p, desc + off, len, StandardCharsets.UTF_16BE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IccAbstractProfile.build("d", "c", CREATED, 1, AFFINE));
        assertTrue(e.getMessage().contains("2..255"), e.getMessage());
    }

    private static String sig(byte[] p, int at) {
        return new String(p, at, 4, StandardCharsets.US_ASCII);
    }

    private static int tagOffset(byte[] p, String sig) {
        ByteBuffer b = ByteBuffer.wrap(p);
        for (int i = 0; i < b.getInt(128); i++) {
            if (sig(p, 132 + 12 * i).equals(sig)) {
                return b.getInt(136 + 12 * i);
            }
        }
        throw new AssertionError("no tag " + sig);
    }
}
