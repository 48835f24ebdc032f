package emu.calibration.chart;

import java.util.List;
import java.util.Locale;

/**
 * Benchmark (not a test; run by {@code bench/chart-locate.sh}): locate and sample a ColorChecker
 * in a drawn 24 MP (6000 x 4000) linear image, blurred by 2 px with 1% noise, the chart turned by
 * 3 degrees and covering 30% and 85% of the frame's width. Prints the median of 5 runs after 2
 * warm-up runs.
 */
public final class ChartBench {
    private ChartBench() {}

    public static void main(String[] args) throws Exception {
        ChartSpec cc = ChartSpecs.colorChecker24();
        for (double share : new double[] {0.30, 0.85}) {
            Homography drawn = SyntheticChart.place(cc, 3000, 2000, 6000 * share, 3, 0.05);
            RgbImage img = SyntheticChart.render(cc, 6000, 4000, drawn, SyntheticChart.cc24Linear(),
                    new float[] {0.12f, 0.12f, 0.12f});
            SyntheticChart.blur(img, 2);
            SyntheticChart.noise(img, 0.01, 1);
            long[] locate = new long[5];
            long[] sample = new long[5];
            ChartLocation loc = null;
            List<PatchReading> readings = null;
            for (int run = -2; run < 5; run++) {
                long t0 = System.nanoTime();
                loc = ChartLocator.locate(img, cc);
                long t1 = System.nanoTime();
                readings = PatchSampler.sample(img, loc, SamplingOptions.DEFAULTS);
                long t2 = System.nanoTime();
                if (run >= 0) {
                    locate[run] = t1 - t0;
                    sample[run] = t2 - t1;
                }
            }
            java.util.Arrays.sort(locate);
            java.util.Arrays.sort(sample);
            System.out.printf(Locale.ROOT, "24 MP, chart %.0f%% of width: locate %.0f ms, sample %.0f ms"
                    + " (%d px per patch), confidence %.2f, corner error %.1f px%n", share * 100,
                    locate[2] / 1e6, sample[2] / 1e6, readings.get(0).pixels(), loc.confidence(),
                    ChartLocatorTest.cornerError(loc, drawn));
        }
    }
}
