package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thin-plate spline on a parametric trend ({@code tps:trend=...}, {@link TpsTrend}). */
class TpsTrendTest {

    private static final double[][] PROBES = {{0.02, 0.03, 0.01}, {0.18, 0.18, 0.18}, {0.4, 0.2, 0.1},
        {0.05, 0.3, 0.6}, {0.9, 0.8, 0.7}, {0.002, 0.003, 0.002}, {0.0005, 0.0004, 0.0006}};

    private static FitOptions options(String spec) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String part : spec.substring(spec.indexOf(':') + 1).split(":")) {
            params.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
        }
        return new FitOptions(1, params, spec, null, false);
    }

    /**
     * Film that IS a root-polynomial degree 3 model's output: the trend refits it, the heavily smoothed spline on
     * its residuals adds (almost) nothing, and the prediction is the root polynomial's, also at exposures far
     * below the training range (EV -2..+2 here; the dark probes are 4-7 stops below the darkest patch), where
     * the spline's kernel part fades (sum w_j |s - kappa_j| = O(1/|s|)) and it has no linear terms.
     */
    @Test
    void aPureRootPolynomialSurfaceIsRecoveredAndExtrapolatedAsTheTrend() {
        PairSet synthetic = SyntheticFilm.pairs(80, List.of("D65"), new double[] {-2, -1, 0, 1, 2}, 3);
        FittedModel truth = Fitters.get("root-polynomial").fit(synthetic, options("root-polynomial:degree=3"));
        double[] film = truth.predict(synthetic.digital(), "D65");
        List<Pair> pure = new ArrayList<>();
        for (int i = 0; i < synthetic.size(); i++) {
            Pair p = synthetic.get(i);
            pure.add(new Pair(p.frame(), p.roll(), p.illuminant(), p.ev(), p.patch(), p.digitalR(), p.digitalG(),
                    p.digitalB(), film[3 * i], film[3 * i + 1], film[3 * i + 2]));
        }
        TpsModel model = (TpsModel) new TpsFitter().fit(new PairSet(pure),
                options("tps:centres=40:lambda=1:trend=root-polynomial/degree=3"));
        for (double[] probe : PROBES) {
            double[] want = truth.predict(probe, "D65");
            double[] got = model.predict(probe, "D65");
            for (int c = 0; c < 3; c++) {
                assertEquals(want[c], got[c], 2e-3, java.util.Arrays.toString(probe) + " channel " + c);
            }
        }
        // The spline's linear terms are not fitted over a trend: only the constant is left.
        double[] affine = emu.calibration.io.Json.doubles(model.toJson(null).get("affine"));
        for (int t = 3; t < 12; t++) {
            assertEquals(0, affine[t], 0, "affine value " + t);
        }
    }

    @Test
    void aTrendModelRoundTripsThroughItsJsonAndPredictsTheSame(@TempDir Path dir) throws Exception {
        PairSet pairs = SyntheticFilm.pairs(60, List.of("D65"), new double[] {-2, -1, 0, 1, 2}, 4);
        TpsModel model = (TpsModel) new TpsFitter().fit(pairs, options("tps:centres=30:trend=root-polynomial/degree=3"));
        ObjectNode json = model.toJson(dir);
        assertEquals("root-polynomial", json.get("trend").get("type").asText());
        FittedModel back = Models.fromJson(com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(json.toString()), dir);
        for (double[] probe : PROBES) {
            assertArrayEquals(model.predict(probe, "D65"), back.predict(probe, "D65"), 0);
        }
        assertEquals(json.toString(), back.toJson(dir).toString());
    }

    /** A model written before trends existed (main's fields exactly, no "trend") loads and predicts as it did. */
    @Test
    void aModelWithoutATrendLoadsUnchanged(@TempDir Path dir) throws Exception {
        PairSet pairs = SyntheticFilm.pairs(60, List.of("D65"), new double[] {-2, -1, 0, 1, 2}, 4);
        TpsModel model = (TpsModel) new TpsFitter().fit(pairs, options("tps:centres=30"));
        ObjectNode json = model.toJson(dir);
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("type", "spec", "trained", "lambdas", "centres", "affine", "weights"), fields);
        JsonNode reread = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(json.toString());
        FittedModel back = Models.fromJson(reread, dir);
        for (double[] probe : PROBES) {
            assertArrayEquals(model.predict(probe, "D65"), back.predict(probe, "D65"), 0);
        }
        assertFalse(back.toJson(dir).has("trend"));
    }

    @Test
    void aBadTrendIsRefusedNamingTheCandidate() {
        PairSet pairs = SyntheticFilm.pairs(30, List.of("D65"), new double[] {-1, 0, 1}, 4);
        for (String bad : List.of("tps:trend=tps", "tps:trend=root-polynomial/illuminant=per", "tps:trend=nope",
                "tps:trend=matrix:trend-linear=maybe")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TpsFitter().fit(pairs, options(bad)));
            assertTrue(e.getMessage().contains("candidate '" + bad + "'"), e.getMessage());
        }
    }
}
