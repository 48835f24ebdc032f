package emu.station.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.rig.line.PtyBridge;
import emu.devices.rig.line.SimFirmware;
import emu.devices.sim.bench.SpectralLight;
import emu.devices.sim.bench.VirtualBench;
import emu.station.QuietBench;
import emu.station.Workflows;
import emu.station.config.StationConfig;
import emu.station.store.ProfilingSetRepository.StepFailure;
import emu.station.store.Store;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's soak, serial-line part: the station drives its rig through the real {@code serial-line}
 * driver (jSerialComm on a socat pty pair), the simulated rig firmware serving the far end and
 * lighting the virtual bench the sim camera shoots. Between the firmware and the wire sits a fault
 * injector: garbage on the line (noise lines, binary junk glued to a reply, over-long lines), the
 * rig going silent for a moment (shorter than the driver's retries), and the rig silent for long
 * enough that a step's three attempts run out. After each set the data directory's invariants hold
 * ({@link DataInvariants}); garbage and a short silence must cost nothing (every step captured, none
 * failed); a long silence may fail only the steps it covered, each with a reason a person can read
 * (no reply / not settled), and the shoot goes on; the operator's "retry failed" then finishes the
 * set. {@code -Dsoak.seed}, {@code -Dsoak.rig.sets} scale it ({@code bench/soak.sh}).
 */
@Timeout(900)
class RigLineSoakTest {
    /** 2 lights x 2 EVs: each step moves the light, the line's busiest moment. */
    private static final int STEPS = 4;
    @TempDir Path dir;
    private PtyBridge pty;
    private Store store;
    private Workflows w;

    @AfterEach
    void close() throws Exception {
        if (w != null) {
            w.close();
        }
        if (store != null) {
            store.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    @Test
    void garbageAndSilenceOnTheRigsSerialLineLoseNothingAndEveryShootFinishes() throws Exception {
        long seed = Long.getLong("soak.seed", 16);
        int sets = Integer.getInteger("soak.rig.sets", 3);
        Random rnd = new Random(seed);
        long t0 = System.nanoTime();
        Path host = dir.resolve("rig-host");
        Path far = dir.resolve("rig-far");
        pty = PtyBridge.pair(host, far); // fails naming socat when it is missing
        Wire wire = new Wire(new FileOutputStream(far.toFile()), new Random(seed + 1));
        SimFirmware firmware = new SimFirmware(new SpectralLight(VirtualBench.shared(), VirtualBench.DEFAULT_PRESETS));
        FileInputStream fromHost = new FileInputStream(far.toFile());
        Thread t = new Thread(() -> {
            try {
                firmware.serve(fromHost, wire);
            } catch (IOException e) {
                // the pty closed: the test is over
            }
        }, "soak-rig-firmware");
        t.setDaemon(true);
        t.start();

        Path cfg = QuietBench.config(dir);
        // Reference frames off here: a silence that hits a reference frame fails nothing by design (the
        // reference is skipped, the steps' captures stand), which would hide the step failure this test
        // asserts; SoakTest and KillSoakTest soak the shoot with its reference frames on.
        Files.writeString(cfg, Files.readString(cfg).replace("[rig]", "[rig]\ndriver = \"serial-line\"\nport = \"" + host + "\"")
                + "\n[drift]\nreference_frames = false\n");
        Path data = dir.resolve("data");
        store = Store.open(data.resolve(Store.FILE_NAME));
        w = Workflows.open(StationConfig.load(cfg), store, (e, d) -> { });
        assertTrue(w.devices().rig().device().startsWith("serial-line:"), w.devices().rig().device());

        List<String> kinds = new ArrayList<>(List.of("garbage", "silent-short", "silent-long"));
        Map<String, Integer> byKind = new TreeMap<>();
        int checks = 0;
        int failedThenRetried = 0;
        for (int i = 0; i < sets; i++) {
            if (i % kinds.size() == 0) {
                java.util.Collections.shuffle(kinds, rnd);
            }
            String kind = kinds.get(i % kinds.size());
            String where = "seed " + seed + ", set " + i + " (" + kind + ")";
            long set = w.createSet("line-" + i, "portrait-160", null, List.of("D65", "A"), List.of(0.0, 1.0)).id();
            int after = rnd.nextInt(3);
            switch (kind) {
                case "garbage" -> {
                    wire.garbageRate = 0.25;
                    w.shoot().start(set, false);
                    w.shoot().awaitIdle();
                    wire.garbageRate = 0;
                }
                case "silent-short" -> {
                    w.shoot().start(set, false);
                    awaitCaptures(set, after, where);
                    wire.silence(500 + rnd.nextInt(3500)); // within the driver's own retries (3 tries x 2 s)
                    w.shoot().awaitIdle();
                }
                default -> {
                    w.shoot().start(set, false);
                    awaitCaptures(set, after, where);
                    wire.silence(20_000); // past a step's 3 attempts (3 x 3 tries x 2 s)
                    w.shoot().awaitIdle();
                    List<StepFailure> failed = store.sets().failures(set);
                    assertFalse(failed.isEmpty(), where + ": a 20 s silence fails the step it hits");
                    for (StepFailure f : failed) {
                        assertTrue(f.reason().contains("no reply") || f.reason().contains("not settled"),
                                where + ": a readable reason: " + f.reason());
                    }
                    assertTrue(failed.size() < STEPS - after, where + ": the shoot went on after the silence: " + failed);
                    checks += invariants(data, where + ", after the silence");
                    failedThenRetried += failed.size();
                    w.shoot().start(set, true); // the operator retries the failed steps, the rig answering again
                    w.shoot().awaitIdle();
                }
            }
            byKind.merge(kind, 1, Integer::sum);
            assertEquals(STEPS, store.captures().bySet(set).size(), where + ": every step captured once");
            assertEquals(List.of(), store.sets().failures(set), where + ": nothing left failed");
            checks += invariants(data, where);
        }
        System.out.printf("rig-soak: seed=%d sets=%d faults=%s garbage-written=%d replies-dropped=%d steps-failed-then-retried=%d "
                + "invariant-checks=%d wall=%.1fs%n", seed, sets, byKind, wire.garbage, wire.dropped, failedThenRetried, checks,
                (System.nanoTime() - t0) / 1e9);
        assertTrue(byKind.getOrDefault("garbage", 0) == 0 || wire.garbage > 0, "garbage was injected");
    }

    private int invariants(Path data, String where) throws Exception {
        List<String> bad = DataInvariants.check(data);
        assertTrue(bad.isEmpty(), where + ": " + bad);
        return 1;
    }

    private void awaitCaptures(long set, int n, String where) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (store.captures().bySet(set).size() < n) {
            assertTrue(System.nanoTime() < end, where + ": no " + n + " captures: " + w.shoot().status());
            Thread.sleep(10);
        }
    }

    /** The rig-to-host direction of the line, with faults: garbage before a frame, or nothing at all for a while. */
    private static final class Wire extends OutputStream {
        private final OutputStream out;
        private final Random rnd;
        volatile double garbageRate;
        private volatile long silentUntil;
        int garbage;
        int dropped;

        Wire(OutputStream out, Random rnd) {
            this.out = out;
            this.rnd = rnd;
        }

        void silence(long ms) {
            silentUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (System.nanoTime() < silentUntil) {
                dropped++;
                return;
            }
            if (rnd.nextDouble() < garbageRate) {
                garbage++;
                byte[] junk = switch (rnd.nextInt(3)) {
                    case 0 -> "\u0000\u00ffnoise\r\n".getBytes(StandardCharsets.ISO_8859_1); // a noise line
                    case 1 -> "#".repeat(3000).concat("\n").getBytes(StandardCharsets.ISO_8859_1); // over-long line
                    default -> { // binary junk with no newline: glued to the frame, which then fails its checksum
                        byte[] j = new byte[1 + rnd.nextInt(16)];
                        rnd.nextBytes(j);
                        for (int k = 0; k < j.length; k++) {
                            j[k] = j[k] == '\n' ? (byte) '?' : j[k];
                        }
                        yield j;
                    }
                };
                out.write(junk);
            }
            out.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void flush() throws IOException {
            out.flush();
        }
    }
}
