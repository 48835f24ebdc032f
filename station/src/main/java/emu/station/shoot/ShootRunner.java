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
import java.io.IOException;
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
 * <p>Over 300 lines: the runner's states (running, paused, cancelling, held), the step loop
 * and the operator's calls (start, pause, resume, cancel, stop, resume after a kill) share one
 * monitor; split, the locking would be spread over several classes. What needs no lock lives
 * beside it: one step's work in {@link StepShot}, the bench's holds (disk, camera) in {@link Holds}.
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
    private final Events events;
    private final java.util.function.LongConsumer afterRun;
    private State state = State.IDLE;
    private Long setId;
    private int done;
    private int total;
    private String step = "";
    private List<StepFailure> failures = List.of();
    private String message = "";
    private Thread worker;
    private ShootMarker marker;
    /** This bench's name in set leases (issue 21); see {@link #withBench}. */
    private String bench = emu.station.config.StationConfig.Station.defaultBenchName();
    /** The lease of the set being shot, while a run holds it. */
    private volatile SetLease lease;
    private Duration leaseDuration = SetLease.DURATION;
    private final Holds holds;
    private final StepShot stepShot;
    /** What the bench (not the operator) paused the shoot for; it resumes by itself once that clears. */
    private Hold held = Hold.NONE;
    /** Set by {@link #stopForShutdown}: the worker ends like a cancel, but the shoot resumes at the next start. */
    private boolean shuttingDown;
    private boolean retryFailed;
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
        this.afterRun = afterRun;
        this.store = store;
        this.dataDir = dataDir;
        this.marker = ShootMarker.in(dataDir);
        this.devices = devices;
        this.policy = policy;
        this.events = events;
    }

    /**
     * Names this bench in the set leases and keeps the resume marker in its own folder (a shared data
     * root's {@code benches/NAME}: the marker is this bench's state, not the catalogue's).
     */
    public ShootRunner withBench(String benchName, Path benchDir) {
        this.bench = benchName;
        this.marker = ShootMarker.in(benchDir);
        return this;
    }

    /** How long this bench's set lease outlives its last renewal (renewed three times per lease); tests shorten it. */
    public ShootRunner withSetLease(Duration duration) {
        this.leaseDuration = duration;
        return this;
    }

    /** Shoots reference frames as {@code [drift]} says (start, end, every N steps) and normalises by them. */
    public ShootRunner withDrift(emu.station.config.StationConfig.Drift drift) {
        this.drift = drift;
        return this;
    }

    public synchronized Status status() {
        return new Status(state, setId, done, total, step, failures, message);
    }

    /**
     * Starts shooting the set in the background.
     *
     * @param retryFailed also retry the steps that failed in earlier runs
     * @throws IllegalStateException when a shoot is already running
     * @throws IllegalArgumentException when there is no such set
     */
    public synchronized void start(long id, boolean retryFailed) {
        start(id, retryFailed, false);
    }

    private synchronized void start(long id, boolean retryFailed, boolean paused) {
        store.sets().byId(id).orElseThrow(() -> new NotFoundException("no profiling set " + id));
        if (state != State.IDLE) {
            throw new ConflictException(state.name().toLowerCase(), "a shoot of set " + setId + " is " + state.name().toLowerCase()
                    + "; cancel it or wait for it to finish");
        }
        if (store.isShared()) {
            SetLease.check(store, id, bench, leaseDuration); // 409 now if another bench shoots the set; the run keeps the lease
        }
        state = paused ? State.PAUSED : State.RUNNING;
        setId = id;
        this.retryFailed = retryFailed;
        shuttingDown = false;
        marker.write(new ShootMarker.Intent(id, retryFailed, paused));
        worker = new Thread(() -> {
            try {
                Summary sum = run(id, retryFailed);
                synchronized (this) {
                    if (!shuttingDown) {
                        marker.delete(); // finished or cancelled by the operator: nothing to resume
                    }
                }
                LOG.info("shoot of set {} ended: {} captured, {} failed{}", id, sum.captured(), sum.failed().size(),
                        sum.cancelled() ? (shuttingDown ? ", stopped with the daemon (resumes at the next start)" : ", cancelled") : "");
            } catch (Exception e) {
                LOG.error("shoot of set {} stopped: {}", id, e.toString());
                synchronized (this) {
                    message = e.getMessage();
                }
            } finally {
                synchronized (this) {
                    state = State.IDLE;
                    worker = null;
                    notifyAll();
                }
                emitStatus();
            }
        }, "shoot-set-" + id);
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Resumes the digital shoot a crash or a stop interrupted (the marker it left names the set),
     * paused if the operator had paused it. Called once when the daemon starts.
     *
     * @return the set resumed, if any
     */
    public synchronized Optional<Long> resumeInterrupted() {
        Optional<ShootMarker.Intent> intent;
        try {
            intent = marker.read();
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}; no digital shoot resumed", marker.file(), e.getMessage());
            return Optional.empty();
        }
        if (intent.isEmpty()) {
            return Optional.empty();
        }
        ShootMarker.Intent i = intent.get();
        if (store.sets().byId(i.setId()).isEmpty()) {
            LOG.warn("the interrupted shoot's set {} no longer exists; not resumed", i.setId());
            marker.delete();
            return Optional.empty();
        }
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
        synchronized (this) {
            if (state == State.IDLE) {
                return;
            }
            shuttingDown = true;
            state = State.CANCELLING;
            notifyAll();
        }
        awaitIdle();
    }

    public synchronized void pause() {
        if (state == State.RUNNING) {
            state = State.PAUSED;
            marker.write(new ShootMarker.Intent(setId, retryFailed, true));
            emitStatus();
        } else {
            throw new ConflictException(state.name().toLowerCase(), "no shoot is running (state " + state.name().toLowerCase() + ")");
        }
    }

    public synchronized void resume() {
        if (state == State.PAUSED) {
            state = State.RUNNING;
            held = Hold.NONE;
            message = "";
            marker.write(new ShootMarker.Intent(setId, retryFailed, false));
            notifyAll();
            emitStatus();
        } else {
            throw new ConflictException(state.name().toLowerCase(), "no shoot is paused (state " + state.name().toLowerCase() + ")");
        }
    }

    public synchronized void cancel() {
        if (state == State.RUNNING || state == State.PAUSED) {
            state = State.CANCELLING;
            notifyAll();
        } else {
            throw new ConflictException(state.name().toLowerCase(), "no shoot to cancel (state " + state.name().toLowerCase() + ")");
        }
    }

    /** Waits for the background shoot to end. */
    public void awaitIdle() throws InterruptedException {
        synchronized (this) {
            while (state != State.IDLE) {
                wait();
            }
        }
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
        // Taken before anything touches the set's folder: another bench's files in flight are never cleaned up from under
        // it. A SQLite catalogue has one bench (its daemon locks the data directory): no lease, nothing written at start.
        try (SetLease held = store.isShared() ? SetLease.take(store, id, bench, leaseDuration) : null) {
            lease = held;
            return shootLeased(id, retryFailed, set);
        } finally {
            lease = null;
        }
    }

    private Summary shootLeased(long id, boolean retryFailed, ProfilingSet set) throws InterruptedException {
        ChartSpec chart = ChartSpecs.byName(set.chart());
        Path dir = dataDir.resolve("captures").resolve("set-" + id);
        stepShot.removeUnrecorded(id, dir);
        try {
            ReferenceFrames.removeUnrecorded(store, dataDir, id);
        } catch (IOException e) {
            LOG.warn("could not clean the reference frames of set {}: {}", id, e.toString());
        }
        List<PlanStep> todo = store.sets().stepsToShoot(id, retryFailed);
        ShutterSpeed base = devices.camera().shutterSpeed().orElseThrow(() -> new IllegalStateException(
                "the camera reports no shutter speed; set the metered exposure on the camera (manual mode)"));
        synchronized (this) {
            if (state == State.IDLE) {
                state = State.RUNNING;
            }
            setId = id;
            total = store.sets().steps(id).size();
            done = total - store.sets().stepsWithoutCapture(id).size();
            failures = store.sets().failures(id);
            message = "";
        }
        try {
            store.sets().setStatus(id, emu.station.store.ProfilingSetRepository.Status.SHOOTING);
        } catch (RuntimeException e) {
            if (!Holds.diskFull(e, dataDir)) {
                throw e;
            }
            LOG.warn("set {}: status not updated, the disk is full (the steps below pause for it)", id);
        }
        emitStatus();
        int captured = 0;
        List<String> failedNow = new ArrayList<>();
        boolean cancelled = false;
        long litAt = System.nanoTime();
        ReferenceFrames refs = drift.referenceFrames() && !todo.isEmpty()
                ? new ReferenceFrames(store, dataDir, devices, id, chart, store.sets().steps(id).get(0).illuminant(), base,
                        policy.settleTimeout(), stepShot.lamp()) : null;
        reference(refs);
        try {
            steps:
            for (PlanStep s : todo) {
                OptionalLong shot;
                while (true) {
                    if (!awaitGo()) {
                        cancelled = true;
                        break steps;
                    }
                    if (lease != null && lease.lost()) {
                        synchronized (this) {
                            message = "another bench took over set " + id + " (this bench's lease ran out); the shoot stopped";
                        }
                        cancelled = true;
                        break steps;
                    }
                    Optional<String> low = holds.shortage();
                    if (low.isPresent()) {
                        pauseFor(Hold.DISK, low.get());
                        continue;
                    }
                    synchronized (this) {
                        step = s.code();
                    }
                    emitStatus();
                    try {
                        shot = stepShot.shoot(s, chart, base, dir);
                        break;
                    } catch (DiskFullException e) {
                        pauseFor(Hold.DISK, e.getMessage()); // the step is taken again once space is free
                    } catch (StepShot.CameraGone e) {
                        pauseFor(Hold.CAMERA, e.getMessage()); // the step is taken again once the camera is back
                    }
                }
                boolean ok = shot.isPresent();
                if (ok) {
                    captured++;
                    if (refs != null) {
                        refs.captured(shot.getAsLong());
                        if (drift.everySteps() > 0 && refs.sinceLast() >= drift.everySteps()) {
                            reference(refs);
                        }
                    }
                } else {
                    failedNow.add(s.code());
                }
                synchronized (this) {
                    done += ok ? 1 : 0;
                    failures = store.sets().failures(id);
                }
                emitStatus();
            }
            if (!cancelled && refs != null && refs.sinceLast() > 0) {
                reference(refs);
            }
        } finally {
            synchronized (this) {
                step = "";
                if (state != State.IDLE && worker == null) {
                    state = State.IDLE;
                }
            }
            stepShot.restoreBench(base, litAt);
            afterRun.accept(id);
        }
        return new Summary(id, captured, List.copyOf(failedNow), cancelled);
    }

    /** Shoots a reference frame; a failure is logged, not fatal: the steps' captures stand without it. */
    private void reference(ReferenceFrames refs) {
        if (refs == null) {
            return;
        }
        try {
            refs.take();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("set {}: reference frame failed, drift not measured at this point: {}", setId, e.toString());
        }
    }

    /** Blocks while paused; false when cancelled. A pause for a full disk ends by itself when space is back. */
    private synchronized boolean awaitGo() throws InterruptedException {
        while (state == State.PAUSED) {
            if (held != Hold.NONE && holds.cleared(held)) {
                LOG.info("{}; the shoot of set {} goes on", holds.clearedMessage(held), setId);
                state = State.RUNNING;
                held = Hold.NONE;
                message = "";
                marker.write(new ShootMarker.Intent(setId, retryFailed, false));
                emitStatus();
                break;
            }
            wait(held != Hold.NONE ? 2000 : 0);
        }
        return state != State.CANCELLING;
    }

    /**
     * Pauses with the reason shown in the status (the UI's shoot line), recording no failure. A full
     * disk or a camera that vanished (unplugged, battery out, USB reset) is the bench's condition, not
     * the step's: no attempt is counted (issue 16: a full disk failed every remaining step; the soak:
     * a camera lost mid-download failed its three attempts at once, then the next step's).
     */
    private void pauseFor(Hold h, String reason) {
        synchronized (this) {
            if (state != State.RUNNING) {
                return;
            }
            state = State.PAUSED;
            held = h;
            message = holds.pausedMessage(h, reason);
        }
        LOG.warn("shoot of set {} paused: {}", setId, reason);
        emitStatus();
    }

    private void emitStatus() {
        events.emit("shoot", status().view());
    }
}
