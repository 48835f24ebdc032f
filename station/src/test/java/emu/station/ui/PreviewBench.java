package emu.station.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How long the LUT preview takes ({@code bench/ui-preview.sh}): for a capture the size of the sim
 * camera's (1200 x 800) and of a 24-megapixel camera (6000 x 4000), both 16-bit TIFF, the first
 * (uncached) "before" and "after" requests over HTTP, then the cached answer.
 */
public final class PreviewBench {
    private static final int CACHED_RUNS = 20;

    public static void main(String[] args) throws Exception {
        for (int[] size : new int[][] {{1200, 800}, {6000, 4000}}) {
            Path dir = Files.createTempDirectory("emu-preview-bench");
            try (UiStation station = new UiStation(dir, 1000)) {
                ModelFixture f = ModelFixture.seed(station, size[0], size[1]);
                Http http = new Http(station);
                http.firstLogin("bench passphrase 1");
                String q = "/api/ui/preview?capture=" + f.capture() + "&export=" + f.cubeSrgb() + "&size=720&view=";
                double after = millis(http, q + "after");
                double before = millis(http, q + "before");
                double[] cached = new double[CACHED_RUNS];
                for (int i = 0; i < CACHED_RUNS; i++) {
                    cached[i] = millis(http, q + "after");
                }
                Arrays.sort(cached);
                System.out.printf("%d x %d capture (%.1f MP, %d MB TIFF): first after %.0f ms, first before %.0f ms, "
                        + "cached median %.1f ms (max %.1f)%n", size[0], size[1], size[0] * size[1] / 1e6,
                        Files.size(station.dataDir.resolve("captures/a.tif")) >> 20, after, before,
                        cached[CACHED_RUNS / 2], cached[CACHED_RUNS - 1]);
            } finally {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static double millis(Http http, String path) throws Exception {
        long t0 = System.nanoTime();
        var r = http.getBytes(path);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode());
        }
        return ms;
    }
}
