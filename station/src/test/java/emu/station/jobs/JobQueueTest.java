package emu.station.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.training.SyntheticSets;
import emu.station.training.Trainer;
import emu.station.config.StationConfig;
import emu.station.store.JobRepository;
import emu.station.store.JobRepository.Job;
import emu.station.store.ProfilingSetRepository.StepSpec;
import emu.station.store.Store;
import emu.station.store.TrainingRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training queue on a real SQLite store with real fits (matrix) and exports: the cron
 * scheduler (its clock moved two seconds before a minute so an every-minute cron fires during the
 * test) queues only sets whose pairs changed since their last model; cancelling a running job ends
 * it cancelled with nothing of its version left on disk or in the store, and the next job runs.
 * The pairs are synthetic readings written through the repositories (a smooth, slightly
 * non-linear film response) so the test needs no shoot or scan import. Jobs of another
 * registered kind run on the same worker, joined when queued twice, cancelled like trainings.
 */
@Timeout(180)
class JobQueueTest {
    @TempDir Path dir;
    private StationConfig config;
    private Store store;
    private Path dataDir;
    private Trainer trainer;
    private JobQueue queue;
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        config = config("config.toml", "schedule = \"* * * * *\"");
        dataDir = config.station().dataDir().toAbsolutePath();
        store = Store.open(dataDir.resolve(Store.FILE_NAME));
        trainer = new Trainer(store, dataDir, config.training(), config.exports());
    }

    /** The test's config, its {@code [training]} schedule line {@code schedule} (empty: none). */
    private StationConfig config(String file, String schedule) throws Exception {
        Path cfg = dir.resolve(file);
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"",
                "[training]", schedule, "train_when_complete = false", "candidates = [\"matrix\"]",
                "folds = 3", "[exports]", "formats = [\"cube\"]", "encodings = [\"srgb\"]", "sizes = [9]", ""));
        return StationConfig.load(cfg);
    }

    /**
     * The same settings without the schedule, for the tests that run on the real clock: an every-minute cron firing
     * mid-test queued the cancelled set again (its pairs have no model) and trained it (CI, 2026-12-07 23:48:00).
     */
    private StationConfig.Training unscheduled() throws Exception {
        return config("unscheduled.toml", "").training();
    }

    @AfterEach
    void close() throws Exception {
        if (queue != null) {
            queue.close();
        }
        store.close();
    }

    @Test
    void theCronQueuesOnlySetsWhosePairsChangedSinceTheirLastModel() throws Exception {
        long changed = setWithPairs("new-pairs");
        long trained = setWithPairs("already-trained");
        long empty = store.sets().create("no-pairs", stock(), "colorchecker24", StepSpec.grid(List.of("D65"), List.of(0.0))).id();
        trainer.train(trained, null, List.of(), l -> { });
        Instant now = Instant.now();
        long toNextMinute = 60 - now.getEpochSecond() % 60;
        Clock twoSecondsBefore = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(toNextMinute - 2));
        queue = new JobQueue(store, trainer, config.training(), (e, d) -> events.add(d), twoSecondsBefore);
        queue.start();

        Job job = awaitJob(j -> j.state() == JobRepository.State.DONE);
        assertEquals("{\"set\":" + changed + "}", job.payload());
        assertEquals(1, allJobs().size(), "one set changed since its last model: " + allJobs());
        assertEquals(1, store.training().models(changed).size());
        assertEquals(1, store.training().models(trained).size(), "the trained set was left alone");
        assertTrue(store.training().models(empty).isEmpty());

        // Marking a capture bad changes the trained set's pairs: now it is the one to queue.
        long capture = store.captures().bySet(trained).get(0).id();
        store.captures().markBad(capture, true, "test");
        assertEquals(1, queue.enqueueChanged());
        Job second = awaitJob(j -> j.id() != job.id() && j.state() == JobRepository.State.DONE);
        assertEquals("{\"set\":" + trained + "}", second.payload());
        assertEquals(2, store.training().models(trained).size());
    }

    @Test
    void cancellingARunningJobEndsItCancelledLeavesNoModelAndTheNextJobRuns() throws Exception {
        long first = setWithPairs("first");
        long second = setWithPairs("second");
        AtomicLong cancelled = new AtomicLong(-1);
        List<String> afterCancel = new CopyOnWriteArrayList<>();
        queue = new JobQueue(store, trainer, unscheduled(), (e, d) -> {
            events.add(d);
            if (!e.equals("job-progress")) {
                return;
            }
            long id = ((Number) d.get("id")).longValue();
            if (cancelled.get() == id) {
                afterCancel.add(String.valueOf(d.get("message")));
            } else if (String.valueOf(d.get("message")).startsWith("model v") && cancelled.compareAndSet(-1, id)) {
                // cancel the first job once its model is written and its exports are being baked
                assertTrue(queue.cancel(id));
            }
        }, Clock.systemUTC());
        Job a = queue.enqueue(first);
        Job b = queue.enqueue(second);
        queue.start();
        queue.awaitIdle(Duration.ofSeconds(150));

        assertEquals(a.id(), cancelled.get());
        assertEquals(JobRepository.State.CANCELLED, store.jobs().byId(a.id()).orElseThrow().state());
        assertEquals(List.of(), afterCancel, "the job stopped at its next step");
        assertTrue(store.training().models(first).isEmpty(), "no model recorded for the cancelled job");
        assertEquals(TrainingRepository.RunStatus.CANCELLED, store.training().runs(first).get(0).status());
        assertEquals(List.of(), entries(dataDir.resolve("models").resolve("set-" + first)), "no model directory left");
        assertEquals(List.of(), entries(dataDir.resolve("exports").resolve("set-" + first)), "no exports left");

        assertEquals(JobRepository.State.DONE, store.jobs().byId(b.id()).orElseThrow().state(), "the next job ran");
        var models = store.training().models(second);
        assertEquals(1, models.size());
        assertTrue(Files.isRegularFile(dataDir.resolve(models.get(0).dir()).resolve("model.json")));
        var exports = store.training().exports(models.get(0).id());
        assertFalse(exports.isEmpty());
        for (var e : exports) {
            assertTrue(Files.isRegularFile(dataDir.resolve(e.file())), e.file());
        }
        assertEquals(List.of("v1"), entries(dataDir.resolve("exports").resolve("set-" + second)), "no staging left");
    }

    @Test
    void otherJobKindsRunOnTheSameWorkerOneAtATimeAndAreCancelledAtTheirNextProgress() throws Exception {
        queue = new JobQueue(store, trainer, unscheduled(), (e, d) -> events.add(d), Clock.systemUTC());
        List<Long> ran = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        queue.runs("probe", (job, progress) -> {
            ran.add(job.id());
            if (job.payload().contains("block")) {
                started.countDown();
                release.await();
                progress.report(0.5, "after the cancel");
                return "not reached";
            }
            progress.report(1, "one step");
            return "probed " + job.payload();
        });
        assertThrows(IllegalStateException.class, () -> queue.runs("probe", (j, p) -> ""));
        assertThrows(IllegalStateException.class, () -> queue.runs(JobQueue.KIND, (j, p) -> ""));
        assertThrows(IllegalArgumentException.class, () -> queue.submit("nobody-runs-this", "{}"));
        Job blocked = queue.submit("probe", "{\"set\":1,\"block\":true}");
        Job probe = queue.submit("probe", "{\"set\":1}");
        assertEquals(probe.id(), queue.submit("probe", "{\"set\":1}").id(), "the same queued job is joined");
        queue.start();
        started.await();
        assertEquals(JobRepository.State.QUEUED, store.jobs().byId(probe.id()).orElseThrow().state(), "one at a time");
        assertTrue(queue.cancel(blocked.id()));
        release.countDown();
        queue.awaitIdle(Duration.ofSeconds(30));

        assertEquals(JobRepository.State.CANCELLED, store.jobs().byId(blocked.id()).orElseThrow().state());
        Job done = store.jobs().byId(probe.id()).orElseThrow();
        assertEquals(JobRepository.State.DONE, done.state());
        assertEquals("probed {\"set\":1}", done.message());
        assertEquals(List.of(blocked.id(), probe.id()), ran);
        assertTrue(events.stream().anyMatch(d -> "probe".equals(d.get("kind")) && "done".equals(d.get("state"))
                && Long.valueOf(1).equals(d.get("set"))), events.toString());
    }

    private long stock() {
        return SyntheticSets.stock(store);
    }

    private long setWithPairs(String name) {
        return SyntheticSets.withPairs(store, name);
    }

    private List<Job> allJobs() {
        List<Job> all = new ArrayList<>();
        for (JobRepository.State st : JobRepository.State.values()) {
            all.addAll(store.jobs().inState(st));
        }
        return all;
    }

    private Job awaitJob(java.util.function.Predicate<Job> done) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            for (Job j : allJobs()) {
                if (done.test(j)) {
                    return j;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no such job: " + allJobs() + " events " + events);
    }

    private static List<String> entries(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
