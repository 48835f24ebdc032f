package emu.calibration.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.profile.RgbTable.Gamma;
import emu.calibration.profile.RgbTable.Gamut;
import emu.calibration.profile.RgbTable.Primaries;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CreativeProfileXmpTest {

    /** A smooth, channel-mixing look: every channel depends on all three inputs. */
    static final UnaryOperator<double[]> WARM_LOOK = rgb -> {
        double[] out = new double[rgb.length];
        for (int i = 0; i < rgb.length; i += 3) {
            double r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
            out[i] = 0.03 + 0.9 * Math.pow(r, 0.9) + 0.06 * g;
            out[i + 1] = 0.02 + 0.85 * g + 0.05 * r + 0.05 * b;
            out[i + 2] = 0.05 + 0.8 * Math.pow(b, 1.1) + 0.04 * g - 0.02 * r;
        }
        return out;
    };

    static RgbTable table(int n) {
        return RgbTable.sample(n, WARM_LOOK, Primaries.SRGB, Gamma.SRGB, Gamut.CLIP, 0.0, 2.0);
    }

    @Test
    void independentDecoderReproducesTableAndFingerprint() throws Exception {
        RgbTable t = table(32);
        CreativeProfileXmp p = new CreativeProfileXmp("Portra 400 - D65", "Portra 400",
                "(c) lab", t);
        IndependentXmpProfileDecoder.Decoded d = IndependentXmpProfileDecoder.decode(
                p.toXmp().getBytes(StandardCharsets.UTF_8));

        assertEquals(d.computedMd5(), d.tableId(), "crs:RGBTable must be the MD5 of the table");
        assertEquals(DngBigTableEncoder.fingerprint(t), d.tableId());
        assertEquals(32, d.divisions());
        int k = 0;
        for (int r = 0; r < 32; r++) {
            for (int g = 0; g < 32; g++) {
                for (int b = 0; b < 32; b++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(t.sample(r, g, b, c), d.samples()[k++],
                                "sample at " + r + "," + g + "," + b + "/" + c);
                    }
                }
            }
        }
        assertEquals(0, d.primaries());
        assertEquals(1, d.gamma());
        assertEquals(0, d.gamut());
        assertEquals(0.0, d.minAmount());
        assertEquals(2.0, d.maxAmount());
        assertEquals("Portra 400 - D65", d.name());
        assertEquals("Portra 400", d.group());
        assertEquals("Look", d.presetType());
        for (String flag : new String[] {"SupportsAmount", "SupportsOutputReferred"}) {
            assertEquals("True", d.description().getAttributeNS(
                    IndependentXmpProfileDecoder.CRS, flag), flag);
        }
        assertTrue(IndependentXmpProfileDecoder.hasCrs(d.description(), "UUID"));
    }

    @Test
    void tableValuesAreTheLookQuantisedTo16Bits() {
        RgbTable t = table(5);
        // grid point (r, g, b) = (1, 0.5, 0.25) is index (4, 2, 1)
        double[] expected = WARM_LOOK.apply(new double[] {1.0, 0.5, 0.25});
        for (int c = 0; c < 3; c++) {
            assertEquals(Math.round(Math.min(1, expected[c]) * 65535), t.sample(4, 2, 1, c));
        }
    }

    @Test
    void binaryStreamFollowsTheSdkLayoutFieldByField() {
        // 3 points per axis: nop = {0, 32768, 65535}, which an identity look hits exactly.
        RgbTable identity = RgbTable.sample(3, rgb -> rgb.clone(), Primaries.REC2020,
                Gamma.GAMMA_2_2, Gamut.EXTEND, 0.25, 1.5);
        ByteBuffer b = ByteBuffer.wrap(DngBigTableEncoder.toBinary(identity))
                .order(ByteOrder.LITTLE_ENDIAN);
        int deltas = 6 * 27;
        assertEquals(44 + deltas, b.capacity());
        assertEquals(1, b.getInt(0), "btt_RGBTable");
        assertEquals(1, b.getInt(4), "kRGBTableVersion");
        assertEquals(3, b.getInt(8), "dimensions");
        assertEquals(3, b.getInt(12), "divisions");
        for (int off = 16; off < 16 + deltas; off += 2) {
            assertEquals(0, b.getShort(off), "identity delta at byte " + off);
        }
        assertEquals(4, b.getInt(16 + deltas), "primaries_Rec2020");
        assertEquals(3, b.getInt(20 + deltas), "gamma_2_2");
        assertEquals(1, b.getInt(24 + deltas), "gamut_extend");
        assertEquals(0.25, b.getDouble(28 + deltas), "min amount");
        assertEquals(1.5, b.getDouble(36 + deltas), "max amount");

        // A black table: deltas are 0 - nop modulo 2^16, and the grid order is r slowest,
        // b fastest, so grid point (r=1, g=0, b=0) is the 10th triple and (0, 0, 1) the 2nd.
        RgbTable black = RgbTable.sample(3, rgb -> new double[rgb.length], Primaries.SRGB,
                Gamma.SRGB, Gamut.CLIP, 0, 2);
        ByteBuffer k = ByteBuffer.wrap(DngBigTableEncoder.toBinary(black))
                .order(ByteOrder.LITTLE_ENDIAN);
        int tenth = 16 + 9 * 6;
        assertEquals(65536 - 32768, k.getChar(tenth), "red at r index 1");
        assertEquals(0, k.getChar(tenth + 2), "green at g index 0");
        assertEquals(0, k.getChar(tenth + 4), "blue at b index 0");
        assertEquals(65536 - 32768, k.getChar(16 + 6 + 4), "second triple is b index 1");
    }

    @Test
    void twoPointGridWrapsLikeTheSdksUint16Identity() {
        // nop[i] = uint16((i * 65535 + 1) / 1) = {1, 0}: an identity table stores 0xFFFF deltas.
        RgbTable identity = RgbTable.sample(2, rgb -> rgb.clone(), Primaries.SRGB, Gamma.SRGB,
                Gamut.CLIP, 0, 2);
        ByteBuffer b = ByteBuffer.wrap(DngBigTableEncoder.toBinary(identity))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 16; off < 16 + 48; off += 2) {
            assertEquals(0xFFFF, b.getChar(off), "delta at byte " + off);
        }
    }

    @Test
    void identityDeltasUseTheSdkRoundedGrid() {
        // N = 32: nop[i] = (i * 65535 + 16) / 31; an identity look sampled by us lands on
        // round(i / 31 * 65535), which differs from nop by at most 1.
        RgbTable t = RgbTable.sample(32, rgb -> rgb.clone(), Primaries.SRGB, Gamma.SRGB,
                Gamut.CLIP, 0, 2);
        ByteBuffer b = ByteBuffer.wrap(DngBigTableEncoder.toBinary(t)).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 3 * 32 * 32 * 32; k++) {
            short delta = b.getShort(16 + 2 * k);
            assertTrue(Math.abs(delta) <= 1, "delta " + delta + " at " + k);
        }
    }

    @Test
    void base85UsesAdobesAlphabetLeastSignificantDigitFirst() {
        assertEquals("10000", DngBigTableEncoder.base85(new byte[] {1, 0, 0, 0}));
        // 85 = "10" in base 85, least significant digit first -> "01000"
        assertEquals("01000", DngBigTableEncoder.base85(new byte[] {85, 0, 0, 0}));
        // 0xFFFFFFFF = 4294967295 = 0 + 12*85 + 54*85^2 + 23*85^3 + 82*85^4
        assertEquals("0cSn%", DngBigTableEncoder.base85(new byte[] {-1, -1, -1, -1}));
        // a tail of k bytes gives k + 1 digits
        assertEquals("20", DngBigTableEncoder.base85(new byte[] {2}));
        assertEquals("10000" + "300", DngBigTableEncoder.base85(new byte[] {1, 0, 0, 0, 3, 0}));
        // digit 84 is '#', which Ascii85 would write as 'u' and Z85 as '#'; 62 is '.', not Z85's '.'
        assertEquals('#', DngBigTableEncoder.ALPHABET.charAt(84));
        assertEquals('Z', DngBigTableEncoder.ALPHABET.charAt(61));
    }

    @Test
    void base85RoundTripsThroughTheIndependentDecoderAtEveryTailLength() {
        for (int len = 0; len < 12; len++) {
            byte[] data = new byte[len];
            for (int i = 0; i < len; i++) {
                data[i] = (byte) (37 * i + 250);
            }
            assertArrayEquals(data, IndependentXmpProfileDecoder.digitsToBytes(
                    DngBigTableEncoder.base85(data)), "length " + len);
        }
    }

    @Test
    void sameLookGivesIdenticalFilesAndDifferentLooksDifferentIds() {
        CreativeProfileXmp a = new CreativeProfileXmp("S - D65", "S", "", table(17));
        CreativeProfileXmp b = new CreativeProfileXmp("S - D65", "S", "", table(17));
        assertEquals(a.toXmp(), b.toXmp());
        CreativeProfileXmp c = new CreativeProfileXmp("S - A", "S", "", table(16));
        assertNotEquals(a.uuid(), c.uuid());
        assertNotEquals(DngBigTableEncoder.fingerprint(a.table()),
                DngBigTableEncoder.fingerprint(c.table()));
    }

    @Test
    void namesAreEscapedAndStillDecode() throws Exception {
        CreativeProfileXmp p = new CreativeProfileXmp("Ekta <100> & \"friends\"", "Ekta & co",
                "", table(4));
        IndependentXmpProfileDecoder.Decoded d = IndependentXmpProfileDecoder.decode(
                p.toXmp().getBytes(StandardCharsets.UTF_8));
        assertEquals("Ekta <100> & \"friends\"", d.name());
        assertEquals("Ekta & co", d.group());
    }

    @Test
    void badArgumentsAreRejectedWithTheReason() {
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> table(33));
        assertTrue(big.getMessage().contains("33"), big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RgbTable.sample(8, WARM_LOOK,
                Primaries.SRGB, Gamma.SRGB, Gamut.CLIP, 0.0, 2.5));
        assertThrows(IllegalArgumentException.class, () -> RgbTable.sample(8, rgb -> new double[3],
                Primaries.SRGB, Gamma.SRGB, Gamut.CLIP, 0.0, 2.0));
        assertThrows(IllegalArgumentException.class,
                () -> new CreativeProfileXmp(" ", "g", "", table(4)));
    }
}
