package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.io.Json;
import emu.calibration.pairs.PairSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** grid's trend below a dark threshold only ({@code grid:...:trend=SPEC:dark=Q}, {@link GridDark}). */
class GridDarkTest {

    private static final double[] EVS = {-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3};
    private static final String SPEC = "grid:size=9:illuminant=per:trend=root-polynomial/degree=3:dark=0.3";

    @Test
    void badValuesAreRefusedAtParseByName() {
        // As CandidateValuesTest: refused by Candidate.parse, before any pairs, naming the spec and the option.
        String[][] bad = {
            {"grid:illuminant=per:trend=root-polynomial/degree=3:dark=0", "dark must be cv or a quantile in (0, 1), got 0"},
            {"grid:illuminant=per:trend=root-polynomial/degree=3:dark=1", "dark must be cv or a quantile in (0, 1), got 1"},
            {"grid:illuminant=per:trend=root-polynomial/degree=3:dark=cv:lambda=0.1", "dark=cv needs the cross-validated"},
            {"grid:illuminant=per:trend=root-polynomial/degree=3:dark=low", "dark=low is not a number"},
            {"grid:illuminant=per:dark=0.2", "dark and dark-width need a trend"},
            {"grid:illuminant=per:trend=root-polynomial/degree=3:dark-width=1", "dark-width needs dark=Q"},
            {"grid:illuminant=per:trend=root-polynomial/degree=3:dark=0.2:dark-width=0", "dark-width must be > 0"},
            {"grid:illuminant=per:trend=root-polynomial/degree=3:dark=0.2:dark-width=NaN", "dark-width must be > 0"},
        };
        for (String[] b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Candidate.parse(b[0]), b[0]);
            assertTrue(e.getMessage().startsWith("candidate '" + b[0] + "': "), b[0] + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(b[1]), b[0] + ": " + e.getMessage());
        }
        for (String ok : List.of(SPEC, "grid:illuminant=per:trend=root-polynomial/degree=3:dark=cv", "grid:illuminant=per:trend=root-polynomial/degree=3:dark=0.01:dark-width=0.25")) {
            assertEquals(ok, Candidate.parse(ok).spec());
        }
    }

    @Test
    void theWeightIsOneBelowTheQuantileZeroAWidthAboveASmoothstepBetween() {
        // Brightness = the largest shaped channel; threshold = its dark-quantile over the inputs.
        double[] s = new double[3 * 101];
        for (int i = 0; i <= 100; i++) {
            s[3 * i] = 0.01 * i - 5;
            s[3 * i + 1] = 0.1 * i; // the largest: 0 .. 10
            s[3 * i + 2] = -1;
        }
        GridDark d = GridDark.of(new FitOptions(1, Map.of("dark", "0.2", "dark-width", "2"), "g", null, false), s);
        assertEquals(2.0, d.threshold(), 1e-12);
        assertEquals(1.0, d.weight(new double[] {-3, 2, 1}, 0), 0.0);
        assertEquals(0.5, d.weight(new double[] {3, -3, 1}, 0), 1e-12);
        assertEquals(1 - 0.25 * 0.25 * (3 - 0.5), d.weight(new double[] {0, 0, 2.5}, 0), 1e-12);
        assertEquals(0.0, d.weight(new double[] {4, 0, 0}, 0), 0.0);
        assertEquals(null, GridDark.of(new FitOptions(1, Map.of(), "g", null, false), s));
    }

    @Test
    void aboveTheBandItIsPlainGridBelowItTheTrend() {
        // The blend: from threshold + width up the model is plain grid's (same lattice, bit for bit: the bright end
        // and the clip untouched); at or below the threshold it is the trend's alone (rp3 fitted per light).
        PairSet train = SyntheticFilm.pairs(60, List.of("D65", "A"), EVS, 3);
        IlluminantFeatures f = IlluminantFeatures.from(train);
        FittedModel dark = Candidate.parse(SPEC).fit(train, 1, f);
        FittedModel grid = Candidate.parse("grid:size=9:illuminant=per").fit(train, 1, f);
        FittedModel rp3 = Candidate.parse("root-polynomial:degree=3:illuminant=per").fit(train, 1, f);
        PairSet test = SyntheticFilm.pairs(80, List.of("D65", "A"), new double[] {-4, -3, -1, 0, 1, 3}, 8);
        int bright = 0;
        int low = 0;
        for (String light : List.of("D65", "A")) {
            double[] shaped = train.filter(p -> p.illuminant().equals(light)).digital();
            for (int i = 0; i < shaped.length; i++) {
                shaped[i] = TpsModel.shape(shaped[i]);
            }
            GridDark split = GridDark.of(new FitOptions(1, Map.of("dark", "0.3"), "g", null, false), shaped);
            double[] d = test.filter(p -> p.illuminant().equals(light)).digital();
            double[] pd = dark.predict(d, light);
            double[] pg = grid.predict(d, light);
            double[] pr = rp3.predict(d, light);
            for (int i = 0; i < d.length / 3; i++) {
                double[] x = {TpsModel.shape(d[3 * i]), TpsModel.shape(d[3 * i + 1]), TpsModel.shape(d[3 * i + 2])};
                double w = split.weight(x, 0);
                for (int c = 0; c < 3 && (w == 0 || w == 1); c++) {
                    double want = w == 0 ? pg[3 * i + c] : Math.max(0, Math.min(1, pr[3 * i + c]));
                    assertEquals(want, pd[3 * i + c], w == 0 ? 0.0 : 1e-12, light + " reading " + i + " w " + w);
                }
                bright += w == 0 ? 1 : 0;
                low += w == 1 ? 1 : 0;
            }
        }
        assertTrue(bright > 40 && low > 20, "readings on each side: " + bright + " / " + low);
    }

    @Test
    void crossValidationTakesASplitOnlyWhereTheLatticeMissesTheDark() {
        // choose() compares the lattice's held-out predictions with the per-fold trend's: lattice predictions exact
        // everywhere leave nothing to gain (plain grid, null); off by 0.05 on the darkest 5% and exact elsewhere, a
        // split must be taken (rp3 fits this film to well under 0.05).
        PairSet train = SyntheticFilm.pairs(60, List.of("D65"), EVS, 3);
        double[] s = train.digital();
        for (int i = 0; i < s.length; i++) {
            s[i] = TpsModel.shape(s[i]);
        }
        double[] film = train.film();
        FitOptions o = new FitOptions(1, Map.of("dark", "cv"), "g", null, false);
        Candidate rp3 = Candidate.parse("root-polynomial:degree=3");
        assertEquals(null, GridDark.choose(train, s, film, film.clone(), rp3, o));
        double cut = GridDark.at(0.05, 1, s).threshold();
        double[] held = film.clone();
        for (int i = 0; i < held.length; i++) {
            held[i] += GridDark.brightness(s, i - i % 3) <= cut ? 0.05 : 0;
        }
        GridDark g = GridDark.choose(train, s, film, held, rp3, o);
        assertTrue(g != null && g.quantile() == 0.05, "chosen " + g);
    }

    @Test
    void crossValidatedSplitIsPlainGridOrTheFixedSplitsModel() {
        // dark=cv's model predicts as plain grid (no split chosen) or as dark=Q at the Q it chose, bit for bit.
        PairSet train = SyntheticFilm.pairs(60, List.of("D65", "A"), EVS, 3);
        IlluminantFeatures f = IlluminantFeatures.from(train);
        String base = "grid:size=9:illuminant=per";
        FittedModel cv = Candidate.parse(base + ":trend=root-polynomial/degree=3:dark=cv").fit(train, 1, f);
        double[] d = SyntheticFilm.pairs(40, List.of("D65"), new double[] {-4, -1, 2}, 8).digital();
        double[] got = cv.predict(d, "D65");
        double[] plain = Candidate.parse(base).fit(train, 1, f).predict(d, "D65");
        boolean same = java.util.Arrays.equals(got, plain);
        for (double q : GridDark.CV_QUANTILES) {
            same |= java.util.Arrays.equals(got, Candidate.parse(base + ":trend=root-polynomial/degree=3:dark=" + q)
                    .fit(train, 1, f).predict(d, "D65"));
        }
        assertTrue(same, "dark=cv predicts as none of plain grid and dark=0.05/0.1/0.2");
    }

    @Test
    void theSplitIsSavedAndPredictsAlikeAfterLoad(@TempDir Path dir) throws Exception {
        PairSet train = SyntheticFilm.pairs(60, List.of("D65", "A"), EVS, 3);
        FittedModel m = Candidate.parse(SPEC).fit(train, 1, IlluminantFeatures.from(train));
        ModelMetadata meta = new ModelMetadata("id", "stock", "set", m.spec(), "now", "dev", 1, "sha", train.size(),
                "linear", "srgb", Map.of("D65", "table"), 1, 1);
        ModelDirectory.save(dir, m, meta, null);
        FittedModel back = ModelDirectory.load(dir).model();
        // Below, inside and above the training exposures (the dark side is where the trend weighs).
        PairSet test = SyntheticFilm.pairs(40, List.of("D65", "A"), new double[] {-5, -3, 0.25, 5}, 8);
        double[] d = test.filter(p -> p.illuminant().equals("A")).digital();
        for (String light : List.of("D65", "A")) {
            double[] dl = test.filter(p -> p.illuminant().equals(light)).digital();
            assertArrayEquals(m.predict(dl, light), back.predict(dl, light), 0.0, light);
        }
        // The model file says so: without its "dark" entry (a trend-everywhere file, as before this option) the same
        // lattice predicts otherwise in the bright, so the entry is read, not ignored.
        Path json = dir.resolve("model.json");
        String text = Files.readString(json);
        assertTrue(text.contains("\"dark\""), "model.json names the split");
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(text);
        int removed = strip(root);
        assertTrue(removed >= 1, "dark entries found: " + removed);
        Files.writeString(json, Json.MAPPER.writeValueAsString(root));
        FittedModel old = ModelDirectory.load(dir).model();
        double diff = 0;
        double[] a = m.predict(d, "A");
        double[] b = old.predict(d, "A");
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        assertTrue(diff > 1e-3, "without dark the loaded model predicts the same: " + diff);
    }

    /** Removes every "dark" object under {@code o}; returns how many. */
    private static int strip(com.fasterxml.jackson.databind.JsonNode o) {
        int n = 0;
        if (o instanceof ObjectNode obj && obj.has("dark") && obj.has("trend")) {
            obj.remove("dark");
            n++;
        }
        for (com.fasterxml.jackson.databind.JsonNode c : o) {
            n += strip(c);
        }
        return n;
    }
}
