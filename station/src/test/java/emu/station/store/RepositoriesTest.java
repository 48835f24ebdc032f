package emu.station.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.store.JobRepository.State;
import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.ProfilingSetRepository.StepSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repositories on SQLite; {@link PostgresRepositoriesTest} runs the same tests on PostgreSQL. */
class RepositoriesTest {
    @TempDir Path dir;
    Store store;

    /** The store under test: a SQLite file here. */
    Store openStore() {
        return Store.open(dir.resolve("station.db"));
    }

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ProfilingSet aSet(String name) {
        long stock = store.stocks().byName("Ektar 100").orElseGet(() -> store.stocks().create("Ektar 100", "120", 100)).id();
        return store.sets().create(name, stock, "colorchecker24",
                StepSpec.grid(List.of("D65", "A"), List.of(-1.0, 0.0, 1.0)));
    }

    @Test
    void setsGetStableStepIdsAndShortCodes() {
        ProfilingSet set = aSet("ektar-1");
        List<PlanStep> steps = store.sets().steps(set.id());
        assertEquals(6, steps.size());
        assertEquals("D65", steps.get(0).illuminant());
        assertEquals(-1.0, steps.get(0).ev());
        assertEquals("A", steps.get(5).illuminant());
        assertEquals(String.format("S%d-01", set.id()), steps.get(0).code());
        assertEquals(steps.get(2), store.sets().step(steps.get(2).code()).orElseThrow());
        assertEquals(steps.get(2), store.sets().step(steps.get(2).id()).orElseThrow());
        assertEquals(ProfilingSetRepository.Status.PLANNED, store.sets().byId(set.id()).orElseThrow().status());
        store.sets().setStatus(set.id(), ProfilingSetRepository.Status.SHOOTING);
        assertEquals(ProfilingSetRepository.Status.SHOOTING, store.sets().all().get(0).status());
    }

    @Test
    void capturesAreFoundBySetAndStep() {
        ProfilingSet a = aSet("a");
        ProfilingSet b = aSet("b");
        List<PlanStep> stepsA = store.sets().steps(a.id());
        store.captures().add(stepsA.get(1).id(), "captures/a2.nef", "sha-a2", 0.02, "1/125");
        store.captures().add(stepsA.get(0).id(), "captures/a1.nef", "sha-a1", -0.98, "1/250");
        store.captures().add(store.sets().steps(b.id()).get(0).id(), "captures/b1.nef", "sha-b1", -1, "1/250");

        List<CaptureRepository.Capture> ofA = store.captures().bySet(a.id());
        assertEquals(List.of("captures/a1.nef", "captures/a2.nef"), ofA.stream().map(CaptureRepository.Capture::file).toList());
        assertEquals(1, store.captures().byStep(stepsA.get(1).id()).size());
        assertEquals(4, store.sets().stepsWithoutCapture(a.id()).size());
        assertThrows(IllegalArgumentException.class, () -> store.captures().add("no-such-step", "x", "y", 0, ""));
    }

    @Test
    void failedStepsAreRecordedAddedUpAndClearedByACapture() {
        ProfilingSet set = aSet("f");
        PlanStep step = store.sets().steps(set.id()).get(1);
        store.sets().recordFailure(step.id(), 3, "rig fault");
        store.sets().recordFailure(step.id(), 2, "timeout");
        var f = store.sets().failures(set.id());
        assertEquals(1, f.size());
        assertEquals(5, f.get(0).attempts());
        assertEquals("timeout", f.get(0).reason(), "the last attempt's reason");
        assertEquals(5, store.sets().stepsToShoot(set.id(), false).size(), "the failed step is left out");
        assertEquals(6, store.sets().stepsToShoot(set.id(), true).size());
        assertThrows(IllegalArgumentException.class, () -> store.sets().recordFailure("nope", 1, "x"));
        store.sets().clearFailure(step.id());
        assertTrue(store.sets().failures(set.id()).isEmpty());
    }

