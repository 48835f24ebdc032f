package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GridSolverTest {

    /**
     * The gathered penalty adds the same terms in the same order as the six scatter passes it replaced (kept below as
     * the reference), so every out[q] is bit-identical, for E v and for E's diagonal, on odd and even lattices.
     */
    @Test
    void penaltyIsBitIdenticalToTheScatterPasses() {
        Random rnd = new Random(7);
        for (int g : new int[] {3, 4, 5, 9, 17}) {
            GridModel.Lattice lat = new GridModel.Lattice(g, new double[] {-1, 0, 0.5},
                    new double[] {0.1 + rnd.nextDouble(), 0.3 + rnd.nextDouble(), 0.05 + rnd.nextDouble()});
            GridSolver solver = new GridSolver(lat, new double[] {0, 0.5, 1, 1, 1, 1});
            int nn = lat.nodes();
            for (int trial = 0; trial < 4; trial++) {
                double mu = Math.pow(10, -6 + 8 * rnd.nextDouble());
                double[] v = new double[nn];
                double[] out = new double[nn];
                for (int p = 0; p < nn; p++) {
                    v[p] = trial == 0 && p % 3 == 0 ? 0 : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
                    out[p] = p % 4 == 0 ? 0 : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 2);
                }
                for (double[] x : new double[][] {v, null}) {
                    double[] expected = out.clone();
                    double[] actual = out.clone();
                    scatter(lat, x, expected, mu);
                    solver.penalty(x, actual, mu);
                    for (int p = 0; p < nn; p++) {
                        assertEquals(Double.doubleToRawLongBits(expected[p]), Double.doubleToRawLongBits(actual[p]),
                                "g " + g + " trial " + trial + (x == null ? " diagonal" : "") + " node " + p);
                    }
                }
            }
        }
    }

    /** GridSolver.penalty as it was (main 37f56f8): six scatter passes, axis by axis. */
    private static void scatter(GridModel.Lattice lat, double[] v, double[] out, double mu) {
        int g = lat.size();
        int[] stride = {1, g, g * g};
        double[] h = lat.step();
        for (int a = 0; a < 3; a++) {
            double c = mu / (h[a] * h[a] * h[a] * h[a]);
            int sa = stride[a];
            int x0 = a == 0 ? 1 : 0;
            int x1 = a == 0 ? g - 1 : g;
            for (int z = a == 2 ? 1 : 0; z < (a == 2 ? g - 1 : g); z++) {
                for (int y = a == 1 ? 1 : 0; y < (a == 1 ? g - 1 : g); y++) {
                    int row = (z * g + y) * g;
                    for (int p = row + x0; p < row + x1; p++) {
                        if (v == null) {
                            out[p - sa] += c;
                            out[p] += 4 * c;
                            out[p + sa] += c;
                        } else {
                            double dd = c * (v[p - sa] - 2 * v[p] + v[p + sa]);
                            out[p - sa] += dd;
                            out[p] -= 2 * dd;
                            out[p + sa] += dd;
                        }
                    }
                }
            }
            for (int b = a + 1; b < 3; b++) {
                double cm = 2 * mu / (h[a] * h[a] * h[b] * h[b]);
                int sb = stride[b];
                int s = sa + sb;
                for (int z = 0; z < g; z++) {
                    for (int y = 0; y < g; y++) {
                        if ((a == 2 || b == 2) && z == g - 1 || (a == 1 || b == 1) && y == g - 1) {
                            continue;
                        }
                        int row = (z * g + y) * g;
                        for (int p = row; p < row + (a == 0 ? g - 1 : g); p++) {
                            if (v == null) {
                                out[p] += cm;
                                out[p + sa] += cm;
                                out[p + sb] += cm;
                                out[p + s] += cm;
                            } else {
                                double dd = cm * (v[p] - v[p + sa] - v[p + sb] + v[p + s]);
                                out[p] += dd;
                                out[p + sa] -= dd;
                                out[p + sb] -= dd;
                                out[p + s] += dd;
                            }
                        }
                    }
                }
            }
        }
    }
}
