package emu.calibration.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HomographyTest {
    private static final Homography TRUTH = Homography.of(new double[] {2.1, 0.3, 150, -0.2, 1.9, 80, 1e-4, -2e-4, 1});

    @Test
    void fourPointsGiveTheExactTransform() {
        double[][] from = {{0, 0}, {300, 0}, {300, 200}, {0, 200}};
        Homography h = Homography.fit(from, TRUTH.map(from));
        double[] a = h.matrix();
        double[] b = TRUTH.matrix();
        for (int i = 0; i < 9; i++) {
            assertEquals(b[i], a[i], 1e-9 * Math.max(1, Math.abs(b[i])), "entry " + i);
        }
        double[] p = h.inverse().map(h.map(123, 45)[0], h.map(123, 45)[1]);
        assertEquals(123, p[0], 1e-9);
        assertEquals(45, p[1], 1e-9);
        double[] q = Homography.scaling(2).then(TRUTH).map(5, 7);
        double[] r = TRUTH.map(10, 14);
        assertEquals(r[0], q[0], 1e-9);
        assertEquals(r[1], q[1], 1e-9);
    }

    @Test
    void manyNoisyPointsAreFittedByLeastSquares() {
        Random rnd = new Random(1);
        int n = 60;
        double[][] from = new double[n][];
        double[][] to = new double[n][];
        for (int k = 0; k < n; k++) {
            from[k] = new double[] {rnd.nextDouble() * 300, rnd.nextDouble() * 200};
            double[] t = TRUTH.map(from[k][0], from[k][1]);
            to[k] = new double[] {t[0] + 0.2 * rnd.nextGaussian(), t[1] + 0.2 * rnd.nextGaussian()};
        }
        Homography h = Homography.fit(from, to);
        double[] a = h.map(150, 100);
        double[] b = TRUTH.map(150, 100);
        assertEquals(b[0], a[0], 0.2);
        assertEquals(b[1], a[1], 0.2);
    }

    @Test
    void degenerateInputIsRejected() {
        double[][] line = {{0, 0}, {1, 1}, {2, 2}, {3, 3}};
        assertThrows(IllegalArgumentException.class, () -> Homography.fit(line, line));
        assertThrows(IllegalArgumentException.class, () -> Homography.fit(new double[3][2], new double[3][2]));
        assertThrows(IllegalArgumentException.class, () -> Homography.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, Double.NaN}));
    }
}
