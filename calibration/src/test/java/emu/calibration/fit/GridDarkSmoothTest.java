package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.io.Json;
import emu.calibration.pairs.PairSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** grid's dark part from a smoother lattice ({@code grid:...:dark=Q:dark-smooth=K}, {@link GridDark}). */
class GridDarkSmoothTest {

    private static final double[] EVS = {-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3};
    private static final String SPEC = "grid:size=9:illuminant=per:dark=0.3:dark-smooth=2";

    @Test
    void badValuesAreRefusedAtParseByName() {
        // Refused by Candidate.parse before any pairs, naming the spec and the option.
        String[][] bad = {
            {"grid:illuminant=per:dark=0.05:dark-smooth=0", "dark-smooth must be a non-zero number"},
            {"grid:illuminant=per:dark=0.05:dark-smooth=-7", "dark-smooth must be a non-zero number"},
            {"grid:illuminant=per:dark=0.05:dark-smooth=7", "dark-smooth must be a non-zero number"},
            {"grid:illuminant=per:dark=0.05:dark-smooth=NaN", "dark-smooth must be a non-zero number"},
            {"grid:illuminant=per:dark=0.05:dark-smooth=two", "dark-smooth=two is not a number"},
            {"grid:illuminant=per:dark-smooth=2", "dark-smooth=K needs dark=Q"},
            {"grid:illuminant=per:dark=cv:dark-smooth=2", "dark-smooth=K needs dark=Q"},
            {"grid:illuminant=per:trend=root-polynomial/degree=3:dark=0.05:dark-smooth=2", "not both"},
            {"grid:illuminant=per:dark=0.05", "need a trend (trend=SPEC) or dark-smooth=K"},
        };
        for (String[] b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Candidate.parse(b[0]), b[0]);
            assertTrue(e.getMessage().startsWith("candidate '" + b[0] + "': "), b[0] + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(b[1]), b[0] + ": " + e.getMessage());
        }
        for (String ok : List.of(SPEC, "grid:illuminant=per:dark=0.05:dark-smooth=1:dark-width=0.5",
                "grid:illuminant=per:dark=0.05:dark-smooth=-1")) {
            assertEquals(ok, Candidate.parse(ok).spec());
        }
    }

    @Test
    void aboveTheBandItIsPlainGridBelowItTheSmootherLattice() {
        // Above threshold + width: plain grid (cross-validated lambda), bit for bit. At or below the threshold: the
        // lattice at lambda x 10^2, checked against plain grid fitted with that lambda fixed (0.01 x 100 = 1: the
        // same solve, so also bit for bit).
        PairSet train = SyntheticFilm.pairs(60, List.of("D65", "A"), EVS, 3);
        IlluminantFeatures f = IlluminantFeatures.from(train);
        FittedModel blend = Candidate.parse(SPEC).fit(train, 1, f);
        FittedModel grid = Candidate.parse("grid:size=9:illuminant=per").fit(train, 1, f);
        FittedModel fixed = Candidate.parse("grid:size=9:illuminant=per:lambda=0.01:dark=0.3:dark-smooth=2")
                .fit(train, 1, f);
        FittedModel smooth = Candidate.parse("grid:size=9:illuminant=per:lambda=1").fit(train, 1, f);
        FittedModel rough = Candidate.parse("grid:size=9:illuminant=per:lambda=0.01").fit(train, 1, f);
        PairSet test = SyntheticFilm.pairs(80, List.of("D65", "A"), new double[] {-4, -3, -1, 0, 1, 3}, 8);
        int bright = 0;
        int low = 0;
        int differ = 0;
        for (String light : List.of("D65", "A")) {
            double[] shaped = train.filter(p -> p.illuminant().equals(light)).digital();
            for (int i = 0; i < shaped.length; i++) {
                shaped[i] = TpsModel.shape(shaped[i]);
            }
            GridDark split = GridDark.of(new FitOptions(1, Map.of("dark", "0.3"), "g", null, false), shaped);
            double[] d = test.filter(p -> p.illuminant().equals(light)).digital();
            double[] pb = blend.predict(d, light);
            double[] pg = grid.predict(d, light);
            double[] pf = fixed.predict(d, light);
            double[] ps = smooth.predict(d, light);
            double[] pr = rough.predict(d, light);
            for (int i = 0; i < d.length / 3; i++) {
                double[] x = {TpsModel.shape(d[3 * i]), TpsModel.shape(d[3 * i + 1]), TpsModel.shape(d[3 * i + 2])};
                double w = split.weight(x, 0);
                for (int c = 0; c < 3 && w == 0; c++) {
                    assertEquals(pg[3 * i + c], pb[3 * i + c], 0.0, light + " bright reading " + i);
                    assertEquals(pr[3 * i + c], pf[3 * i + c], 0.0, light + " bright reading " + i + " (fixed)");
                }
                for (int c = 0; c < 3 && w == 1; c++) {
                    assertEquals(ps[3 * i + c], pf[3 * i + c], 0.0, light + " dark reading " + i);
                    differ += pf[3 * i + c] != pr[3 * i + c] ? 1 : 0;
                }
                bright += w == 0 ? 1 : 0;
                low += w == 1 ? 1 : 0;
            }
        }
        assertTrue(bright > 40 && low > 20, "readings on each side: " + bright + " / " + low);
        // The smoother lattice is another lattice: below the threshold the blend is not plain grid.
        assertTrue(differ > low, "dark readings where the smoother lattice differs: " + differ);
    }

    @Test
    void aNegativeKIsARougherLatticeBelowTheThreshold() {
        // K < 0 (lambda x 10^-2, here 1 -> 0.01): at or below the threshold the blend is plain grid at lambda 0.01, bit
        // for bit, and not the lattice at lambda 1 (a first version fitted the dark part only for K > 0).
        PairSet train = SyntheticFilm.pairs(60, List.of("D65"), EVS, 3);
        IlluminantFeatures f = IlluminantFeatures.from(train);
        FittedModel blend = Candidate.parse("grid:size=9:illuminant=per:lambda=1:dark=0.3:dark-smooth=-2")
                .fit(train, 1, f);
        double[] want = Candidate.parse("grid:size=9:illuminant=per:lambda=0.01").fit(train, 1, f).predict(
                train.digital(), "D65");
        double[] plain = Candidate.parse("grid:size=9:illuminant=per:lambda=1").fit(train, 1, f).predict(
                train.digital(), "D65");
        double[] s = train.digital();
        for (int i = 0; i < s.length; i++) {
            s[i] = TpsModel.shape(s[i]);
        }
        GridDark split = GridDark.of(new FitOptions(1, Map.of("dark", "0.3"), "g", null, false), s);
        double[] got = blend.predict(train.digital(), "D65");
        int low = 0;
        int differ = 0;
        for (int i = 0; i < s.length / 3; i++) {
            for (int c = 0; c < 3 && split.weight(s, 3 * i) == 1; c++) {
                assertEquals(want[3 * i + c], got[3 * i + c], 0.0, "dark reading " + i);
                differ += got[3 * i + c] != plain[3 * i + c] ? 1 : 0;
                low += c == 0 ? 1 : 0;
            }
        }
        assertTrue(low > 100 && differ > low, "dark readings " + low + ", differing channels " + differ);
    }

    @Test
    void savedWithItsOwnSideFileAndPredictsAlikeAfterLoad(@TempDir Path dir) throws Exception {
        PairSet train = SyntheticFilm.pairs(60, List.of("D65", "A"), EVS, 3);
        FittedModel m = Candidate.parse(SPEC).fit(train, 1, IlluminantFeatures.from(train));
        ModelMetadata meta = new ModelMetadata("id", "stock", "set", m.spec(), "now", "dev", 1, "sha", train.size(),
                "linear", "srgb", Map.of("D65", "table"), 1, 1);
        ModelDirectory.save(dir, m, meta, null);
        // Two lattices per light, each in its own grid.bin (GridValues refuses two grids in one directory).
        List<Path> bins;
        try (Stream<Path> walk = Files.walk(dir)) {
            bins = walk.filter(p -> p.getFileName().toString().equals(GridValues.FILE)).toList();
        }
        assertEquals(4, bins.size(), "grid.bin files: " + bins);
        FittedModel back = ModelDirectory.load(dir).model();
        PairSet test = SyntheticFilm.pairs(40, List.of("D65", "A"), new double[] {-5, -3, 0.25, 5}, 8);
        for (String light : List.of("D65", "A")) {
            double[] dl = test.filter(p -> p.illuminant().equals(light)).digital();
            assertArrayEquals(m.predict(dl, light), back.predict(dl, light), 0.0, light);
        }
        // The "dark" entry is read: without it the smoother lattice is added under the lattice everywhere (as a trend
        // without dark), which predicts otherwise in the bright.
        Path json = dir.resolve("model.json");
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(Files.readString(json));
        assertTrue(strip(root) >= 1, "dark entries found");
        Files.writeString(json, Json.MAPPER.writeValueAsString(root));
        double[] d = test.filter(p -> p.illuminant().equals("A")).digital();
        double[] a = m.predict(d, "A");
        double[] b = ModelDirectory.load(dir).model().predict(d, "A");
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        assertTrue(diff > 1e-3, "without dark the loaded model predicts the same: " + diff);
    }

    /** Removes every "dark" object beside a "trend" under {@code o}; returns how many. */
    private static int strip(JsonNode o) {
        int n = 0;
        if (o instanceof ObjectNode obj && obj.has("dark") && obj.has("trend")) {
            obj.remove("dark");
            n++;
        }
        for (JsonNode c : o) {
            n += strip(c);
        }
        return n;
    }
}
