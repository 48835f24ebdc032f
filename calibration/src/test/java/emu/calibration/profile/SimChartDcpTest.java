package emu.calibration.profile;

import emu.calibration.fit.ModelSelection;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DCP of a model fitted to the spectral virtual bench, developed by RawTherapee from the
 * simulated camera's render of the ColorChecker. {@code sim-cine-250d-cc24.csv} holds the cc24
 * rows of {@code station sim pairs --stock cine-250d --seed 5 --illuminants D65,A --evs=-1,0,1}
 * (the camera's patch values and the film's); the model is fitted here with one cheap candidate.
 * The DNG holds the EV -1 patches (EV 0 exceeds the raw's range under A) as the sensor's native
 * RGB of a Bayer camera ({@link RawTherapeeDcpTest#CAMERA_MATRIX}).
 */
class SimChartDcpTest {

    @Test
    void rawTherapeeDevelopsTheSimulatedChartWithTheFittedModelsProfile(@TempDir Path dir) throws Exception {
        PairSet pairs;
        try (Reader r = new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("sim-cine-250d-cc24.csv")), StandardCharsets.UTF_8)) {
            pairs = PairsCsv.read(r, "sim-cine-250d-cc24.csv");
        }
        ModelSelection.Result fit = ModelSelection.run(pairs, new ModelSelection.Settings(
                List.of("root-polynomial:degree=2:illuminant=per"), 3, 5, 1, 1, null));
        // Under A the film's cast on the near-neutral colours is what a DCP cannot carry
        // (docs/profiles.md): the tolerance on the colour patches is wider than for the test film.
        RawTherapeeDcpTest.develop(dir, fit.model(), "Nikon D750", RawTherapeeDcpTest.CAMERA_MATRIX,
                light -> chart(pairs, light.name()), 0.75, 2.0);
    }

    /** The 24 patches' camera RGB at EV -1 under {@code light}, in chart order. */
    private static double[] chart(PairSet pairs, String light) {
        List<Pair> rows = pairs.asList().stream()
                .filter(p -> p.illuminant().equals(light) && p.ev() == -1.0)
                .sorted(Comparator.comparing(Pair::patch)).toList();
        double[] out = new double[3 * rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i).digital(), 0, out, 3 * i, 3);
        }
        return out;
    }
}
