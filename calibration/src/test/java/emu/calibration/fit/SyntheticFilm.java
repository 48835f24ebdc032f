package emu.calibration.fit;

import emu.calibration.color.Illuminants;
import emu.calibration.color.Srgb;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small synthetic pairs for unit tests (the spectral simulator lives in another module): random
 * patch colours, a camera with fixed daylight balance (lights tint the digital values by their
 * chromaticity), and a "film" whose colour matrix drifts with the light's chromaticity (the
 * metameric difference between camera and film) followed by a per-channel S-shaped
 * characteristic curve in log exposure and sRGB encoding. Deterministic for a seed.
 */
final class SyntheticFilm {

    private SyntheticFilm() {}

    static PairSet pairs(int patches, List<String> lights, double[] evs, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] refl = new double[patches][3];
        for (int p = 0; p < patches; p++) {
            for (int c = 0; c < 3; c++) {
                refl[p][c] = 0.03 + 0.85 * Math.pow(rnd.nextDouble(), 1.6);
            }
        }
        List<Pair> out = new ArrayList<>();
        for (String light : lights) {
            for (double ev : evs) {
                for (int p = 0; p < patches; p++) {
                    double[] d = digital(refl[p], light, ev);
                    double[] f = film(d, light);
                    out.add(new Pair("f-" + light + ev, "r1", light, ev, String.format("P%03d", p),
                            d[0], d[1], d[2], f[0], f[1], f[2]));
                }
            }
        }
        return new PairSet(out);
    }

    static double[] tint(String light) {
        double[] uv = Illuminants.uv1960(Illuminants.xy(light).orElseThrow());
        double[] d65 = Illuminants.uv1960(Illuminants.xy("D65").orElseThrow());
        double du = (uv[0] - d65[0]) * 20;
        double dv = (uv[1] - d65[1]) * 20;
        return new double[] {du, dv};
    }

    static double[] digital(double[] refl, String light, double ev) {
        double[] t = tint(light);
        double[] gain = {Math.exp(0.35 * t[0]), 1, Math.exp(-0.5 * t[0] - 0.2 * t[1])};
        double e = Math.pow(2, ev) * 0.18 / 0.2;
        return new double[] {refl[0] * gain[0] * e, refl[1] * gain[1] * e, refl[2] * gain[2] * e};
    }

    static double[] film(double[] d, String light) {
        double[] t = tint(light);
        double k = 0.08 * t[0];
        double[] m = {
            1.1 + k, -0.05, -0.05 - k,
            -0.08, 1.15, -0.07 + 0.5 * k,
            -0.02 - k, -0.1, 1.12,
        };
        double[] out = new double[3];
        double[] gamma = {0.62, 0.66, 0.7};
        for (int c = 0; c < 3; c++) {
            double e = Math.max(m[3 * c] * d[0] + m[3 * c + 1] * d[1] + m[3 * c + 2] * d[2], 1e-5);
            double s = Math.log(e / 0.18) / Math.log(2);
            double lin = 0.02 + 0.9 / (1 + Math.exp(-gamma[c] * s * 1.1 - 0.3));
            out[c] = Srgb.INSTANCE.encode(lin);
        }
        return out;
    }
}
