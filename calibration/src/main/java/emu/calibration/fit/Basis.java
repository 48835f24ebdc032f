package emu.calibration.fit;

import emu.calibration.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.LogShaper;

/**
 * A feature expansion of one RGB triple for the linear-in-parameters colour stage of a
 * {@link ToneColourModel}. Log-domain bases see the shaped digital values (stops,
 * {@link LogShaper#DEFAULT}) and predict log exposure directly; linear-domain bases (root
 * polynomial) see scene-linear values and predict linear exposure, shaped afterwards.
 */
abstract class Basis {

    /** Number of features. */
    abstract int size();

    /** Whether the features are computed from linear (true) or shaped (false) input. */
    abstract boolean linearDomain();

    /** Writes the features of ({@code a}, {@code b}, {@code c}) to {@code out[off..off+size)}. */
    abstract void expand(double a, double b, double c, double[] out, int off);

    /** Whether ridge regularisation applies to each feature (intercepts are left free). */
    abstract boolean[] penalised();

    abstract ObjectNode toJson();

    static Basis fromJson(JsonNode o) {
        String kind = Json.required(o, "kind").asText();
        return switch (kind) {
            case "polynomial" -> new Polynomial(o.get("degree").asInt());
            case "root-polynomial" -> new RootPolynomial(o.get("degree").asInt());
            case "rbf" -> new Rbf(Json.doubles(o.get("centres")));
            default -> throw new IllegalArgumentException("model file: unknown basis '" + kind + "'");
        };
    }

    /**
     * All monomials of the shaped values up to {@code degree}, constant included. Degree 1 is the
     * 3x3 matrix + offset in log space.
     */
    static final class Polynomial extends Basis {
        private final int degree;
        private final int[][] powers;

        Polynomial(int degree) {
            if (degree < 1 || degree > 4) {
                throw new IllegalArgumentException("polynomial degree must be 1..4, got " + degree);
            }
            this.degree = degree;
            java.util.List<int[]> p = new java.util.ArrayList<>();
            for (int d = 0; d <= degree; d++) {
                for (int i = d; i >= 0; i--) {
                    for (int j = d - i; j >= 0; j--) {
                        p.add(new int[] {i, j, d - i - j});
                    }
                }
            }
            powers = p.toArray(new int[0][]);
        }

        @Override int size() { return powers.length; }

        @Override boolean linearDomain() { return false; }

        @Override
        void expand(double a, double b, double c, double[] out, int off) {
            for (int t = 0; t < powers.length; t++) {
                int[] p = powers[t];
                out[off + t] = pow(a, p[0]) * pow(b, p[1]) * pow(c, p[2]);
            }
        }

        private static double pow(double x, int n) {
            double r = 1;
            for (int i = 0; i < n; i++) {
                r *= x;
            }
            return r;
        }

        @Override
        boolean[] penalised() {
            boolean[] p = new boolean[powers.length];
            for (int t = 1; t < p.length; t++) {
                // Leave the affine part free: only the curvature is shrunk.
                p[t] = powers[t][0] + powers[t][1] + powers[t][2] > 1;
            }
            return p;
        }

        @Override
        ObjectNode toJson() {
            return JsonNodeFactory.instance.objectNode().put("kind", "polynomial").put("degree", degree);
        }
    }

    /**
     * Root-polynomial terms of linear RGB (G. D. Finlayson, M. Mackiewicz, A. Hurlbert,
     * "Color Correction Using Root-Polynomial Regression", IEEE TIP 24(5), 2015, eq. 9-10):
     * degree 2 = r, g, b, sqrt(rg), sqrt(gb), sqrt(rb); degree 3 adds the cube roots
     * (r g^2), (g b^2), (r b^2), (g r^2), (b g^2), (b r^2), (r g b). Every term scales with
     * exposure, so the mapping is exposure invariant; negative inputs are clamped to 0.
     */
    static final class RootPolynomial extends Basis {
        private final int degree;

        RootPolynomial(int degree) {
            if (degree < 1 || degree > 3) {
                throw new IllegalArgumentException("root-polynomial degree must be 1..3, got " + degree);
            }
            this.degree = degree;
        }

        @Override int size() { return degree == 1 ? 3 : degree == 2 ? 6 : 13; }

        @Override boolean linearDomain() { return true; }

        @Override
        void expand(double a, double b, double c, double[] out, int off) {
            double r = Math.max(a, 0), g = Math.max(b, 0), bl = Math.max(c, 0);
            out[off] = r;
            out[off + 1] = g;
            out[off + 2] = bl;
            if (degree >= 2) {
                out[off + 3] = Math.sqrt(r * g);
                out[off + 4] = Math.sqrt(g * bl);
                out[off + 5] = Math.sqrt(r * bl);
            }
            if (degree >= 3) {
                out[off + 6] = Math.cbrt(r * g * g);
                out[off + 7] = Math.cbrt(g * bl * bl);
                out[off + 8] = Math.cbrt(r * bl * bl);
                out[off + 9] = Math.cbrt(g * r * r);
                out[off + 10] = Math.cbrt(bl * g * g);
                out[off + 11] = Math.cbrt(bl * r * r);
                out[off + 12] = Math.cbrt(r * g * bl);
            }
        }

        @Override
        boolean[] penalised() {
            boolean[] p = new boolean[size()];
            for (int t = 3; t < p.length; t++) {
                p[t] = true;
            }
            return p;
        }

        @Override
        ObjectNode toJson() {
            return JsonNodeFactory.instance.objectNode().put("kind", "root-polynomial").put("degree", degree);
        }
    }

    /**
     * Thin-plate-spline radial basis on the shaped values: phi(r) = r^2 ln r around each centre
     * (Duchon 1977; the polyharmonic spline of order 2), plus the affine terms 1, a, b, c that
     * thin-plate splines carry (Wahba 1990, "Spline Models for Observational Data", ch. 2).
     */
    static final class Rbf extends Basis {
        private final double[] centres;
        private final int k;

        Rbf(double[] centres) {
            this.centres = centres.clone();
            this.k = centres.length / 3;
        }

        @Override int size() { return k + 4; }

        @Override boolean linearDomain() { return false; }

        @Override
        void expand(double a, double b, double c, double[] out, int off) {
            out[off] = 1;
            out[off + 1] = a;
            out[off + 2] = b;
            out[off + 3] = c;
            for (int j = 0; j < k; j++) {
                double da = a - centres[3 * j];
                double db = b - centres[3 * j + 1];
                double dc = c - centres[3 * j + 2];
                double r2 = da * da + db * db + dc * dc;
                out[off + 4 + j] = r2 > 0 ? 0.5 * r2 * Math.log(r2) : 0; // r^2 ln r = r^2 ln(r^2) / 2
            }
        }

        @Override
        boolean[] penalised() {
            boolean[] p = new boolean[size()];
            for (int t = 4; t < p.length; t++) {
                p[t] = true;
            }
            return p;
        }

        @Override
        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode().put("kind", "rbf");
            Json.putArray(o, "centres", centres);
            return o;
        }
    }
}
