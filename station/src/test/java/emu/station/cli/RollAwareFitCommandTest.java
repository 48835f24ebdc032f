package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.rolls.RollReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 on the command line: the virtual bench shoots the plan on four rolls, the third pushed a
 * whole stop ({@code station sim pairs --rolls 4 --push-roll 3 --push-stops 1}); {@code station fit
 * --roll-aware} writes the nominal model with {@code rolls.json} and flags that roll. Pairs that do
 * not repeat the plan per roll are refused with exit 2 and the reason; so is an unknown
 * {@code --roll-nominal}.
 */
class RollAwareFitCommandTest {
    @Test
    void theVirtualBenchsPushedRollIsFlaggedAndASplitPlanIsRefused(@TempDir Path dir) throws Exception {
        Path pairs = dir.resolve("lottery.csv");
        CliRun sim = CliRun.of("sim", "pairs", "--stock", "portrait-160", "--seed", "3", "--out", pairs.toString(),
                "--illuminants", "D65,A,FL11", "--heldout-illuminants", "D55", "--evs", "-1,0,1", "--heldout-evs", "0.5",
                "--rolls", "4", "--push-roll", "3", "--push-stops", "1");
        assertEquals(0, sim.exit(), sim.err());
        assertTrue(Files.readString(pairs).contains(",R0004,"), "four rolls");
        Path model = dir.resolve("model");
        CliRun fit = CliRun.of("fit", "--pairs", pairs.toString(), "--out", model.toString(), "--candidates",
                "root-polynomial:degree=2", "--folds", "3", "--finalists", "0", "--roll-aware");
        assertEquals(0, fit.exit(), fit.err());
        RollReport rolls = RollReport.read(model);
        assertEquals(java.util.List.of("R0003"), rolls.flagged(), fit.out());
        assertTrue(fit.out().contains("FLAGGED") && fit.out().contains("flag: roll R0003"), fit.out());
        assertTrue(rolls.deviation("R0003").contrast()[1] > 1.08, rolls.toText());
        assertTrue(Files.readString(model.resolve(RollReport.TEXT_FILE)).contains("  R0003: D65 -1.0 "), "per light and EV");

        // the nominal on the in-control rolls' pairs as they came: the same flags, the pushed roll left out
        Path pooled = dir.resolve("model-pooled");
        CliRun fit2 = CliRun.of("fit", "--pairs", pairs.toString(), "--out", pooled.toString(), "--candidates",
                "root-polynomial:degree=2", "--folds", "3", "--finalists", "0", "--roll-aware", "--roll-nominal", "in-control-pooled");
        assertEquals(0, fit2.exit(), fit2.err());
        assertEquals(java.util.List.of("R0003"), RollReport.read(pooled).leftOut(), fit2.out());
        CliRun bad = CliRun.of("fit", "--pairs", pairs.toString(), "--out", dir.resolve("m3").toString(), "--roll-aware",
                "--roll-nominal", "median");
        assertEquals(2, bad.exit(), bad.out());
        assertTrue(bad.err().contains("unknown roll-aware nominal 'median'") && bad.err().contains("in-control-pooled"), bad.err());
        assertFalse(Files.exists(dir.resolve("m3")));

        // the default layout splits the plan over rolls (36 frames each): no roll repeats it
        Path split = dir.resolve("split.csv");
        assertEquals(0, CliRun.of("sim", "pairs", "--stock", "portrait-160", "--out", split.toString()).exit());
        CliRun refused = CliRun.of("fit", "--pairs", split.toString(), "--out", dir.resolve("m2").toString(), "--roll-aware");
        assertEquals(2, refused.exit(), refused.out());
        assertTrue(refused.err().contains("--roll-aware: the rolls do not repeat the plan"), refused.err());
        assertFalse(Files.exists(dir.resolve("m2")));
    }
}
