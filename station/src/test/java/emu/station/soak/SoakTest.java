package emu.station.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.sim.bench.VirtualBench;
import emu.station.QuietBench;
import emu.station.Workflows;
import emu.station.config.StationConfig;
import emu.station.shoot.ShootRunner;
import emu.station.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's soak: a simulated night of digital profiling sets on the virtual bench, in-process,
 * on a real tmpfs data directory (needs root, as CI runs; fails loudly if it cannot mount). Each set
 * gets one seeded fault: a light the rig refuses (the step is retried, failed, and the night goes
 * on), a disk filled to ENOSPC mid-shoot (the shoot pauses, then goes on when space is freed), or the
 * station stopped at a random capture and reopened (the shoot resumes by itself), or the camera
 * unplugged between a capture's two downloads (the shoot pauses, then goes on when it is back). After every fault
 * and at the end the data directory's invariants ({@link DataInvariants}) must hold, and every
 * shootable step ends with exactly one capture. {@code -Dsoak.seed}, {@code -Dsoak.sets} and
 * {@code -Dsoak.minutes} scale it up ({@code bench/soak.sh}); a failure prints the seed to repeat it.
 */
@Timeout(1800)
class SoakTest {
    private static final String RIG_REFUSES = "NO-SUCH-LIGHT";
    @TempDir Path dir;
    private Path data;
    private Path cfg;
    private Store store;
    private Workflows w;
    private int faults;
    private final java.util.Map<String, Integer> byKind = new java.util.TreeMap<>();
    private int checks;

    @AfterEach
    void unmount() throws Exception {
        VirtualBench.shared().plugCameraIn();
        if (w != null) {
            w.close();
        }
        if (store != null) {
            store.close();
        }
        if (data != null) {
            run("umount", "-l", data.toString());
        }
    }

    @Test
    void aNightOfSetsWithInjectedFaultsKeepsEveryFileAndRowAndFinishesEveryShoot() throws Exception {
        long seed = Long.getLong("soak.seed", 16);
        List<String> kinds = new ArrayList<>(List.of("rig-refuses", "disk-full", "stop", "camera-gone"));
        int sets = Integer.getInteger("soak.sets", kinds.size());
        long budget = TimeUnit.MINUTES.toNanos(Long.getLong("soak.minutes", 0));
        Random rnd = new Random(seed);
        long t0 = System.nanoTime();
        data = Files.createDirectories(dir.resolve("data"));
        // The night's captures stay on the disk (~20 MiB a set), so the disk is sized for the run.
        run("mount", "-t", "tmpfs", "-o", "size=" + Integer.getInteger("soak.disk.mb", 256) + "m", "tmpfs", data.toString());
        cfg = QuietBench.config(dir);
        Files.writeString(cfg, Files.readString(cfg).replace("data_dir = \"data\"", "data_dir = \"data\"\nmin_free_mb = 0\nresume_margin_mb = 32"));
        store = Store.open(data.resolve(Store.FILE_NAME));
        w = open();
        String metered = w.devices().camera().shutterSpeed().orElseThrow().label();
        List<String> log = new ArrayList<>();
        List<long[]> shot = new ArrayList<>(); // {set id, refused steps}
        // Stops before the captures themselves fill the disk: that is the injected fault's job.
        for (int i = 0; (i < sets || System.nanoTime() - t0 < budget) && Files.getFileStore(data).getUsableSpace() > 64L << 20; i++) {
            if (i % kinds.size() == 0) {
                java.util.Collections.shuffle(kinds, rnd); // every kind in each round, in a seeded order
            }
            String fault = kinds.get(i % kinds.size());
            List<String> lights = fault.equals("rig-refuses") ? List.of("D65", RIG_REFUSES) : List.of("D65", "A");
            long set = w.createSet("night-" + i, "portrait-160", null, lights, List.of(-1.0, 0.0, 1.0)).id();
            String where = "seed " + seed + ", set " + i + " (" + fault + ")";
            log.add(where);
            switch (fault) {
                case "disk-full" -> diskFull(set, rnd, where);
                case "stop" -> stopMidShoot(set, rnd, where);
                case "camera-gone" -> cameraGone(set, rnd, where);
                default -> {
                    w.shoot().start(set, false);
                    w.shoot().awaitIdle();
                    faults++;
                }
            }
            byKind.merge(fault, 1, Integer::sum);
            assertEquals(metered, w.devices().camera().shutterSpeed().orElseThrow().label(),
                    where + ": the next set brackets from the metered speed the operator set, not the last step's");
            invariants(where);
            int refused = fault.equals("rig-refuses") ? 3 : 0;
            shot.add(new long[] {set, refused});
            assertEquals(6 - refused, store.captures().bySet(set).size(), where + ": every shootable step captured once");
            assertEquals(refused, store.sets().failures(set).size(), where + ": only the refused light's steps failed");
        }
        for (long[] s : shot) {
            assertEquals(s[1], store.sets().stepsWithoutCapture(s[0]).size(), "set " + s[0] + " finished");
        }
        invariants("the end");
        System.out.printf("soak: seed=%d sets=%d faults=%d %s invariant-checks=%d wall=%.1fs%n", seed, shot.size(), faults,
                byKind, checks, (System.nanoTime() - t0) / 1e9);
    }

