package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.chart.ChartReader;
import emu.calibration.chart.ChartReading;
import emu.calibration.chart.ChartSpec;
import emu.calibration.chart.ChartSpecs;
import emu.calibration.chart.SamplingOptions;
import emu.calibration.color.Srgb;
import emu.devices.sim.camera.SimCamera;
import emu.station.SimCaptures;
import emu.station.config.StationConfig;
import emu.station.bench.Devices;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thumbnails of a real sim-camera capture (16-bit scene-linear TIFF, full scale 8): the 18% grey
 * neighbour of the chart (neutral 5, Y 19.1%) at EV 0 under D65 lands on the display's mid-grey,
 * sRGB(0.18) = 118 of 255, instead of the near-black 6 the undecoded codes would give.
 */
class ThumbnailsTest {
    private static final ChartSpec CC = ChartSpecs.colorChecker24();
    private static final int NEUTRAL_5 = CC.patchIndex("neutral 5");
    @TempDir Path dir;

    @Test
    void aLinearSimCaptureIsDisplayEncodedSoItsGreyPatchIsMidGrey() throws Exception {
        Path tif = SimCaptures.tiff(SimCaptures.shoot(dir, "grey"));
        double scale = Devices.captureScale(StationConfig.CameraDriver.SIM);
        assertEquals(SimCamera.TIFF_FULL_SCALE, scale);
        Thumbnails thumbs = new Thumbnails(dir.resolve("cache"));
        byte[] jpeg = thumbs.of(tif, "a".repeat(64), Thumbnails.Tone.sceneLinear(scale));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertArrayEquals(new int[] {480, 320}, new int[] {img.getWidth(), img.getHeight()});

        ChartReading reading = ChartReader.read(tif, CC, null, SamplingOptions.DEFAULTS);
        double[] c = CC.patchCentre(NEUTRAL_5);
        double[] at = reading.location().chartToImage().map(c[0], c[1]);
        double[] shown = mean3x3(img, at[0] * 480 / SimCaptures.WIDTH, at[1] * 320 / SimCaptures.HEIGHT);
        double midGrey = 255 * Srgb.INSTANCE.encode(0.18);
        double linearGreen = reading.patches().get(NEUTRAL_5).mean()[1] * scale;
        for (int ch = 0; ch < 3; ch++) {
            assertEquals(midGrey, shown[ch], 8, "channel " + ch + " of the grey patch: mid-grey is " + midGrey
                    + " (its linear green reads " + linearGreen + ")");
        }
        assertEquals(255 * Srgb.INSTANCE.encode(linearGreen), shown[1], 3, "green is sRGB of the reading");

        // cached under the rendering: a display-encoded request of the same content is another file
        thumbs.of(tif, "a".repeat(64), Thumbnails.Tone.DISPLAY_ENCODED);
        try (var files = Files.list(dir.resolve("cache"))) {
            assertEquals(List.of("a".repeat(64) + "-480-display.jpg", "a".repeat(64) + "-480-lin8.0-srgb.jpg"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        double dark = mean3x3(ImageIO.read(dir.resolve("cache").resolve("a".repeat(64) + "-480-display.jpg").toFile()),
                at[0] * 480 / SimCaptures.WIDTH, at[1] * 320 / SimCaptures.HEIGHT)[1];
        assertTrue(dark < 40, "without display encoding the grey shows near black: " + dark);
    }

    private static double[] mean3x3(BufferedImage img, double x, double y) {
        double[] sum = new double[3];
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int rgb = img.getRGB((int) x + dx, (int) y + dy);
                sum[0] += (rgb >> 16) & 255;
                sum[1] += (rgb >> 8) & 255;
                sum[2] += rgb & 255;
            }
        }
        return new double[] {sum[0] / 9, sum[1] / 9, sum[2] / 9};
    }
}
