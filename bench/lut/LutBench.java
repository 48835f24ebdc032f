// Benchmark helper for bench/lut/run.sh (run with the java source launcher, see run.sh).
// Fits an MLP on virtual-bench pairs through the real model selection, saves a model directory,
// then times LutBaker.bake for a 65^3 ACEScct lattice (decode + one batched predict + table +
// report) on the reloaded model.
import emu.calibration.color.InputEncoding;
import emu.calibration.fit.FittedModel;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.ModelSelection;
import emu.calibration.lut.LutBaker;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

public class LutBench {
    public static void main(String[] args) throws Exception {
        Path pairsFile = Path.of(args[0]);
        Path modelDir = Path.of(args[1]);
        if (!Files.exists(modelDir.resolve(ModelDirectory.MODEL_FILE))) {
            PairSet pairs = PairsCsv.read(pairsFile);
            long t0 = System.nanoTime();
            ModelSelection.Result r = ModelSelection.run(pairs, new ModelSelection.Settings(
                    List.of("mlp:epochs=150"), 2, 1, 1, 1, System.out::println));
            System.out.printf(Locale.ROOT, "fitted %s on %d pairs in %.1f s%n", r.model().spec(), pairs.size(),
                    (System.nanoTime() - t0) / 1e9);
            ModelDirectory.save(modelDir, r.model(), ModelDirectory.metadata(Files.readAllBytes(pairsFile), r.report(),
                    r.model(), "cine-250d", "bench"), r.report());
        }
        long t0 = System.nanoTime();
        FittedModel model = ModelDirectory.load(modelDir).model();
        System.out.printf(Locale.ROOT, "model %s loaded in %.2f s%n", model.spec(), (System.nanoTime() - t0) / 1e9);
        InputEncoding acescct = InputEncoding.get("acescct");
        double[] lattice = new double[3 * 65 * 65 * 65];
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = ((i / 3) / (int) Math.pow(65, i % 3) % 65) / 64.0;
        }
        double[] linear = acescct.toRec709Linear(lattice);
        for (int rep = 0; rep < 4; rep++) {
            long a = System.nanoTime();
            model.predict(linear, "D65");
            System.out.printf(Locale.ROOT, "predict alone, 65^3 points, run %d: %.3f s%n", rep + 1,
                    (System.nanoTime() - a) / 1e9);
        }
        for (int rep = 0; rep < 4; rep++) {
            long a = System.nanoTime();
            LutBaker.Baked b = LutBaker.bake(model, "D65", acescct, 65);
            long z = System.nanoTime();
            System.out.printf(Locale.ROOT, "bake 65^3 acescct D65 run %d: %.3f s (%s)%n", rep + 1, (z - a) / 1e9,
                    b.report().summary());
        }
    }
}