    @Test
    void aCaptureMarkedBadNeedsAReasonAndCountsAsNotCaptured() {
        ProfilingSet set = aSet("b");
        PlanStep step = store.sets().steps(set.id()).get(0);
        long id = store.captures().add(step.id(), "captures/b1.tif", "sha", 0, "").id();
        assertEquals(5, store.sets().stepsWithoutCapture(set.id()).size());
        assertThrows(IllegalArgumentException.class, () -> store.captures().markBad(id, true, " "));
        assertThrows(IllegalArgumentException.class, () -> store.captures().markBad(999, true, "x"));
        CaptureRepository.Capture bad = store.captures().markBad(id, true, "flare");
        assertTrue(bad.bad());
        assertEquals("flare", bad.badReason());
        assertEquals(6, store.sets().stepsWithoutCapture(set.id()).size(), "a bad capture is shot again");
        CaptureRepository.Capture good = store.captures().markBad(id, false, "ignored");
        assertFalse(good.bad());
        assertEquals("", good.badReason());
    }

    @Test
    void rollsFramesAndScansTieFilmToSteps() {
        ProfilingSet set = aSet("film");
        PlanStep step = store.sets().steps(set.id()).get(3);
        var roll = store.rolls().create("R-0001", set.stockId(), set.id(), RollRepository.Settings.defaults());
        var f0 = store.rolls().addFrame(roll.id(), 0, null, null);
        var f1 = store.rolls().addFrame(roll.id(), 1, step.id(), Instant.parse("2026-01-02T03:04:05Z"));
        assertEquals(List.of(f0, f1), store.rolls().frames(roll.id()));
        assertEquals(step.id(), store.rolls().frame(roll.id(), 1).orElseThrow().stepId().orElseThrow());
        store.rolls().setStatus(roll.id(), RollRepository.Status.AT_LAB);
        assertEquals(RollRepository.Status.AT_LAB, store.rolls().byCode("R-0001").orElseThrow().status());
        assertEquals(List.of(store.rolls().byId(roll.id()).orElseThrow()), store.rolls().bySet(set.id()));

        var scan = store.scans().add(roll.id(), null, "scans/r1-01.tif", "sha-s1");
        assertTrue(scan.frameId().isEmpty());
        store.scans().matchFrame(scan.id(), f1.id());
        assertEquals(f1.id(), store.scans().byFrame(f1.id()).get(0).frameId().orElseThrow());
        assertEquals(1, store.scans().byRoll(roll.id()).size());
        assertEquals(scan.id(), store.scans().bySha256("sha-s1").orElseThrow().id());
    }

    @Test
    void replacingReadingsSwapsAllRowsOfOneFileOrNone() {
        ProfilingSet set = aSet("reread");
        long capture = store.captures().add(store.sets().steps(set.id()).get(0).id(), "c.tif", "sha-c", 0, "").id();
        long other = store.captures().add(store.sets().steps(set.id()).get(1).id(), "d.tif", "sha-d", 0, "").id();
        var old = List.of(new ReadingRepository.PatchValue(1, 0.1, 0.2, 0.3, 0.01, false, false),
                new ReadingRepository.PatchValue(2, 0.4, 0.5, 0.6, 0.01, true, false));
        store.readings().addForCapture(capture, old);
        store.readings().addForCapture(other, old);
        var fresh = List.of(new ReadingRepository.PatchValue(1, 0.7, 0.8, 0.9, 0.02, false, true));
        store.readings().replace(ReadingRepository.Source.CAPTURE, capture, fresh);
        assertEquals(fresh, store.readings().ofCapture(capture));
        assertEquals(old, store.readings().ofCapture(other), "another capture's rows are left alone");

        var twice = List.of(fresh.get(0), fresh.get(0)); // UNIQUE (capture_id, patch) refuses the second row
        assertThrows(StoreException.class, () -> store.readings().replace(ReadingRepository.Source.CAPTURE, capture, twice));
        assertEquals(fresh, store.readings().ofCapture(capture), "a failed replace keeps the earlier rows");
        store.readings().replace(ReadingRepository.Source.CAPTURE, capture, List.of());
        assertTrue(store.readings().ofCapture(capture).isEmpty());
    }