    /** Fills the tmpfs at a random point of the shoot; it must pause, fail nothing, and go on. */
    private void diskFull(long set, Random rnd, String where) throws Exception {
        int after = rnd.nextInt(5);
        w.shoot().start(set, false);
        awaitCaptures(set, after, where);
        Path filler = fill();
        faults++;
        ShootRunner.Status st = awaitState(ShootRunner.State.PAUSED, where);
        assertTrue(st.message().contains("disk") || st.message().contains("min_free_mb"), where + ": " + st.message());
        assertEquals(List.of(), store.sets().failures(set), where + ": nothing marked failed");
        invariants(where + ", disk full");
        Files.delete(filler);
        w.shoot().awaitIdle();
    }

    /**
     * Unplugs the sim camera after a random number of captures, between the next capture's two
     * downloads (TIFF done, JPEG not): the shoot must pause with the reason, fail nothing, leave no
     * half capture on disk, and go on by itself once the camera is plugged back in.
     */
    private void cameraGone(long set, Random rnd, String where) throws Exception {
        int after = rnd.nextInt(5);
        w.shoot().start(set, false);
        awaitCaptures(set, after, where);
        VirtualBench.shared().unplugCameraAfter(1);
        faults++;
        ShootRunner.Status st = awaitState(ShootRunner.State.PAUSED, where);
        assertTrue(st.message().contains("camera"), where + ": " + st.message());
        assertEquals(List.of(), store.sets().failures(set), where + ": nothing marked failed");
        invariants(where + ", camera gone");
        Thread.sleep(rnd.nextInt(3000));
        VirtualBench.shared().plugCameraIn();
        w.shoot().awaitIdle();
    }

    /** Stops the station after a random number of captures, reopens it, and lets the shoot resume by itself. */
    private void stopMidShoot(long set, Random rnd, String where) throws Exception {
        int after = 1 + rnd.nextInt(4);
        w.shoot().start(set, false);
        awaitCaptures(set, after, where);
        w.close();
        w = null;
        faults++;
        invariants(where + ", stopped");
        w = open();
        w.shoot().awaitIdle();
    }

    private void invariants(String where) throws Exception {
        checks++;
        List<String> bad = DataInvariants.check(data);
        assertTrue(bad.isEmpty(), where + ": " + bad);
    }

    private Workflows open() throws Exception {
        return Workflows.open(StationConfig.load(cfg), store, (e, d) -> { });
    }

    private void awaitCaptures(long set, int n, String where) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (store.captures().bySet(set).size() < n) {
            assertTrue(System.nanoTime() < end, where + ": no " + n + " captures: " + w.shoot().status());
            Thread.sleep(10);
        }
    }

    private ShootRunner.Status awaitState(ShootRunner.State want, String where) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            ShootRunner.Status s = w.shoot().status();
            if (s.state() == want) {
                return s;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(where + ": shoot not " + want + ": " + w.shoot().status());
    }

    /** Writes a filler file until the tmpfs is full (ENOSPC). */
    private Path fill() throws IOException {
        Path filler = data.resolve("filler.bin");
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        return filler;
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (the soak needs root to mount a tmpfs): " + out);
        }
    }
}
