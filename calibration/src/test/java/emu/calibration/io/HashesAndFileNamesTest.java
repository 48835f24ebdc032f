package emu.calibration.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one SHA-256 helper against FIPS 180-2's published example; the one file-name helper. */
class HashesAndFileNamesTest {
    @Test
    void sha256OfAbcIsTheStandardsExample() {
        // FIPS 180-2, appendix B.1: SHA-256("abc")
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertEquals(abc, Hashes.sha256Hex("abc"));
        assertEquals(abc, Hashes.sha256Hex(new byte[] {'a', 'b', 'c'}));
    }

    @Test
    void fileNamesKeepPortableCharactersOnly() {
        assertEquals("Portra-400_D65_srgb_33.cube", FileNames.safe("Portra 400_D65_srgb_33.cube"));
        assertEquals("a-b-c", FileNames.safe("a/ \\b:*c"));
        assertEquals("_..", FileNames.safe(".."));
        assertEquals("_.", FileNames.safe("."));
        assertEquals("-etc-passwd", FileNames.safe("/etc/passwd"));
    }
}
