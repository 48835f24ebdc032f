package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Option values are checked when a spec is parsed ({@link Fitter#validate}): before, {@code root-polynomial:degree=7}
 * passed {@link Candidate#parse} (which checked keys only) and failed every fit, so `station fit` ended "every
 * candidate failed" and a lab's config.toml with it failed every night.
 */
class CandidateValuesTest {

    @Test
    void badValuesAreRefusedAtParseNamingTheSpecKeyAndValue() {
        // {spec, text the message must carry besides the spec}, across every fitter.
        String[][] bad = {
            {"root-polynomial:degree=7", "degree must be 1..3, got 7"},
            {"polynomial:degree=5:illuminant=per", "degree must be 1..4, got 5"},
            {"polynomial:degree=2.5", "degree must be a whole number"},
            {"rbf:centres=0", "centres must be at least 1, got 0"},
            {"matrix:ridge=-1", "ridge must be >= 0, got -1"},
            {"matrix:smooth=-0.5", "smooth must be >= 0 or cv, got -0.5"},
            {"matrix:smooth=lots", "smooth=lots is not a number"},
            {"matrix:smooth-adaptive=yes", "smooth-adaptive must be true or false, got yes"},
            {"matrix:smooth-folds=1", "smooth-folds must be at least 2, got 1"},
            {"root-polynomial:smooth-order=4", "smooth-order must be 2 or 3, got 4"},
            {"tps:centres=-3", "centres must be at least 8, got -3"},
            {"tps:illuminant=per:folds=1", "folds must be at least 2, got 1"},
            {"tps:trend-linear=maybe", "trend-linear must be true or false"},
            {"tps:trend=root-polynomial/degree=7", "degree must be 1..3, got 7"},
            {"tps:illuminant=hybrid", "tps takes illuminant=per or conditional"},
            {"mlp:lr=0", "lr must be > 0, got 0"},
            {"mlp:width=0", "width must be at least 1, got 0"},
            {"mlp:validation=1", "validation must be in [0, 1), got 1"},
            {"mlp:activation=nope", "unknown activation 'nope'"},
            {"mlp:illuminant=hybrid", "mlp takes illuminant=per or conditional"},
            {"grid:illuminant=per:size=2", "size must be 3..129, got 2"},
            {"grid:illuminant=per:lambda=0", "lambda must be > 0, got 0"},
            {"grid:illuminant=per:folds=0", "folds must be at least 2, got 0"},
            {"grid:illuminant=per:range=x", "range must be full or q, got x"},
            {"grid:illuminant=per:trend=tps", "trend must be a non-tps candidate"},
            {"polynomial:degree=2:illuminant=per:unseen-shared=root-polynomial/degree=9", "degree must be 1..3, got 9"},
        };
        for (String[] b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Candidate.parse(b[0]), b[0]);
            assertTrue(e.getMessage().startsWith("candidate '"), b[0] + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(b[1]), b[0] + ": " + e.getMessage());
        }
        // The outer spec is named too where the bad value is its own (not a nested trend/shared spec's).
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Candidate.parse("grid:illuminant=per:size=2"));
        assertEquals("candidate 'grid:illuminant=per:size=2': size must be 3..129, got 2", e.getMessage());
    }

    @Test
    void theDefaultsAndTheRangesEndsStillParse() {
        // The checks must not refuse a value a fit takes: the defaults, every documented end, and "cv".
        for (String spec : Candidate.DEFAULTS) {
            Candidate.parse(spec);
        }
        for (String spec : List.of("grid:illuminant=per:size=3", "grid:illuminant=per:size=129:folds=2",
                "grid:illuminant=per:range=q:quantile=0.49:weight=lab:lambda=1e-6",
                "grid:illuminant=per:trend=root-polynomial/degree=3", "tps:centres=8:folds=2:lambda=-2:trend-linear=true",
                "root-polynomial:degree=1", "polynomial:degree=4", "rbf:centres=1:ridge=0", "matrix:smooth=cv",
                "matrix:smooth=0:smooth-folds=2:smooth-adaptive=TRUE:smooth-order=3:smooth-taper=0:iterations=0",
                "mlp:validation=0:decay=0:patience=1:steps=1:activation=relu")) {
            assertEquals(spec, Candidate.parse(spec).spec());
        }
    }
}
