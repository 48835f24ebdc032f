package emu.station.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emu.station.ChildStation;
import emu.station.QuietBench;
import emu.station.auth.WebLogin;
import emu.station.store.JobLeases;
import emu.station.store.Store;
import emu.station.testing.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that takes the daemon down with it (a native fault in a fit, the out-of-memory killer) must
 * not keep the station down under systemd's {@code Restart=on-failure}: the real daemon ({@code
 * station run} in its own JVM, the quiet bench's config) finds the job its previous runs left running,
 * ends it failed with a reason the morning shift can read (naming the crash report its last run left), answers, and
 * runs the next job. The three
 * crashes are the row they leave behind (state running, claimed three times), written before the
 * start: a fit cannot be made to crash on demand, and the SIGKILL path itself is
 * {@code KillSoakTest}'s.
 */
@Timeout(300)
class CrashingJobRestartTest {
    @TempDir Path dir;

    @Test
    void aJobThatStoppedTheStationThreeTimesEndsFailedAndTheNextRuns() throws Exception {
        Path cfg = QuietBench.config(dir);
        Path data = Files.createDirectories(dir.resolve("data"));
        long crashing;
        long next;
        try (Store store = Store.open(data.resolve(Store.FILE_NAME))) {
            WebLogin.seedAdmin(store);
            crashing = store.jobs().enqueue("train", "{\"set\":41}").id();
            next = store.jobs().enqueue("train", "{\"set\":42}").id();
            for (int start = 0; start < JobLeases.MAX_ATTEMPTS; start++) {
                store.jobs().requeueInterrupted(); // what each restart did before the station died again
                assertEquals(crashing, store.jobs().claimNext().orElseThrow().id());
            }
        }
        // The report the JVM that died in the third run left (packaging/crash-file.bash), and one from before that
        // run started: the failure names the one written since the job's last start, as a re-queue does.
        Path logs = Files.createDirectories(data.resolve("logs"));
        Path old = Files.writeString(logs.resolve("hs_err_bench_pid7.log"), "# the second run's crash");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
        Files.writeString(logs.resolve("hs_err_bench_pid42.log"), "# SIGSEGV in libnd4jcpu.so");
        Process p = ChildStation.start(cfg, dir, "station");
        try {
            String url = ChildStation.awaitUrl(p, dir, "station");
            WebLogin login = WebLogin.seeded(url);
            ApiClient api = ApiClient.of(() -> url).signedBy(login::sign);
            // The next job runs (and fails: its set does not exist), so the queue was not stuck behind the crash.
            JsonNode jobs = api.poll("/api/jobs", java.time.Duration.ofSeconds(60),
                    j -> !state(j, next).equals("QUEUED") && !state(j, next).equals("RUNNING"));
            JsonNode failed = job(jobs, crashing);
            assertEquals("FAILED", failed.path("state").asText(), failed.toString());
            assertTrue(failed.path("message").asText().contains("the station stopped 3 times while running it"),
                    failed.toString());
            assertTrue(failed.path("message").asText().endsWith("; not run again, queue it again to retry; the JVM's crash"
                    + " report: logs/hs_err_bench_pid42.log"), failed.toString());
            assertTrue(p.isAlive(), "the daemon is still up");
            api.ok("GET", "/api/health", null, 200);
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    /**
     * A job the station stopped in once (a native fault in a fit, a power loss: the row left running, claimed
     * once, written before the start as above) is run again, and its final message says why it ran twice, when
     * the station started again and which crash report the dying JVM left (the newest since the job started), so
     * the morning shift need not search the logs; its training run left running ends failed with that reason.
     */
    @Test
    void aJobTheStationStoppedInSaysSoWhenItEnds() throws Exception {
        Path cfg = QuietBench.config(dir);
        Path data = Files.createDirectories(dir.resolve("data"));
        long stopped;
        long set;
        try (Store store = Store.open(data.resolve(Store.FILE_NAME))) {
            WebLogin.seedAdmin(store);
            stopped = store.jobs().enqueue("train", "{\"set\":41}").id();
            assertEquals(stopped, store.jobs().claimNext().orElseThrow().id());
            set = store.sets().create("left running", emu.station.training.SyntheticSets.stock(store), "colorchecker24",
                    emu.station.store.ProfilingSetRepository.StepSpec.grid(java.util.List.of("D65"),
                            java.util.List.of(0.0))).id();
            store.training().startRun(set, stopped, "hash");
        }
        // What the launcher's -XX:ErrorFile has the dying JVM write (packaging/crash-file.bash), and an older one.
        Path logs = Files.createDirectories(data.resolve("logs"));
        Path old = Files.writeString(logs.resolve("hs_err_bench_pid7.log"), "# an earlier crash");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
        Files.writeString(logs.resolve("hs_err_bench_pid42.log"), "# SIGSEGV in libnd4jcpu.so");
        java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Process p = ChildStation.start(cfg, dir, "station");
        try {
            String url = ChildStation.awaitUrl(p, dir, "station");
            WebLogin login = WebLogin.seeded(url);
            ApiClient api = ApiClient.of(() -> url).signedBy(login::sign);
            // Run again, it fails (set 41 does not exist): its message is that failure's, then why it was a retry.
            JsonNode jobs = api.poll("/api/jobs", java.time.Duration.ofSeconds(60),
                    j -> state(j, stopped).equals("FAILED"));
            String message = job(jobs, stopped).path("message").asText();
            assertTrue(message.contains("(retried: the station stopped while running it (a restart, a kill, a crash or a"
                    + " power loss: see logs/); started again at "), message);
            assertTrue(message.endsWith("; the JVM's crash report: logs/hs_err_bench_pid42.log)"), message);
            java.time.Instant restarted = java.time.Instant.parse(message.replaceAll(".*started again at ([^;]+);.*", "$1"));
            assertTrue(!restarted.isBefore(before), restarted + " is the restart's time, not before " + before);
        } finally {
            p.destroy();
            p.waitFor();
        }
        try (Store store = Store.open(data.resolve(Store.FILE_NAME))) {
            var left = store.training().runs(set).get(0);
            assertEquals(emu.station.store.TrainingRepository.RunStatus.FAILED, left.status());
            assertTrue(left.reportJson().contains("the station stopped during this training (a restart, a kill, a crash or a"
                    + " power loss: see logs/); started again at "), left.reportJson());
        }
    }

    private static String state(JsonNode jobs, long id) {
        return job(jobs, id).path("state").asText();
    }

    private static JsonNode job(JsonNode jobs, long id) {
        for (JsonNode j : jobs) {
            if (j.path("id").asLong() == id) {
                return j;
            }
        }
        throw new AssertionError("no job " + id + " in " + jobs);
    }
}
