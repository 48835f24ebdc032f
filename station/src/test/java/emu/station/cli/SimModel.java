package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.ModelSelection;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real model directory for the export tests: virtual-bench pairs from {@code station sim
 * pairs} (cine-250d under D65 and A, EV -1..1), fitted by the selection code with one cheap
 * candidate (root-polynomial, one per light).
 */
final class SimModel {

    private SimModel() {
    }

    /** Fits into {@code dir}/model (pairs in {@code dir}/pairs.csv) and returns the model directory. */
    static Path fit(Path dir) throws Exception {
        Path pairsFile = dir.resolve("pairs.csv");
        CliRun sim = CliRun.of("sim", "pairs", "--stock", "cine-250d", "--out", pairsFile.toString(), "--seed", "5",
                "--illuminants", "D65,A", "--evs", "-1,0,1");
        assertEquals(0, sim.exit(), sim.err());
        PairSet pairs = PairsCsv.read(pairsFile);
        ModelSelection.Result r = ModelSelection.run(pairs, new ModelSelection.Settings(
                List.of("root-polynomial:degree=2:illuminant=per"), 3, 5, 1, 1, null));
        Path modelDir = dir.resolve("model");
        ModelDirectory.save(modelDir, r.model(), ModelDirectory.metadata(Files.readAllBytes(pairsFile), r.report(),
                r.model(), "cine-250d", "export-test"), r.report());
        return modelDir;
    }
}
