package emu.calibration.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.color.Matrices;
import emu.calibration.color.Pq;
import emu.calibration.color.RgbSpace;
import emu.calibration.color.Srgb;
import emu.calibration.lut.CubeFile;
import emu.calibration.lut.LutInterpolations;
import emu.calibration.lut.ShapedLut;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output transform, not the curves (the color package tests those at their reference
 * points): where scan white and black land, that primaries become Rec.2020, and that ffmpeg
 * applies the exported PQ .cube as we do.
 */
class HdrOutputTest {

    @Test
    void scanWhiteLandsOnTheBt2408ReferenceWhite() {
        double[] pq = HdrOutput.PQ.apply(new double[] {1, 1, 1});
        double[] hlg = HdrOutput.HLG.apply(new double[] {1, 1, 1});
        for (int c = 0; c < 3; c++) {
            assertEquals(0.5806, pq[c], 1e-4, "BT.2408 table 1: 203 cd/m2 = 58% PQ");
            assertEquals(0.75, hlg[c], 5e-4, "BT.2408 5.1: 203 cd/m2 = 75% HLG at 1000 cd/m2");
        }
        double[] black = HdrOutput.HLG.apply(new double[] {0, 0, 0});
        assertEquals(0.0, black[0]);
        assertEquals(0.0, HdrOutput.PQ.apply(new double[] {0, 0, 0})[1], 1e-6);
    }

    @Test
    void pqOutputDecodesBackToTheScanInRec2020() {
        double[] film = {0.8, 0.35, 0.1};
        double[] pq = HdrOutput.PQ.apply(film);
        double[] rec2020 = new double[3];
        for (int c = 0; c < 3; c++) {
            rec2020[c] = Pq.decodeNits(pq[c]) / HdrOutput.REFERENCE_WHITE_NITS;
        }
        double[] rec709 = Matrices.apply(RgbSpace.conversion(RgbSpace.REC2020, RgbSpace.REC709),
                rec2020);
        for (int c = 0; c < 3; c++) {
            assertEquals(film[c], Srgb.INSTANCE.encode(rec709[c]), 1e-9);
        }
        // Rec.709 red sits inside Rec.2020: green and blue must carry some of it.
        double[] red = HdrOutput.PQ.apply(new double[] {1, 0, 0});
        assertTrue(red[1] > 0.1 && red[2] > 0.05 && red[0] > red[1], java.util.Arrays.toString(red));
    }

    @Test
    void hlgIsMonotonicAlongTheGreyAxis() {
        double last = -1;
        for (int i = 0; i <= 20; i++) {
            double v = HdrOutput.HLG.apply(new double[] {i / 20.0, i / 20.0, i / 20.0})[0];
            assertTrue(v > last, "grey " + i / 20.0 + " -> " + v);
            last = v;
        }
        assertThrows(IllegalArgumentException.class, () -> HdrOutput.get("hdr10"));
        assertEquals(HdrOutput.HLG, HdrOutput.get("HLG"));
    }

    @Test
    void ffmpegAppliesTheExportedPqCubeAsWeDo(@TempDir Path dir) throws Exception {
        Path cube = dir.resolve("portra-d65-pq.cube");
        FilmLooks.format("cube-pq").write(FilmLooks.lut(17), FilmLooks.provenance("D65"), cube);
        CubeFile read = CubeFile.read(cube);
        assertTrue(read.comments().stream().anyMatch(c -> c.contains("203 cd/m2")),
                "the output encoding is named in the file: " + read.comments());
        ShapedLut ours = read.lut();

        int w = 64;
        int h = 64;
        Random rnd = new Random(10);
        char[] in = new char[3 * w * h];
        for (int i = 0; i < in.length; i++) {
            in[i] = (char) (i < 3 * 27 ? (i / 3 % 3 == 0 ? 0 : 65535) : rnd.nextInt(65536));
        }
        ByteBuffer raw = ByteBuffer.allocate(2 * in.length).order(ByteOrder.LITTLE_ENDIAN);
        for (char c : in) {
            raw.putChar(c);
        }
        Path src = dir.resolve("in.rgb48");
        Path dst = dir.resolve("out.rgb48");
        Files.write(src, raw.array());
        ExternalTool.run("", "ffmpeg", "ffmpeg", "-v", "error", "-y", "-f", "rawvideo",
                "-pix_fmt", "rgb48le", "-s", w + "x" + h, "-i", src.toString(),
                "-vf", "lut3d=file=" + cube + ":interp=tetrahedral",
                "-f", "rawvideo", "-pix_fmt", "rgb48le", dst.toString());
        ByteBuffer out = ByteBuffer.wrap(Files.readAllBytes(dst)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(raw.capacity(), out.capacity());

        float[] px = new float[in.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = in[i] / 65535f;
        }
        ours.apply(px, 0, w * h, LutInterpolations.TETRAHEDRAL);
        double worst = 0;
        for (int i = 0; i < px.length; i++) {
            worst = Math.max(worst, Math.abs(out.getChar(2 * i) / 65535.0 - px[i]));
        }
        assertTrue(worst <= 1.0 / 4096, "ffmpeg vs our application: worst " + worst);
    }
}
