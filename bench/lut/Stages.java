import emu.calibration.io.TiffBandReader;
import emu.calibration.io.TiffStripWriter;
import emu.calibration.lut.CubeFile;
import emu.calibration.lut.LutImages;
import emu.calibration.lut.LutInterpolations;
import emu.calibration.lut.ShapedLut;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bench helper (issue 18): where `station apply`'s time goes on one TIFF, stage by stage, in one
 * JVM: parse the .cube; decode every band (no map, no write); decode and re-encode in the output's
 * compression (no map, no fsync); the whole apply (LutImages.apply: decode, map, encode, write,
 * fsync, rename). Prints wall and process CPU time of each stage, RUNS times (the first run is
 * what a `station apply` process pays: nothing compiled yet).
 * Usage: java [the launcher's apply flags] -cp CP bench/lut/Stages.java LUT TIFF OUTDIR [RUNS]
 */
public final class Stages {
    public static void main(String[] args) throws Exception {
        Path lut = Path.of(args[0]);
        Path in = Path.of(args[1]);
        Path dir = Path.of(args[2]);
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        for (int run = 1; run <= runs; run++) {
            ShapedLut[] cube = new ShapedLut[1];
            time(run, "parse .cube", () -> cube[0] = CubeFile.read(lut).lut());
            TiffBandReader r = TiffBandReader.open(in);
            time(run, "decode", () -> r.eachBand((band, s, rows) -> { }, () -> { }));
            Path tmp = dir.resolve("stages-recode.tif");
            int compression = r.compression() == 32946 ? 8 : r.compression();
            time(run, "decode+encode", () -> {
                try (TiffStripWriter w = TiffStripWriter.open(tmp, r.width(), r.height(), r.samplesPerPixel(),
                        r.bitsPerSample(), r.bandRows(), compression, r.predictor())) {
                    r.eachBand((band, s, rows) -> w.write(band, s), w::abort);
                    w.finish();
                }
            });
            Files.deleteIfExists(tmp);
            Path out = dir.resolve("stages-out.tif");
            time(run, "apply (all)", () -> LutImages.apply(in, cube[0], LutInterpolations.get("tetrahedral"), out));
            Files.deleteIfExists(out);
        }
    }

    interface Step {
        void run() throws Exception;
    }

    private static void time(int run, String what, Step step) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        step.run();
        System.out.printf("run %d %-14s %6.3f s wall %6.3f s CPU%n", run, what, (System.nanoTime() - t0) / 1e9,
                (os.getProcessCpuTime() - c0) / 1e9);
    }
}
