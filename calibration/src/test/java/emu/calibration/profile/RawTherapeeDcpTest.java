package emu.calibration.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.color.Ciede2000;
import emu.calibration.color.Cielab;
import emu.calibration.fit.ColourModel;
import emu.calibration.profile.dcp.CalibrationLight;
import emu.calibration.profile.dcp.CameraSpace;
import emu.calibration.profile.dcp.ChartPatches;
import emu.calibration.profile.dcp.DcpBuilder;
import emu.calibration.profile.dcp.DcpFile;
import emu.calibration.profile.dcp.DcpProfile;
import emu.calibration.profile.dcp.DcpRender;
import emu.calibration.profile.dcp.FilmModel;
import emu.calibration.io.LinearDng;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RawTherapee (Debian {@code rawtherapee}, 5.9) develops a linear DNG of the ColorChecker as the
 * station's camera sees it, under each calibration light with the white balance "as shot",
 * with the exported .dcp as input profile (tone curve, hue/sat map, look table and baseline
 * exposure offset all applied, ProPhoto working space, RawTherapee's sRGB output). Its patches
 * must match the station's own application of the profile ({@link DcpRender}) and, on the
 * colour patches, the model.
 */
class RawTherapeeDcpTest {

    /** Pixels per patch side: RawTherapee 5.9 refused ("Error loading file") a 96 x 64 DNG. */
    private static final int PATCH = 64;
    private static final int COLUMNS = 6;

    /**
     * A Bayer camera's D65 colour matrix (XYZ to camera RGB), of the kind Adobe's DNG Converter
     * and dcraw's {@code adobe_coeff} table carry: the values dcraw lists for the Nikon D750.
     */
    static final double[] CAMERA_MATRIX = {
        0.9020, -0.2890, -0.0715, -0.4535, 1.2436, 0.2348, -0.0934, 0.1919, 0.7086};

    @Test
    void rawTherapeeRendersTheDcpAsTheStationDoes(@TempDir Path dir) throws Exception {
        develop(dir, "emu-station Sim", CameraSpace.STATION_MATRIX);
    }

    @Test
    void aCameraWithItsOwnMatrixToo(@TempDir Path dir) throws Exception {
        // The raw holds the sensor's native RGB; the profile carries the camera's matrix.
        develop(dir, "Nikon D750", CAMERA_MATRIX);
    }

    private static void develop(Path dir, String cameraName, double[] colorMatrix) throws Exception {
        develop(dir, new FilmModel(), cameraName, colorMatrix,
                light -> ChartPatches.camera(new CameraSpace(colorMatrix, light.xy()).stationWhite()), 0.5, 1.5);
    }

    /**
     * Develops the chart with RawTherapee under each calibration light and checks it against the
     * station's render of the profile (0.5) and, on the 18 colour patches, against the model
     * (mean and worst as given).
     */
    static void develop(Path dir, ColourModel model, String cameraName, double[] colorMatrix,
                        Function<CalibrationLight, double[]> chart, double meanTolerance, double worstTolerance)
            throws Exception {
        List<CalibrationLight> lights = CalibrationLight.choose(model.illuminants());
        DcpProfile profile = DcpBuilder.build(model, lights, DcpBuilder.DEFAULT_GRID, colorMatrix,
                cameraName, "Portra 400 (emu-station)", "emu-station test");
        Path dcp = dir.resolve("film.dcp");
        Files.write(dcp, DcpFile.write(profile));
        Path pp3 = dir.resolve("film.pp3");
        Files.writeString(pp3, String.join("\n",
                "[Version]", "AppVersion=5.9", "Version=349", "",
                "[White Balance]", "Enabled=true", "Setting=Camera", "",
                "[Color Management]", "InputProfile=file:" + dcp, "ToneCurve=true",
                "ApplyLookTable=true", "ApplyBaselineExposureOffset=true", "ApplyHueSatMap=true",
                "DCPIlluminant=0", "WorkingProfile=ProPhoto", "WorkingTRC=none",
                "OutputProfile=RT_sRGB", "OutputProfileIntent=Relative", "OutputBPC=false", ""));
        Ciede2000 de = new Ciede2000(1, 1, 1);
        for (int which = 1; which <= lights.size(); which++) {
            CalibrationLight light = lights.get(which - 1);
            CameraSpace space = new CameraSpace(colorMatrix, light.xy());
            double[] camera = chart.apply(light);
            double[] raw = new double[camera.length];
            for (int i = 0; i < camera.length; i += 3) {
                double[] n = space.toNative(new double[] {camera[i], camera[i + 1], camera[i + 2]});
                for (int c = 0; c < 3; c++) {
                    assertTrue(n[c] >= 0 && n[c] <= 1, "patch " + i / 3 + " fits the raw's range: " + n[c]);
                    raw[i + c] = n[c];
                }
            }
            Path dng = dir.resolve(light.name() + ".dng");
            Files.write(dng, LinearDng.write(raw, COLUMNS, PATCH, space.neutral(), colorMatrix, cameraName));
            Path tif = dir.resolve(light.name() + ".tif");
            // HOME and XDG dirs in the temp dir: RawTherapee writes its options and cache there.
            ExternalTool.run(Map.of("HOME", dir.toString(), "XDG_CONFIG_HOME", dir.resolve("cfg").toString(),
                    "XDG_CACHE_HOME", dir.resolve("cache").toString()), "", "rawtherapee",
                    "rawtherapee-cli", "-q", "-o", tif.toString(), "-p", pp3.toString(), "-t", "-b16",
                    "-Y", "-c", dng.toString());
            BufferedImage image = ImageIO.read(tif.toFile());
            assertNotNull(image, "RawTherapee wrote no readable TIFF at " + tif);
            assertEquals(COLUMNS * PATCH, image.getWidth());
            double[] got = centres(image.getRaster(), camera.length / 3);
            double[] station = new DcpRender(profile, which, light.xy()).render(camera);
            double[] film = model.predict(camera, light.name());
            double[] gotLab = Cielab.fromSrgb(got);
            double[] stationLab = Cielab.fromSrgb(station);
            double[] filmLab = Cielab.fromSrgb(film);
            double worstStation = 0;
            double worstColour = 0;
            double sumColour = 0;
            for (int i = 0; i < gotLab.length; i += 3) {
                worstStation = Math.max(worstStation, de.between(gotLab, i, stationLab, i));
                if (i / 3 < 18) {
                    double d = de.between(gotLab, i, filmLab, i);
                    worstColour = Math.max(worstColour, d);
                    sumColour += d;
                }
            }
            System.out.printf(Locale.ROOT, "RawTherapee, %s, %s: vs the station's DCP render worst %.3f;"
                    + " vs the model on the 18 colour patches mean %.3f worst %.3f CIEDE2000%n",
                    cameraName, light.name(), worstStation, sumColour / 18, worstColour);
            // RawTherapee fits a spline through the tone curve's points and applies it in 16 bits
            assertTrue(worstStation <= 0.5, light.name() + ": RawTherapee vs the station's render: "
                    + worstStation + " CIEDE2000");
            assertTrue(sumColour / 18 <= meanTolerance && worstColour <= worstTolerance, light.name()
                    + ": RawTherapee vs the model on colour patches: mean " + sumColour / 18
                    + ", worst " + worstColour);
        }
    }

    /** The sRGB value at each patch's centre, 0..1. */
    private static double[] centres(Raster r, int patches) {
        double[] out = new double[3 * patches];
        for (int p = 0; p < patches; p++) {
            int x = (p % COLUMNS) * PATCH + PATCH / 2;
            int y = (p / COLUMNS) * PATCH + PATCH / 2;
            for (int c = 0; c < 3; c++) {
                out[3 * p + c] = r.getSample(x, y, c) / 65535.0;
            }
        }
        return out;
    }
}
