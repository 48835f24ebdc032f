package emu.calibration.profile;

import emu.calibration.color.Ciede2000;
import emu.calibration.color.Cielab;
import emu.calibration.color.Illuminants;
import emu.calibration.fit.ColourModel;
import emu.calibration.io.AtomicFiles;
import emu.calibration.profile.dcp.CalibrationLight;
import emu.calibration.profile.dcp.CameraSpace;
import emu.calibration.profile.dcp.DcpBuilder;
import emu.calibration.profile.dcp.DcpFile;
import emu.calibration.profile.dcp.DcpProfile;
import emu.calibration.profile.dcp.DcpRender;
import emu.calibration.profile.icc.IccInputProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Camera profiles made from the model itself (not from a baked LUT): the DNG camera profile
 * ({@code dcp}, both calibration lights in one file) and the ICC input profile
 * ({@code icc-input}, one per light, v4 with a v2 companion). Each write states the profile's own
 * error against the model, measured by the station's application of the profile
 * ({@link DcpRender}, {@link IccInputProfile#apply}) on {@link #samples}.
 */
public final class CameraProfiles {

    /** Reflectance levels per channel of the accuracy samples: 6^3 = 216 colours, 6 of them grey. */
    private static final double[] LEVELS = {0.03, 0.08, 0.18, 0.35, 0.6, 0.9};

    /**
     * The profile's error against the model under one light, CIEDE2000 (sRGB scan values scored
     * as {@code Cielab.fromSrgb}; ICC: PCS Lab).
     *
     * @param samples how many non-grey samples {@code mean}, {@code p95} and {@code max} cover
     * @param greyMax the worst grey sample (for a DCP: the film's grey cast, which it cannot carry)
     */
    public record Accuracy(String light, int samples, double mean, double p95, double max, double greyMax) {
        public String summary() {
            return String.format(Locale.ROOT, "%s: profile vs model on %d colours mean %.2f, p95 %.2f,"
                    + " max %.2f CIEDE2000; greys max %.2f", light, samples, mean, p95, max, greyMax);
        }
    }

    /** A profile written and its accuracy per light; {@code files} first is the one asked for. */
    public record Written(List<Path> files, List<Accuracy> accuracy) {
        /** One line per light: the profile's own error against the model. */
        public String summary() {
            return String.join("; ", accuracy.stream().map(Accuracy::summary).toList());
        }
    }

    private CameraProfiles() {
    }

    /**
     * Camera RGB of 216 reflectance-like colours (each channel one of {@link #LEVELS}) as the
     * station's daylight-balanced camera sees them under a light whose white it sees as
     * {@code neutral} ({@code CameraSpace#stationWhite}): what the accuracy statements are
     * measured on.
     */
    public static double[] samples(double[] neutral) {
        double[] out = new double[3 * LEVELS.length * LEVELS.length * LEVELS.length];
        int k = 0;
        for (double r : LEVELS) {
            for (double g : LEVELS) {
                for (double b : LEVELS) {
                    out[k++] = r * neutral[0];
                    out[k++] = g * neutral[1];
                    out[k++] = b * neutral[2];
                }
            }
        }
        return out;
    }

    /**
     * Writes a DCP for the one or two trained lights that DNG can name
     * ({@link CalibrationLight#choose}), atomically.
     */
    public static Written writeDcp(ColourModel model, DcpBuilder.Grid grid, double[] colorMatrix, String camera,
                                   String name, String copyright, Path file) throws IOException {
        List<CalibrationLight> lights = CalibrationLight.choose(model.illuminants());
        DcpProfile p = DcpBuilder.build(model, lights, grid, colorMatrix, camera, name, copyright);
        byte[] bytes = DcpFile.write(p);
        AtomicFiles.write(file, bytes);
        List<Accuracy> acc = new ArrayList<>();
        for (int i = 0; i < lights.size(); i++) {
            CalibrationLight l = lights.get(i);
            double[] cam = samples(new CameraSpace(colorMatrix, l.xy()).stationWhite());
            acc.add(accuracy(l.name(), Cielab.fromSrgb(model.predict(cam, l.name())),
                    Cielab.fromSrgb(new DcpRender(p, i + 1, l.xy()).render(cam))));
        }
        return new Written(List.of(file), acc);
    }

    /**
     * Writes the ICC input profile of {@code light}: v4 to {@code file} and v2 beside it
     * ({@code NAME.v2.icc}), both from one CLUT of {@code gridPoints} per axis.
     */
    public static Written writeIccInput(ColourModel model, String light, int gridPoints, String description,
                                        String copyright, Path file) throws IOException {
        double[] xy = Illuminants.xy(light).orElseThrow(() -> new IllegalArgumentException(
                "illuminant " + light + " has no known chromaticity: the camera's view of its white is needed"));
        var lab = IccInputProfile.modelLab(model, light);
        double[] clut = IccInputProfile.sample(gridPoints, lab);
        String base = file.getFileName().toString().replaceFirst("\\.icc$", "");
        Path v2 = file.resolveSibling(base + ".v2.icc");
        AtomicFiles.write(file, IccInputProfile.build(IccInputProfile.Version.V4, description, copyright,
                Instant.EPOCH, gridPoints, clut));
        AtomicFiles.write(v2, IccInputProfile.build(IccInputProfile.Version.V2, description, copyright,
                Instant.EPOCH, gridPoints, clut));
        double[] cam = samples(new CameraSpace(xy).stationWhite());
        return new Written(List.of(file, v2), List.of(accuracy(light, lab.apply(cam),
                IccInputProfile.apply(gridPoints, clut, cam))));
    }

    private static Accuracy accuracy(String light, double[] want, double[] got) {
        Ciede2000 de = new Ciede2000(1, 1, 1);
        int n = LEVELS.length;
        List<Double> colours = new ArrayList<>();
        double greyMax = 0;
        for (int i = 0; i < want.length / 3; i++) {
            double d = de.between(want, 3 * i, got, 3 * i);
            boolean grey = i / (n * n) == (i / n) % n && (i / n) % n == i % n;
            if (grey) {
                greyMax = Math.max(greyMax, d);
            } else {
                colours.add(d);
            }
        }
        double[] s = colours.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Accuracy(light, s.length, Arrays.stream(s).average().orElse(Double.NaN),
                s[(int) Math.ceil(0.95 * s.length) - 1], s[s.length - 1], greyMax);
    }
}