    @Test
    void foreignKeysAreEnforced() {
        StoreException e = assertThrows(StoreException.class, () -> store.rolls().addFrame(999, 1, null, null));
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("foreign key"), e::getMessage);
    }

    @Test
    void atomicallyRollsBackEverythingOnFailure() {
        assertThrows(IllegalStateException.class, () -> store.atomically(() -> {
            store.stocks().create("Gold 200", "135", 200);
            throw new IllegalStateException("boom");
        }));
        assertTrue(store.stocks().byName("Gold 200").isEmpty());
        store.atomically(() -> store.stocks().create("Gold 200", "135", 200));
        assertTrue(store.stocks().byName("Gold 200").isPresent());
    }

    @Test
    void jobsQueueRunAndSurviveARestart() throws InterruptedException {
        store.leases().setLease(java.time.Duration.ofSeconds(1));
        var j1 = store.jobs().enqueue("train", "{\"set\":1}");
        var j2 = store.jobs().enqueue("train", "{\"set\":2}");
        assertEquals(State.QUEUED, j1.state());
        var claimed = store.jobs().claimNext().orElseThrow();
        assertEquals(j1.id(), claimed.id());
        assertEquals(State.RUNNING, claimed.state());
        assertTrue(claimed.startedAt().isPresent());
        store.jobs().progress(j1.id(), 0.5, "fold 3/5");
        assertEquals(0.5, store.jobs().byId(j1.id()).orElseThrow().progress());

        if (!store.isShared()) {
            // The daemon stops mid-job; at the next start the job goes back to the queue, ahead of j2.
            assertEquals(1, store.jobs().requeueInterrupted());
        } else {
            // Shared by workers: a start requeues nothing (the running job may be alive elsewhere);
            // the job is claimable again, ahead of j2, once its worker's lease runs out unrenewed.
            assertEquals(0, store.jobs().requeueInterrupted());
            assertTrue(store.jobs().renewLease(j1.id()), "the owner renews its lease");
            Thread.sleep(1100);
        }
        assertEquals(j1.id(), store.jobs().claimNext().orElseThrow().id());
        assertEquals(2, store.jobs().attempts(j1.id()));
        store.jobs().finish(j1.id(), State.DONE, "model v1");
        var done = store.jobs().byId(j1.id()).orElseThrow();
        assertEquals(1.0, done.progress());
        assertTrue(done.finishedAt().isPresent());

        assertTrue(store.jobs().cancelQueued(j2.id()));
        assertFalse(store.jobs().cancelQueued(j2.id()));
        assertTrue(store.jobs().claimNext().isEmpty());
        assertEquals(1, store.jobs().inState(State.CANCELLED).size());
        assertThrows(IllegalArgumentException.class, () -> store.jobs().finish(j1.id(), State.RUNNING, ""));
    }

    /**
     * A job that takes the station down with it (a native crash in a fit, the out-of-memory killer)
     * must not take it down at every start: on its third interrupted claim it ends failed, with a
     * reason, and the next job runs. The daemon's death is simulated by leaving the job running and
     * calling what a start calls (a real kill of the daemon cannot be made to crash on demand here).
     */
    @Test
    void aJobInterruptedAtEveryStartEndsFailedOnItsThirdClaim() {
        if (store.isShared()) {
            assertEquals(0, store.jobs().failRepeatedlyInterrupted(), "workers' leases handle it on PostgreSQL");
            return;
        }
        var crashing = store.jobs().enqueue("train", "{\"set\":1}");
        var next = store.jobs().enqueue("train", "{\"set\":2}");
        for (int claim = 1; claim <= JobLeases.MAX_ATTEMPTS; claim++) {
            assertEquals(0, store.jobs().failRepeatedlyInterrupted(), "claimed " + (claim - 1) + " times: retried");
            store.jobs().requeueInterrupted();
            assertEquals(crashing.id(), store.jobs().claimNext().orElseThrow().id());
            assertEquals(claim, store.jobs().attempts(crashing.id()));
        }
        assertEquals(1, store.jobs().failRepeatedlyInterrupted());
        assertEquals(0, store.jobs().requeueInterrupted());
        var failed = store.jobs().byId(crashing.id()).orElseThrow();
        assertEquals(State.FAILED, failed.state());
        assertTrue(failed.message().contains("stopped 3 times while running it"), failed.message());
        assertTrue(failed.finishedAt().isPresent());
        assertEquals(next.id(), store.jobs().claimNext().orElseThrow().id(), "the queue goes on");
    }

    /**
     * What ends the job failed, or retries it after a dead worker's lease (PostgreSQL), says after its reason what the
     * caller gives for that job (its JVM crash report, jobs.CrashReports): on SQLite for the job that stopped the
     * station three times, on PostgreSQL from the dead worker's lease owner and the job's last start.
     */
    @Test
    void theJobsLastFailureAndARetryAfterALeaseSayWhatTheCallerGives() throws InterruptedException {
        var job = store.jobs().enqueue("train", "{\"set\":1}");
        if (!store.isShared()) {
            for (int claim = 1; claim <= JobLeases.MAX_ATTEMPTS; claim++) {
                store.jobs().requeueInterrupted();
                store.jobs().claimNext();
            }
            assertEquals(1, store.jobs().failRepeatedlyInterrupted(j -> "; report of job " + j.id()));
            assertTrue(store.jobs().byId(job.id()).orElseThrow().message().endsWith("; not run again, queue it again to"
                    + " retry; report of job " + job.id()), () -> store.jobs().byId(job.id()).orElseThrow().message());
            return;
        }
        store.leases().setLease(java.time.Duration.ofSeconds(1));
        java.util.function.BiFunction<String, Instant, String> report = (owner, since) -> "; " + owner + " since " + since;
        var claimed = store.jobs().claimNext(null, report).orElseThrow();
        for (int claim = 2; claim <= JobLeases.MAX_ATTEMPTS; claim++) {
            Thread.sleep(1100); // the lease runs out unrenewed: its worker died
            var again = store.jobs().claimNext(null, report).orElseThrow();
            assertEquals("retried: the lease of the worker running it ran out; " + store.leases().owner() + " since "
                    + claimed.startedAt().orElseThrow(), again.message());
            claimed = again;
        }
        Thread.sleep(1100);
        assertTrue(store.jobs().claimNext(null, report).isEmpty());
        assertEquals("claimed 3 times, each worker's lease ran out (killed, or the job kills its worker); "
                + store.leases().owner() + " since " + claimed.startedAt().orElseThrow(),
                store.jobs().byId(job.id()).orElseThrow().message());
    }

    /** Issue 21: one bench shoots a set at a time; a lease that ran out (its bench died) may be taken over. */
    @Test
    void aSetIsLeasedToOneBenchAtATime() throws Exception {
        ProfilingSet set = aSet("leased");
        ProfilingSet other = aSet("free");
        java.time.Duration minute = java.time.Duration.ofMinutes(1);
        assertTrue(store.setLeases().take(set.id(), "bench-a", minute).isEmpty(), "a free set is taken");
        SetLeaseRepository.Lease a = store.setLeases().of(set.id()).orElseThrow();
        assertEquals("bench-a", a.bench());
        SetLeaseRepository.Lease refused = store.setLeases().take(set.id(), "bench-b", minute).orElseThrow();
        assertEquals("bench-a", refused.bench(), "the other bench is told who holds it");
        assertTrue(store.setLeases().take(other.id(), "bench-b", minute).isEmpty(), "leases are per set");
        Thread.sleep(5);
        assertTrue(store.setLeases().take(set.id(), "bench-a", minute).isEmpty(), "the holder renews");
        assertEquals(a.since(), store.setLeases().of(set.id()).orElseThrow().since(), "a renewal keeps since");
        assertTrue(store.setLeases().of(set.id()).orElseThrow().until().isAfter(a.until()), "and moves the end");
        assertEquals(List.of(set.id(), other.id()), store.setLeases().all().stream().map(SetLeaseRepository.Lease::setId).toList());
        store.setLeases().release(set.id(), "bench-b");
        assertTrue(store.setLeases().of(set.id()).isPresent(), "only the holder releases");
        store.setLeases().release(set.id(), "bench-a");
        assertTrue(store.setLeases().of(set.id()).isEmpty());

        // A dead bench stops renewing: once its lease ran out another bench takes the set.
        assertTrue(store.setLeases().take(set.id(), "bench-a", java.time.Duration.ofMillis(1)).isEmpty());
        Thread.sleep(20);
        assertTrue(store.setLeases().of(set.id()).isEmpty(), "an expired lease is not shown");
        assertTrue(store.setLeases().take(set.id(), "bench-b", minute).isEmpty(), "an expired lease is taken over");
        assertEquals("bench-b", store.setLeases().of(set.id()).orElseThrow().bench());
    }

    /** Issue 21: the shared data root's id is recorded once; a second station's own id does not replace it. */
    @Test
    void theDataRootIsRecordedOnce() {
        assertTrue(store.dataRoot().get().isEmpty());
        DataRootRepository.Root first = store.dataRoot().recordIfNone("1b4e28ba-2fa1-11d2-883f-0016d3cca427", "/mnt/emu", "bench-a");
        assertEquals("1b4e28ba-2fa1-11d2-883f-0016d3cca427", first.id());
        DataRootRepository.Root again = store.dataRoot().recordIfNone("6fa459ea-ee8a-3ca4-894e-db77e160355e", "/srv/x", "bench-b");
        assertEquals(first, again);
        assertEquals("bench-a", store.dataRoot().get().orElseThrow().firstBench());
    }

    /** Issue 21: a bench resumes its own interrupted film shoots (the film is in its camera), not another bench's. */
    @Test
    void aBenchResumesOnlyItsOwnFilmShoots() {
        ProfilingSet set = aSet("film");
        long a = store.rolls().create("R-A", set.stockId(), set.id(), RollRepository.Settings.defaults()).id();
        long b = store.rolls().create("R-B", set.stockId(), set.id(), RollRepository.Settings.defaults()).id();
        long atA = store.filmShoots().create(a, FilmShootRepository.Trigger.OPERATOR, "bench-a").id();
        long atB = store.filmShoots().create(b, FilmShootRepository.Trigger.OPERATOR, "bench-b").id();
        assertEquals(List.of(atA), store.filmShoots().unfinished("bench-a").stream().map(FilmShootRepository.FilmShootRow::id).toList());
        assertEquals(List.of(atB), store.filmShoots().unfinished("bench-b").stream().map(FilmShootRepository.FilmShootRow::id).toList());
    }

    /** V16 on both engines: an export row keeps how its light is served (stand-in lights in order); null when not told. */
    @Test
    void anExportKeepsHowItsLightIsServed() {
        ProfilingSet set = aSet("served");
        long run = store.training().startRun(set.id(), null, "hash").id();
        long model = store.training().addModel(set.id(), run, 1, "matrix", "models/set-1/v1", 1.5).id();
        var served = new TrainingRepository.Served("blend", List.of("D65", "A"), "D55: not trained; served by an"
                + " inverse-distance blend of D65 and A (nearest in chromaticity)", "its fit failed on these pairs");
        store.training().addExport(model, "cube", "srgb", 9, "D55", "exports/d55.cube", "11", served);
        store.training().addExport(model, "bundle", "", 0, null, "exports/model.zip", "22", null);
        List<TrainingRepository.Export> rows = store.training().exports(model);
        assertEquals(served, rows.get(0).served());
        assertEquals(null, rows.get(1).served());
    }
}
