package emu.calibration.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The own-channel monotone pass on baked lattices: exact isotonic lines, nothing moved that need not be. */
class LatticeMonotoneTest {

    @Test
    void poolsAdjacentViolatorsIntoTheirMean() {
        double[] y = {1, 3, 2, 4, 0.5, 5};
        int n = y.length;
        LatticeMonotone.isotonic(y, new double[n], new double[n], new int[n]);
        // {3, 2} pools to 2.5, then {2.5, 2.5, 4, 0.5} pools to 2.375 (the least-squares non-decreasing fit)
        assertArrayEquals(new double[] {1, 2.375, 2.375, 2.375, 2.375, 5}, y, 1e-12);
        double[] down = {3, 2, 1};
        LatticeMonotone.isotonic(down, new double[3], new double[3], new int[3]);
        assertArrayEquals(new double[] {2, 2, 2}, down, 1e-12);
    }

    @Test
    void everyOwnChannelLineRisesAndAMonotoneTruthIsNeverLeftFarther() {
        int n = 9;
        SplittableRandom rnd = new SplittableRandom(11);
        float[] truth = new float[3 * n * n * n];
        float[] noisy = new float[truth.length];
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < n; g++) {
                for (int r = 0; r < n; r++) {
                    int o = 3 * (r + n * (g + n * b));
                    int[] own = {r, g, b};
                    for (int c = 0; c < 3; c++) {
                        // rises in its own input, anything in the others
                        truth[o + c] = (float) (0.1 * own[c] + 0.05 * Math.sin(r + 2 * g + 3 * b + c));
                        noisy[o + c] = truth[o + c] + (float) (0.15 * (rnd.nextDouble() - 0.5));
                    }
                }
            }
        }
        Lut3D t = new Lut3D(n, truth);
        Lut3D v = new Lut3D(n, noisy);
        assertTrue(LatticeMonotone.fallingShare(v) > 0.05, "the noisy lattice falls somewhere");
        assertEquals(0, LatticeMonotone.fallingShare(t));
        Lut3D fixed = LatticeMonotone.ownChannel(v);
        assertEquals(0, LatticeMonotone.fallingShare(fixed));
        assertTrue(distance(fixed, t) <= distance(v, t) + 1e-9, distance(fixed, t) + " vs " + distance(v, t));
        assertArrayEquals(t.table(), LatticeMonotone.ownChannel(t).table(), 0, "a monotone lattice is left as it is");
        assertArrayEquals(v.domainMax(), fixed.domainMax(), 0);
    }

    @Test
    void aBoxLeavesEveryNodeOutsideItAsBaked() {
        int n = 7;
        SplittableRandom rnd = new SplittableRandom(5);
        float[] table = new float[3 * n * n * n];
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) rnd.nextDouble();
        }
        Lut3D v = new Lut3D(n, table);
        int[] from = {1, 2, 0};
        int[] to = {5, 4, 6};
        Lut3D fixed = LatticeMonotone.ownChannel(v, from, to);
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < n; g++) {
                for (int r = 0; r < n; r++) {
                    boolean inside = r >= from[0] && r <= to[0] && g >= from[1] && g <= to[1] && b >= from[2] && b <= to[2];
                    for (int c = 0; c < 3; c++) {
                        if (!inside) {
                            assertEquals(v.get(r, g, b, c), fixed.get(r, g, b, c), 0, "moved outside the box");
                        }
                    }
                    if (inside && r > from[0]) {
                        assertTrue(fixed.get(r, g, b, 0) >= fixed.get(r - 1, g, b, 0) - 1e-6f);
                    }
                    if (inside && b > from[2]) {
                        assertTrue(fixed.get(r, g, b, 2) >= fixed.get(r, g, b - 1, 2) - 1e-6f);
                    }
                }
            }
        }
    }

    private static double distance(Lut3D a, Lut3D b) {
        float[] x = a.table();
        float[] y = b.table();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - y[i]) * (double) (x[i] - y[i]);
        }
        return Math.sqrt(s);
    }
}
