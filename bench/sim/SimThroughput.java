/*
 * Throughput of the virtual bench: sim camera captures (1200x800, TIFF + JPEG), film lab scans
 * (900x600, TIFF + JPEG) and the patch-level pairs generator. Prints CPU and wall time per item;
 * the first iterations include JIT warm-up. Run from the repo root after `mvn -q -DskipTests package`:
 *   java -cp "station/target/classes:$(cat station/target/classpath.txt)" bench/sim/SimThroughput.java
 */
import emu.devices.camera.CaptureRequest;
import emu.devices.rig.line.LineRig;
import emu.devices.sim.bench.VirtualBench;
import emu.devices.sim.camera.SimCamera;
import emu.devices.sim.lab.FilmLab;
import emu.devices.sim.lab.FilmRoll;
import emu.devices.film.LabQuirks;
import emu.devices.sim.pairs.PairsGenerator;
import emu.devices.sim.pairs.PairsSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

public class SimThroughput {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        VirtualBench bench = new VirtualBench(Duration.ZERO);
        Path dir = Files.createTempDirectory("sim-throughput");
        try (LineRig rig = bench.connectRig()) {
            rig.setPreset("D65");
            rig.setOn(true);
            SimCamera camera = new SimCamera(bench, 1);
            for (int i = 0; i < 6; i++) {
                long cpu = MX.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                camera.capture(CaptureRequest.asSet(dir, "c" + i));
                report("capture 1200x800 #" + (i + 1), cpu, wall);
            }
            FilmRoll roll = new FilmRoll("portrait-160", "R0001", 36, 1, true);
            for (int i = 0; i < 6; i++) {
                roll.expose(bench, "step-" + i, i - 3);
            }
            long cpu = MX.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            FilmLab.standard().process(roll, LabQuirks.NONE, dir.resolve("scans"), s -> { });
            report("lab: develop + scan 6 frames 900x600", cpu, wall);
        }
        long cpu = MX.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        int n = PairsGenerator.generate(PairsSpec.defaults("portrait-160", 1)).size();
        report("pairs generator, default spec (" + n + " readings)", cpu, wall);
    }

    private static void report(String what, long cpu0, long wall0) {
        System.out.printf("%-45s cpu %6.0f ms   wall %6.0f ms%n", what,
                (MX.getCurrentThreadCpuTime() - cpu0) / 1e6, (System.nanoTime() - wall0) / 1e6);
    }
}
