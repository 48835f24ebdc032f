package emu.devices.sim.pairs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.color.Cielab;
import emu.calibration.color.DeltaE;
import emu.calibration.color.Srgb;
import emu.devices.sim.spectral.LeastSquares;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proof that the virtual bench poses a problem a 3x3 matrix does not solve: per illuminant, a
 * 3x3 matrix + offset fitted by least squares (in linear and in log space, the better one kept)
 * is several times worse in CIEDE2000 on held-out patches (training illuminants and EVs, digital
 * not clipped) than a quartic polynomial in log-like RGB fitted on the same training rows, for
 * every stock.
 */
class NonTrivialityTest {

    /** Linear: film_lin = M [r g b 1]; film_lin is the sRGB-decoded scan. */
    private static double[] linearFeatures(double[] d) {
        return new double[] {d[0], d[1], d[2], 1};
    }

    /** Log: log film_lin = M [log r, log g, log b, 1]. */
    private static double[] logFeatures(double[] d) {
        return new double[] {log(d[0]), log(d[1]), log(d[2]), 1};
    }

    /**
     * All monomials of degree <= 4 in a log-like shaper of RGB (35 terms); asinh(v / 0.01) is
     * log-like above 0.01 and keeps the sign of the slightly negative values the camera matrix
     * gives saturated colours.
     */
    private static double[] polynomialFeatures(double[] d) {
        double[] x = {shaper(d[0]), shaper(d[1]), shaper(d[2])};
        List<Double> f = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            for (int j = 0; i + j <= 4; j++) {
                for (int k = 0; i + j + k <= 4; k++) {
                    f.add(Math.pow(x[0], i) * Math.pow(x[1], j) * Math.pow(x[2], k));
                }
            }
        }
        return f.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double shaper(double v) {
        double u = v / 0.01;
        return Math.log(u + Math.sqrt(u * u + 1)) / Math.log(2) - 4;
    }

    private static double log(double v) {
        return Math.log(Math.max(v, 1e-4)) / Math.log(2);
    }

    private interface Target {
        double to(double filmEncoded);

        double from(double fitted);
    }

    private static final Target LINEAR = new Target() {
        public double to(double e) { return Srgb.INSTANCE.decode(e); }
        public double from(double v) { return Srgb.INSTANCE.encode(Math.max(0, Math.min(1, v))); }
    };
    private static final Target LOG = new Target() {
        public double to(double e) { return Math.log(Math.max(Srgb.INSTANCE.decode(e), 1e-5)); }
        public double from(double v) { return Srgb.INSTANCE.encode(Math.min(1, Math.exp(v))); }
    };
    private static final Target ENCODED = new Target() {
        public double to(double e) { return e; }
        public double from(double v) { return Math.max(0, Math.min(1, v)); }
    };

    /** Mean CIEDE2000 on {@code test} of a per-channel least-squares fit on {@code train}. */
    private static double meanDe(List<GeneratedPair> train, List<GeneratedPair> test, Function<double[], double[]> features, Target target) {
        double[][] a = train.stream().map(p -> features.apply(p.digital())).toArray(double[][]::new);
        double[][] coef = new double[3][];
        for (int c = 0; c < 3; c++) {
            final int ch = c;
            coef[c] = LeastSquares.solve(a, train.stream().mapToDouble(p -> target.to(p.film()[ch])).toArray());
        }
        double sum = 0;
        for (GeneratedPair p : test) {
            double[] f = features.apply(p.digital());
            double[] pred = new double[3];
            for (int c = 0; c < 3; c++) {
                double v = 0;
                for (int k = 0; k < f.length; k++) {
                    v += coef[c][k] * f[k];
                }
                pred[c] = target.from(v);
            }
            sum += DeltaE.CIEDE2000.between(Cielab.fromSrgb(pred), Cielab.fromSrgb(p.film()));
        }
        return sum / test.size();
    }

    @ParameterizedTest
    @MethodSource("emu.devices.sim.film.FilmStocks#names")
    void aMatrixIsSeveralTimesWorseThanANonlinearFit(String stock) {
        List<GeneratedPair> pairs = PairsGenerator.generate(PairsSpec.defaults(stock, 11));
        Map<String, List<GeneratedPair>> byLight = pairs.stream()
                .filter(p -> !p.digitalClipped() && (p.isTraining() || p.heldout().equals("patch")))
                .collect(Collectors.groupingBy(GeneratedPair::illuminant));
        double matrix = 0;
        double quartic = 0;
        for (Map.Entry<String, List<GeneratedPair>> e : byLight.entrySet()) {
            List<GeneratedPair> train = e.getValue().stream().filter(GeneratedPair::isTraining).toList();
            List<GeneratedPair> test = e.getValue().stream().filter(p -> !p.isTraining()).toList();
            double lin = meanDe(train, test, NonTrivialityTest::linearFeatures, LINEAR);
            double log = meanDe(train, test, NonTrivialityTest::logFeatures, LOG);
            double poly = meanDe(train, test, NonTrivialityTest::polynomialFeatures, ENCODED);
            System.out.printf("%s %s: matrix linear %.2f, matrix log %.2f, quartic-in-log %.2f dE2000 (%d train, %d test)%n",
                    stock, e.getKey(), lin, log, poly, train.size(), test.size());
            matrix += Math.min(lin, log);
            quartic += poly;
        }
        matrix /= byLight.size();
        quartic /= byLight.size();
        System.out.printf("%s: matrix %.2f, quartic %.2f, ratio %.2f%n", stock, matrix, quartic, matrix / quartic);
        // measured (seed 11): portrait-160 3.65x, consumer-200 2.83x, cine-250d 6.2x, cine-500t 5.1x;
        // consumer-200's strong interimage and narrow sensitivities leave the most for any
        // camera-RGB fit to miss (metamerism), so the floor is 2.5x
        assertTrue(matrix > 2.5 * quartic, stock + ": matrix mean dE2000 " + matrix + " should be > 2.5x the quartic fit's " + quartic);
        assertTrue(quartic < 3, stock + ": the nonlinear fit should be good (< 3 dE2000), got " + quartic);
    }
}
