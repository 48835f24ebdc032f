package emu.calibration.lut;

import emu.calibration.io.TiffBandReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bench helper (issue 18): the CPU time of the map kernel alone ({@link CodeLattice#map}, the
 * tetrahedral path) on one thread over every band of a 16-bit RGB TIFF, in a fresh JVM (what one
 * `station apply` pays: the kernel starts interpreted, then runs compiled). The bands are decoded
 * first, untimed. Prints the tables' and the map's thread CPU time and a hash of the mapped samples
 * (equal hashes: bit-identical results). In package emu.calibration.lut for the package-private
 * kernel, so it is compiled onto the class path, not run as a source file: bench/lut/map-kernel.sh.
 */
public final class MapBench {
    public static void main(String[] args) throws Exception {
        ShapedLut lut = CubeFile.read(Path.of(args[0])).lut();
        TiffBandReader r = TiffBandReader.open(Path.of(args[1]));
        List<short[]> bands = new ArrayList<>();
        List<Integer> pixels = new ArrayList<>();
        r.eachBand((band, s, rows) -> {
            synchronized (bands) {
                while (bands.size() <= band) {
                    bands.add(null);
                    pixels.add(0);
                }
                bands.set(band, s.clone());
                pixels.set(band, rows * r.width());
            }
        }, () -> { });
        var bean = ManagementFactory.getThreadMXBean();
        long c0 = bean.getCurrentThreadCpuTime();
        CodeLattice tables = CodeLattice.of(lut, LutInterpolations.get("tetrahedral"), 65535);
        long c1 = bean.getCurrentThreadCpuTime();
        int[] rgb = {0, 1, 2};
        for (int i = 0; i < bands.size(); i++) {
            tables.map(bands.get(i), 0, pixels.get(i), r.samplesPerPixel(), rgb);
        }
        long c2 = bean.getCurrentThreadCpuTime();
        long h = 0;
        for (int i = 0; i < bands.size(); i++) {
            short[] s = bands.get(i);
            for (int j = 0; j < r.samplesPerPixel() * pixels.get(i); j++) {
                h = h * 31 + s[j];
            }
        }
        System.out.printf("tables %.3f s  map %.3f s CPU (one thread, %d bands)  hash %x%n", (c1 - c0) / 1e9,
                (c2 - c1) / 1e9, bands.size(), h);
    }
}
