package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.lut.CubeFile;
import emu.calibration.lut.Lut3D;
import emu.calibration.lut.LutProvenance;
import emu.calibration.lut.ShapedLut;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyCommandTest {
    @TempDir Path dir;
    Path image;
    Path cube;

    @BeforeEach
    void files() throws Exception {
        image = dir.resolve("in.tif");
        // a real 16-bit RGB TIFF from ImageMagick (zip + horizontal differencing, its usual output)
        Process p = new ProcessBuilder("convert", "-size", "48x32", "gradient:red-blue", "-depth", "16",
                "-compress", "zip", image.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "ImageMagick convert (scripts/install-test-deps.sh installs it)");
        cube = dir.resolve("id.cube");
        CubeFile.write(new ShapedLut(Lut3D.identity(3)),
                new LutProvenance("s", "set", "m", "D65", "srgb", "film", Double.NaN), cube);
    }

    @Test
    void appliesALutAndKeepsSixteenBits() throws Exception {
        Path out = dir.resolve("out.tif");
        CliRun r = CliRun.of("apply", "--lut", cube.toString(), "--in", image.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote " + out), r.out());
        // the output keeps the input's zip + predictor, which the JDK's own TIFF reader cannot undo
        // on 16-bit samples (STACK.md): read it as the station does
        BufferedImage img = emu.calibration.io.ImageFiles.read(out);
        assertEquals(48, img.getWidth());
        assertEquals(16, img.getColorModel().getComponentSize(0));
    }

    @Test
    void brokenLutExitsTwoNamingTheLine() throws Exception {
        Files.writeString(cube, "LUT_3D_SIZE 2\n0 0 0\n0 0\n");
        // PNG output reads the image whole; TIFF output streams it while the LUT is still being read
        for (String out : new String[] {"o.png", "o.tif"}) {
            CliRun r = CliRun.of("apply", "--lut", cube.toString(), "--in", image.toString(), "--out",
                    dir.resolve(out).toString());
            assertEquals(2, r.exit(), out);
            assertTrue(r.err().contains(cube + ":3: "), r.err());
            assertTrue(Files.notExists(dir.resolve(out)), out);
        }
    }

    @Test
    void brokenImageExitsTwo() throws Exception {
        Files.writeString(image, "II*\0 truncated");
        CliRun r = CliRun.of("apply", "--lut", cube.toString(), "--in", image.toString(), "--out",
                dir.resolve("o.png").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(image.toString()), r.err());
    }

    @Test
    void badUsageExitsTwo() {
        CliRun unknownInterp = CliRun.of("apply", "--lut", cube.toString(), "--in", image.toString(), "--out",
                dir.resolve("o.png").toString(), "--interp", "cubic");
        assertEquals(2, unknownInterp.exit());
        assertTrue(unknownInterp.err().contains("unknown LUT interpolation 'cubic'"), unknownInterp.err());
        CliRun missing = CliRun.of("apply", "--in", image.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--lut"), missing.err());
        CliRun noLut = CliRun.of("apply", "--lut", dir.resolve("nope.cube").toString(), "--in", image.toString(),
                "--out", dir.resolve("o.png").toString());
        assertEquals(2, noLut.exit());
        assertTrue(noLut.err().contains("nope.cube"), noLut.err());
    }
}
