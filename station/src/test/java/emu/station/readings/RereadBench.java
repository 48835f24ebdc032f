package emu.station.readings;

import com.fasterxml.jackson.databind.ObjectMapper;
import emu.calibration.chart.ChartNotFoundException;
import emu.calibration.chart.ChartSpecs;
import emu.calibration.chart.SamplingOptions;
import emu.station.SimCaptures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * What one file of a re-read costs (bench/reread.sh, figures in bench/RESULTS.md): real
 * sim-camera TIFFs (1200 x 800 as the demo shoots, and 6000 x 4000) read from disk, the chart
 * detected or placed by operator corners, and sampled, as {@link Reread} does per capture.
 * Median of 5 after 2 warm-ups.
 */
public final class RereadBench {
    private RereadBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("reread-bench");
        try {
            run(dir);
        } finally {
            emu.calibration.io.AtomicFiles.deleteTree(dir);
        }
    }

    private static void run(Path dir) throws Exception {
        Path small = shoot(dir, "c1200", 1200, 800);
        Path large = shoot(dir, "c24mp", 6000, 4000);
        var spec = ChartSpecs.byName("colorchecker24");
        // the bench does not move: the corners found on the small shot, scaled, are the operator's on the large one
        double[][] c = ChartReadings.read(small, spec, Optional.empty(), SamplingOptions.DEFAULTS).location().corners();
        for (double[] p : c) {
            p[0] *= 5;
            p[1] *= 5;
        }
        String corners = new ObjectMapper().writeValueAsString(c);
        System.out.printf("1200 x 800 (%d MB), detection:        median %d ms%n", Files.size(small) >> 20,
                median(small, spec, Optional.empty()));
        System.out.printf("6000 x 4000 (%d MB), operator corners: median %d ms%n", Files.size(large) >> 20,
                median(large, spec, Optional.of(corners)));
        try {
            System.out.printf("6000 x 4000, detection:               median %d ms%n", median(large, spec, Optional.empty()));
        } catch (ChartNotFoundException e) {
            System.out.println("6000 x 4000, detection: " + e.getMessage());
        }
    }

    private static Path shoot(Path dir, String name, int width, int height) throws Exception {
        return SimCaptures.tiff(SimCaptures.shoot(dir, name, width, height));
    }

    private static long median(Path tiff, emu.calibration.chart.ChartSpec spec, Optional<String> corners) throws Exception {
        long[] ms = new long[7];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            ChartReadings.values(ChartReadings.read(tiff, spec, corners, SamplingOptions.DEFAULTS), 1.0);
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        long[] runs = Arrays.copyOfRange(ms, 2, ms.length);
        Arrays.sort(runs);
        return runs[runs.length / 2];
    }
}
