package emu.station.shoot;

import emu.station.bench.Devices;
import emu.calibration.chart.ChartSpec;
import emu.calibration.chart.ChartSpecs;
import emu.devices.camera.ShutterSpeed;
import emu.station.errors.NotFoundException;
import emu.station.errors.ConflictException;
import emu.station.errors.DiskFullException;
import emu.station.files.DiskSpace;
import emu.station.shoot.Holds.Hold;
import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.ProfilingSetRepository.StepFailure;
import emu.station.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unattended digital shoot: walks a set's steps that have no capture yet, in plan order, and
 * for each sets the light, waits until the rig has settled, captures at the step's EV (relative
 * to the shutter speed set on the camera, which the operator metered), verifies the file (an
 * image, the chart found, not every patch clipped) and records it: the files are already
 * written atomically by the camera API, then the capture row and its patch readings commit in
 * one transaction. A killed process therefore leaves at most unrecorded files, which the next
 * run deletes before it resumes at the first step without a capture: none lost, none twice.
 *
 * <p>One shoot at a time. Pause, resume and cancel act between steps. A step that fails is
 * retried {@link Policy#attempts} times, then recorded failed (attempts, last reason, time) and
 * the run goes on. Later runs leave failed steps alone unless asked to retry them, so a step the
 * bench cannot do (a light the rig lacks) does not hold up every run; a capture clears the failure.
 *
 * <p>The runner does the shooting; its state machine and progress (running, paused, cancelling,
 * held) are {@link ShootControl}, under that object's monitor alone. What needs no lock lives beside
 * it: one step's work in {@link StepShot}, the bench's holds (disk, camera) in {@link Holds}, the
 * drift references in {@link ReferenceFrames}, the set's lease on a shared catalogue in {@link SetLease}.
 */
public final class ShootRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ShootRunner.class);

    /** Retries and waits. */
    public record Policy(int attempts, Duration settleTimeout) {
        public Policy {
            if (attempts < 1) {
                throw new IllegalArgumentException("a step needs at least 1 attempt, got " + attempts);
            }
        }

        public static Policy defaults() {
            return new Policy(3, Duration.ofSeconds(60));
        }
    }

    public enum State { IDLE, RUNNING, PAUSED, CANCELLING }

    /**
     * What the runner is doing, for the API and the SSE stream; {@code failures} are the set's
     * failed steps (recorded by this run or earlier ones and not retried since).
     */
    public record Status(State state, Long setId, int done, int total, String step, List<StepFailure> failures,
                         String message) {
        /** The failed steps' codes. */
        public List<String> failed() {
            return failures.stream().map(StepFailure::code).toList();
        }

        /** As the API and the {@code shoot} event show it (docs/api.md). */
        public Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
            m.put("set", setId);
            m.put("done", done);
            m.put("total", total);
            m.put("step", step);
            m.put("failed", failed());
            m.put("failures", failures);
            m.put("message", message);
            return m;
        }
    }

    /** What one run did: {@code failed} are the codes of the steps that failed in this run. */
    public record Summary(long setId, int captured, List<String> failed, boolean cancelled) {}

    /**
     * Receives the runner's events ({@code shoot} with a status, {@code capture}, {@code step-failed}
     * naming the step's code and the reason).
     */
    @FunctionalInterface
    public interface Events {
        void emit(String event, Map<String, Object> data);
    }

    private final Store store;
    private final Path dataDir;
    private final Devices devices;
    private final Policy policy;
    private final java.util.function.LongConsumer afterRun;
    private final Holds holds;
    private final StepShot stepShot;
    private final ShootControl control;
    /** This bench's name in set leases (issue 21) and their duration; see {@link #withBench}, {@link #withSetLease}. */
    private SetLease.Keeper leases;
    /** Reference frames (issue 20); off unless set by {@link #withDrift}. */
    private emu.station.config.StationConfig.Drift drift = new emu.station.config.StationConfig.Drift(false, 0, 2.0, 0);

    /** @param afterRun called with the set's id after every run (to update the set's status) */
    public ShootRunner(Store store, Path dataDir, Devices devices, Policy policy, Events events,
                       java.util.function.LongConsumer afterRun) {
        this(store, dataDir, devices, policy, events, afterRun, new DiskSpace(dataDir, 0));
    }

    /** @param disk checked before each step; a full disk pauses the shoot until space is freed */
    public ShootRunner(Store store, Path dataDir, Devices devices, Policy policy, Events events,
                       java.util.function.LongConsumer afterRun, DiskSpace disk) {
        this.holds = new Holds(disk, dataDir, devices);
        this.stepShot = new StepShot(store, dataDir, devices, policy, events);
        this.control = new ShootControl(holds, events, ShootMarker.in(dataDir));
        this.leases = new SetLease.Keeper(store, emu.station.config.StationConfig.Station.defaultBenchName(), SetLease.DURATION);
        this.afterRun = afterRun;
        this.store = store;
        this.dataDir = dataDir;
        this.devices = devices;
        this.policy = policy;
    }

    /**
     * Names this bench in the set leases and keeps the resume marker in its own folder (a shared data
     * root's {@code benches/NAME}: the marker is this bench's state, not the catalogue's).
     */
    public ShootRunner withBench(String benchName, Path benchDir) {
        this.leases = new SetLease.Keeper(store, benchName, leases.duration());
        control.marker(ShootMarker.in(benchDir));
        return this;
    }

    /** How long this bench's set lease outlives its last renewal (renewed three times per lease); tests shorten it. */
    public ShootRunner withSetLease(Duration duration) {
        this.leases = new SetLease.Keeper(store, leases.bench(), duration);
        return this;
    }

    /** Shoots reference frames as {@code [drift]} says (start, end, every N steps) and normalises by them. */
    public ShootRunner withDrift(emu.station.config.StationConfig.Drift drift) {
        this.drift = drift;
        return this;
    }

    public Status status() {
        return control.status();
    }

    /**
     * Starts shooting the set in the background.
     *
     * @param retryFailed also retry the steps that failed in earlier runs
     * @throws IllegalStateException when a shoot is already running
     * @throws IllegalArgumentException when there is no such set
     */
    public void start(long id, boolean retryFailed) {
        start(id, retryFailed, false);
    }

    private void start(long id, boolean retryFailed, boolean paused) {
        store.sets().byId(id).orElseThrow(() -> new NotFoundException("no profiling set " + id));
        // 409 now if another bench shoots the set (checked under the control's monitor); the run keeps the lease
        control.begin(id, retryFailed, paused, () -> leases.check(id));
        control.inBackground(id, () -> run(id, retryFailed));
    }

    /**
     * Resumes the digital shoot a crash or a stop interrupted (the marker it left names the set),
     * paused if the operator had paused it. Called once when the daemon starts.
     *
     * @return the set resumed, if any
     */
    public Optional<Long> resumeInterrupted() {
        ShootMarker marker = control.marker();
        Optional<ShootMarker.Intent> intent = marker.pending(store);
        if (intent.isEmpty()) {
            return Optional.empty();
        }
        ShootMarker.Intent i = intent.get();
        LOG.info("resuming the digital shoot of set {} interrupted by a stop or crash{}", i.setId(),
                i.paused() ? " (paused, as the operator left it)" : "");
        try {
            start(i.setId(), i.retryFailed(), i.paused());
        } catch (ConflictException e) {
            LOG.warn("the interrupted shoot of set {} is not resumed: {}", i.setId(), e.getMessage());
            marker.delete(); // another bench shoots the set now; this one starts it again by hand if need be
            return Optional.empty();
        }
        return Optional.of(i.setId());
    }

    /** Ends the running shoot between steps for a daemon stop; unlike {@link #cancel} it resumes at the next start. */
    public void stopForShutdown() throws InterruptedException {
        control.stopForShutdown();
    }

    public void pause() {
        control.pause();
    }

    public void resume() {
        control.resume();
    }

    public void cancel() {
        control.cancel();
    }

    /** Waits for the background shoot to end. */
    public void awaitIdle() throws InterruptedException {
        control.awaitIdle();
    }

    /**
     * Shoots the set's remaining steps on this thread (the CLI and the demo call it directly).
     *
     * @param retryFailed also retry the steps that failed in earlier runs
     * @throws IllegalArgumentException when there is no such set
     * @throws IllegalStateException when the camera has no shutter speed to bracket from
     */
    public Summary run(long id, boolean retryFailed) throws InterruptedException {
        ProfilingSet set = store.sets().byId(id).orElseThrow(() -> new IllegalArgumentException("no profiling set " + id));
        // Taken before anything touches the set's folder: another bench's files in flight are never cleaned up from under it.
        try (SetLease lease = leases.take(id)) {
            return shootLeased(id, retryFailed, set, lease);
        }
    }

    private Summary shootLeased(long id, boolean retryFailed, ProfilingSet set, SetLease lease) throws InterruptedException {
        ChartSpec chart = ChartSpecs.byName(set.chart());
        Path dir = dataDir.resolve("captures").resolve("set-" + id);
        stepShot.removeUnrecorded(id, dir);
        ReferenceFrames.removeUnrecorded(store, dataDir, id);
        List<PlanStep> todo = store.sets().stepsToShoot(id, retryFailed);
        ShutterSpeed base = devices.camera().shutterSpeed().orElseThrow(() -> new IllegalStateException(
                "the camera reports no shutter speed; set the metered exposure on the camera (manual mode)"));
        int total = store.sets().steps(id).size();
        control.runStarted(id, total, total - store.sets().stepsWithoutCapture(id).size(), store.sets().failures(id));
        try {
            store.sets().setStatus(id, emu.station.store.ProfilingSetRepository.Status.SHOOTING);
        } catch (RuntimeException e) {
            if (!Holds.diskFull(e, dataDir)) {
                throw e;
            }
            LOG.warn("set {}: status not updated, the disk is full (the steps below pause for it)", id);
        }
        control.emitStatus();
        int captured = 0;
        List<String> failedNow = new ArrayList<>();
        boolean cancelled = false;
        long litAt = System.nanoTime();
        ReferenceFrames refs = drift.referenceFrames() && !todo.isEmpty()
                ? new ReferenceFrames(store, dataDir, devices, id, chart, store.sets().steps(id).get(0).illuminant(), base,
                        policy.settleTimeout(), stepShot.lamp(), drift.everySteps()) : null;
        if (refs != null) {
            refs.reference();
        }
        try {
            steps:
            for (PlanStep s : todo) {
                OptionalLong shot;
                while (true) {
                    if (!control.awaitGo()) {
                        cancelled = true;
                        break steps;
                    }
                    if (SetLease.Keeper.lost(lease)) {
                        control.stopping("another bench took over set " + id + " (this bench's lease ran out); the shoot stopped");
                        cancelled = true;
                        break steps;
                    }
                    Optional<String> low = holds.shortage();
                    if (low.isPresent()) {
                        control.pauseFor(Hold.DISK, low.get());
                        continue;
                    }
                    control.stepStarted(s.code());
                    try {
                        shot = stepShot.shoot(s, chart, base, dir);
                        break;
                    } catch (DiskFullException e) {
                        control.pauseFor(Hold.DISK, e.getMessage()); // the step is taken again once space is free
                    } catch (StepShot.CameraGone e) {
                        control.pauseFor(Hold.CAMERA, e.getMessage()); // the step is taken again once the camera is back
                    }
                }
                if (shot.isPresent()) {
                    captured++;
                    if (refs != null) {
                        refs.captured(shot.getAsLong());
                    }
                } else {
                    failedNow.add(s.code());
                }
                control.stepEnded(shot.isPresent(), store.sets().failures(id));
            }
            if (!cancelled && refs != null) {
                refs.runDone();
            }
        } finally {
            control.runFinished();
            stepShot.restoreBench(base, litAt);
            afterRun.accept(id);
        }
        return new Summary(id, captured, List.copyOf(failedNow), cancelled);
    }
}
