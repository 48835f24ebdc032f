package emu.calibration.lut;

import emu.calibration.io.ImageFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our exports applied by real consumers (ffmpeg's lut3d and haldclut filters, ImageMagick's
 * -hald-clut) to a 16-bit image agree with our own application within 1/4096 per channel.
 */
class ConsumerTest {
    /** 1/4096 of full scale in 16-bit codes. */
    private static final int TOLERANCE = 65535 / 4096;
    private static final LutProvenance PROVENANCE =
            new LutProvenance("Test Stock 400", "set-1", "m1", "D65", "srgb", "film scan (sRGB)", 0.5);

    @TempDir static Path dir;
    static Path input;

    @BeforeAll
    static void image() throws IOException {
        input = dir.resolve("in.png");
        ImageFiles.write(TestLuts.testImage(320, 96), input);
    }

    @Test
    void ffmpegLut3dTetrahedralMatchesOurCube() throws Exception {
        ShapedLut lut = new ShapedLut(TestLuts.filmish(33));
        Path cube = dir.resolve("film.cube");
        CubeFile.write(lut, PROVENANCE, cube);
        Path ours = dir.resolve("ours-cube.png");
        LutImages.apply(input, lut, LutInterpolations.TETRAHEDRAL, ours);
        Path theirs = dir.resolve("ffmpeg-cube.png");
        ExternalTool.run("ffmpeg", "-v", "error", "-y", "-i", input.toString(), "-vf",
                "format=rgb48le,lut3d=file=" + cube + ":interp=tetrahedral", "-pix_fmt", "rgb48be", theirs.toString());
        assertMatches(ours, theirs);
    }

    @Test
    void ffmpegHaldclutMatchesOurHald() throws Exception {
        ShapedLut lut = new ShapedLut(TestLuts.filmish(64));
        Path hald = writeHald(lut);
        Path ours = dir.resolve("ours-hald.png");
        LutImages.apply(input, lut, LutInterpolations.TETRAHEDRAL, ours);
        Path theirs = dir.resolve("ffmpeg-hald.png");
        ExternalTool.run("ffmpeg", "-v", "error", "-y", "-i", input.toString(), "-i", hald.toString(),
                "-filter_complex", "[0:v]format=rgb48le[a];[1:v]format=rgb48le[b];[a][b]haldclut=interp=tetrahedral",
                "-frames:v", "1", "-pix_fmt", "rgb48be", theirs.toString());
        assertMatches(ours, theirs);
    }

    @Test
    void imageMagickHaldClutMatchesOurHald() throws Exception {
        ShapedLut lut = new ShapedLut(TestLuts.filmish(64));
        Path hald = writeHald(lut);
        Path ours = dir.resolve("ours-im.png");
        LutImages.apply(input, lut, LutInterpolations.TRILINEAR, ours);
        Path theirs = dir.resolve("im-hald.png");
        ExternalTool.run("convert", input.toString(), hald.toString(), "-hald-clut", "-alpha", "off", "-depth", "16", theirs.toString());
        assertMatches(ours, theirs);
    }

    private static Path writeHald(ShapedLut lut) throws IOException {
        Path hald = dir.resolve("film-hald8.png");
        TestLuts.format("haldclut").write(lut, PROVENANCE, hald);
        BufferedImage img = ImageFiles.read(hald);
        assertEquals(512, img.getWidth(), "level 8 is 8^3 pixels wide");
        assertEquals(16, img.getColorModel().getComponentSize(0), "16-bit PNG");
        return hald;
    }

    /** Every sample within 1/4096, and the LUT visibly changed the image (so agreement means something). */
    static void assertMatches(Path ours, Path theirs) throws IOException {
        BufferedImage a = ImageFiles.read(ours);
        BufferedImage b = ImageFiles.read(theirs);
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        assertEquals(16, b.getColorModel().getComponentSize(0), theirs + " should be 16-bit");
        assertEquals(3, b.getRaster().getNumBands(), theirs + " should be RGB without alpha");
        int[] pa = a.getRaster().getPixels(0, 0, a.getWidth(), a.getHeight(), (int[]) null);
        int[] pb = b.getRaster().getPixels(0, 0, b.getWidth(), b.getHeight(), (int[]) null);
        int[] pin = ImageFiles.read(input).getRaster().getPixels(0, 0, a.getWidth(), a.getHeight(), (int[]) null);
        int worst = 0;
        int worstAt = 0;
        int changed = 0;
        for (int i = 0; i < pa.length; i++) {
            int d = Math.abs(pa[i] - pb[i]);
            if (d > worst) {
                worst = d;
                worstAt = i;
            }
            changed = Math.max(changed, Math.abs(pa[i] - pin[i]));
        }
        int at = worstAt;
        assertTrue(worst <= TOLERANCE, () -> "largest difference " + pa.length + " samples: " + Math.abs(pa[at] - pb[at])
                + " codes at sample " + at + " (ours " + pa[at] + ", theirs " + pb[at] + "), allowed " + TOLERANCE);
        assertTrue(changed > 2000, "the test LUT should change the image noticeably, max change " + changed);
        System.out.printf("%s vs %s: max difference %d codes (allowed %d)%n", ours.getFileName(),
                theirs.getFileName(), worst, TOLERANCE);
    }

}
