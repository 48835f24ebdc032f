package emu.calibration.profile.dcp;

import emu.calibration.fit.ColourModel;
import java.util.List;

/**
 * Builds a {@link DcpProfile} from a fitted model: which part of the film's response goes into
 * which tag (docs/profiles.md explains the choice).
 *
 * <ul>
 *   <li>Matrices: the camera's ({@link CameraSpace}); identical for both lights, because the
 *       camera's view of each light is already in the model's input.</li>
 *   <li>ProfileToneCurve: the film's neutral tone scale, shared by both lights: the luminance
 *       (ProPhoto Y) of the film's rendering of a grey of each ProPhoto level under the
 *       coolest calibration light, on 257 points.</li>
 *   <li>ProfileHueSatMap 1/2: everything else, per light: at each grid point of the DNG HSV
 *       space (hue x saturation x sRGB-encoded value), the hue shift, saturation scale and
 *       value scale that take the white-balanced ProPhoto colour to the inverse tone curve of
 *       the film's rendering. Zero-saturation points keep grey grey at the film's lightness
 *       and borrow hue shift and saturation scale from their saturated neighbour.</li>
 * </ul>
 * The film's own colour of grey (a cast under tungsten) cannot be carried: white balance makes
 * grey neutral before the table, and the table can only scale saturation, which is zero there.
 */
public final class DcpBuilder {

    /** Table size: hue x saturation x value divisions. */
    public record Grid(int hues, int sats, int vals) {
        public Grid {
            if (hues < 6 || hues > 360 || sats < 2 || sats > 200 || vals < 2 || vals > 200) {
                throw new IllegalArgumentException("DCP table of " + hues + " x " + sats + " x " + vals
                        + " is outside 6..360 hues, 2..200 saturations and values");
            }
        }
    }

    /** The default grid: 4 degrees of hue, 1/24 of saturation, 1/32 of sRGB-encoded value. */
    public static final Grid DEFAULT_GRID = new Grid(90, 25, 33);

    private static final double TINY = 1e-3;

    private DcpBuilder() {
    }

    /**
     * @param lights one or two calibration lights ({@link CalibrationLight#choose})
     * @param colorMatrix the camera's D65 colour matrix (XYZ to native RGB), or
     *     {@link CameraSpace#STATION_MATRIX} for raws in the station's own camera space
     * @param camera UniqueCameraModel
     */
    public static DcpProfile build(ColourModel model, List<CalibrationLight> lights, Grid grid,
                                   double[] colorMatrix, String camera, String name, String copyright) {
        if (lights.isEmpty() || lights.size() > 2) {
            throw new IllegalArgumentException("a DCP has one or two calibration illuminants, got " + lights);
        }
        CalibrationLight toneLight = lights.get(lights.size() - 1);
        ProfileToneCurve tone = toneCurve(model, new CameraSpace(colorMatrix, toneLight.xy()), toneLight);
        HueSatMap first = table(model, new CameraSpace(colorMatrix, lights.get(0).xy()), lights.get(0), tone, grid);
        HueSatMap second = lights.size() == 2
                ? table(model, new CameraSpace(colorMatrix, lights.get(1).xy()), lights.get(1), tone, grid) : null;
        CameraSpace space = new CameraSpace(colorMatrix, toneLight.xy());
        double[] cm = space.colorMatrix();
        double[] fm = space.forwardMatrix();
        boolean dual = second != null;
        return new DcpProfile(camera, name, copyright, 1, lights.get(0).exifCode(),
                dual ? lights.get(1).exifCode() : 0, cm, dual ? cm : null, fm, dual ? fm : null,
                first, second, tone, 0.0);
    }

    static ProfileToneCurve toneCurve(ColourModel model, CameraSpace cam, CalibrationLight light) {
        int n = 257;
        double[] in = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double g = i / (double) (n - 1);
            System.arraycopy(cam.fromProPhoto(new double[] {g, g, g}), 0, in, 3 * i, 3);
        }
        double[] film = model.predict(in, light.name());
        double[] y = new double[n];
        double[] pp = new double[3];
        for (int i = 0; i < n; i++) {
            System.arraycopy(film, 3 * i, pp, 0, 3);
            y[i] = luminance(CameraSpace.srgbToProPhoto(pp));
        }
        return ProfileToneCurve.sample(n, x -> y[(int) Math.round(x * (n - 1))]);
    }

    /** ProPhoto Y (the middle row of its RGB to XYZ matrix, white Y = 1). */
    static double luminance(double[] p) {
        double[] m = CameraSpace.PROPHOTO.toXyz();
        return m[3] * p[0] + m[4] * p[1] + m[5] * p[2];
    }

    static HueSatMap table(ColourModel model, CameraSpace cam, CalibrationLight light, ProfileToneCurve tone,
                           Grid g) {
        int points = g.hues() * g.sats() * g.vals();
        double[] hsvIn = new double[3 * points];
        double[] camera = new double[3 * points];
        double[] rgb = new double[3];
        int[] k = {0};
        // First pass: collect every grid point's colour, then one model call for all.
        HueSatMap.sample(g.hues(), g.sats(), g.vals(), true, (hsv, out) -> {
            int i = k[0]++;
            double v = Math.max(hsv[2], TINY * TINY);
            hsvIn[3 * i] = hsv[0];
            hsvIn[3 * i + 1] = hsv[1];
            hsvIn[3 * i + 2] = v;
            HueSatMap.hsvToRgb(hsv[0], hsv[1], v, rgb);
            System.arraycopy(cam.fromProPhoto(rgb), 0, camera, 3 * i, 3);
        });
        double[] film = model.predict(camera, light.name());
        int[] j = {0};
        double[] q = new double[3];
        double[] hq = new double[3];
        HueSatMap map = HueSatMap.sample(g.hues(), g.sats(), g.vals(), true, (hsv, out) -> {
            int i = j[0]++;
            System.arraycopy(film, 3 * i, q, 0, 3);
            double[] t = CameraSpace.srgbToProPhoto(q);
            double hp = hsvIn[3 * i];
            double sp = hsvIn[3 * i + 1];
            double vp = hsvIn[3 * i + 2];
            if (sp == 0) {
                // Grey stays grey through the table: the best it can do is the film's lightness.
                out[0] = 0;
                out[1] = 1;
                out[2] = (float) (encode(tone.inverse(luminance(t))) / encode(vp));
                return;
            }
            for (int c = 0; c < 3; c++) {
                t[c] = Math.max(0, t[c]);
            }
            tone.invert(t);
            HueSatMap.rgbToHsv(t[0], t[1], t[2], hq);
            double dh = hq[1] < 1e-6 ? 0 : hq[0] - hp;
            dh = dh > 3 ? dh - 6 : dh < -3 ? dh + 6 : dh;
            out[0] = (float) (dh * 60.0);
            out[1] = (float) (hq[1] / sp);
            out[2] = (float) (encode(hq[2]) / encode(vp));
        });
        // Zero-saturation entries take the hue shift and saturation scale of their first
        // saturated neighbour: that is what colours just off grey need, and it keeps a film's
        // grey cast (which the table cannot add to grey) from turning into a huge scale that
        // would amplify the rounding-level chroma of near-neutrals.
        float[] d = map.data();
        for (int v = 0; v < g.vals(); v++) {
            for (int h = 0; h < g.hues(); h++) {
                int at = 3 * ((v * g.hues() + h) * g.sats());
                d[at] = d[at + 3];
                d[at + 1] = d[at + 4];
            }
        }
        return map;
    }

    private static double encode(double v) {
        return emu.calibration.color.Srgb.INSTANCE.encode(v);
    }
}
