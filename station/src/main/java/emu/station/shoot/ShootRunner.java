package emu.station.shoot;

import emu.station.bench.Devices;
import emu.calibration.chart.ChartReading;
import emu.calibration.chart.ChartSpec;
import emu.calibration.chart.ChartSpecs;
import emu.devices.camera.CaptureRequest;
import emu.devices.camera.CaptureResult;
import emu.devices.camera.CapturedFile;
import emu.devices.camera.ShutterSpeed;
import emu.station.errors.NotFoundException;
import emu.station.errors.ConflictException;
import emu.station.errors.DiskFullException;
import emu.station.files.DiskSpace;
import emu.station.readings.ChartReadings;
import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.ProfilingSetRepository.StepFailure;
import emu.station.store.ReadingRepository;
import emu.station.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
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
 * <p>Over 300 lines: the runner's states (running, paused, cancelling), its retry policy and
 * the step loop share one monitor; split, the locking would be spread over several classes.
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
    private final ShootMarker marker;
    private final DiskSpace disk;
    /** What the bench (not the operator) paused the shoot for; it resumes by itself once that clears. */
    private enum Hold { NONE, DISK, CAMERA }

    private Hold held = Hold.NONE;
    /** Set by {@link #stopForShutdown}: the worker ends like a cancel, but the shoot resumes at the next start. */
    private boolean shuttingDown;
    private boolean retryFailed;
    /** Reference frames (issue 20); off unless set by {@link #withDrift}. */
    private emu.station.config.StationConfig.Drift drift = new emu.station.config.StationConfig.Drift(false, 0, 2.0);
    private long lastCaptureId;

    /** @param afterRun called with the set's id after every run (to update the set's status) */
    public ShootRunner(Store store, Path dataDir, Devices devices, Policy policy, Events events,
                       java.util.function.LongConsumer afterRun) {
        this(store, dataDir, devices, policy, events, afterRun, new DiskSpace(dataDir, 0));
    }

    /** @param disk checked before each step; a full disk pauses the shoot until space is freed */
    public ShootRunner(Store store, Path dataDir, Devices devices, Policy policy, Events events,
                       java.util.function.LongConsumer afterRun, DiskSpace disk) {
        this.disk = disk;
        this.afterRun = afterRun;
        this.store = store;
        this.dataDir = dataDir;
        this.marker = ShootMarker.in(dataDir);
        this.devices = devices;
        this.policy = policy;
        this.events = events;
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
        start(i.setId(), i.retryFailed(), i.paused());
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
        ChartSpec chart = ChartSpecs.byName(set.chart());
        Path dir = dataDir.resolve("captures").resolve("set-" + id);
        removeUnrecorded(id, dir);
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
            if (!DiskSpace.isDiskFull(e) && DiskSpace.probe(dataDir)) {
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
                        policy.settleTimeout()) : null;
        reference(refs);
        try {
            steps:
            for (PlanStep s : todo) {
                boolean ok;
                while (true) {
                    if (!awaitGo()) {
                        cancelled = true;
                        break steps;
                    }
                    Optional<String> low = disk.shortage();
                    if (low.isPresent()) {
                        pauseFor(Hold.DISK, low.get());
                        continue;
                    }
                    synchronized (this) {
                        step = s.code();
                    }
                    emitStatus();
                    try {
                        ok = shootStep(s, chart, base, dir);
                        break;
                    } catch (DiskFullException e) {
                        pauseFor(Hold.DISK, e.getMessage()); // the step is taken again once space is free
                    } catch (CameraGone e) {
                        pauseFor(Hold.CAMERA, e.getMessage()); // the step is taken again once the camera is back
                    }
                }
                if (ok) {
                    captured++;
                    if (refs != null) {
                        refs.captured(lastCaptureId);
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
            try {
                devices.rig().setOn(false);
            } catch (Exception e) {
                LOG.warn("could not switch the rig off after the shoot: {}", e.toString());
            }
            try {
                store.drift().addLampSeconds(devices.rig().device(), (System.nanoTime() - litAt) / 1e9);
            } catch (RuntimeException e) {
                LOG.warn("lamp hours not counted: {}", e.toString());
            }
            // Bracketing leaves the camera at the last step's speed; the next shoot brackets from the
            // camera's speed, so without this each set drifted +1 EV until all patches clipped (soak).
            try {
                devices.camera().set(emu.devices.camera.SettingNames.SHUTTER_SPEED, base.label());
            } catch (Exception e) {
                LOG.warn("could not set the metered shutter speed {} back after the shoot: {}", base.label(), e.toString());
            }
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
            if (held != Hold.NONE && cleared(held)) {
                LOG.info("{}; the shoot of set {} goes on", held == Hold.DISK ? "space freed in " + dataDir : "the camera is back", setId);
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

    /** Whether what held the shoot has cleared: free space past the resume margin, or a camera that answers. */
    private boolean cleared(Hold h) {
        return h == Hold.DISK ? disk.shortageToResume().isEmpty() && DiskSpace.probe(dataDir) : cameraAnswers();
    }

    /** Whether the camera answers a cheap call again (a real camera's driver reconnects on it). */
    private boolean cameraAnswers() {
        try {
            devices.camera().storageInfo();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
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
            message = h == Hold.DISK
                    ? "paused: " + reason + " (goes on by itself at " + ((disk.minFreeBytes() + disk.resumeMarginBytes()) >> 20) + " MiB free)"
                    : "paused: the camera is gone (" + reason + "); reconnect it and the shoot goes on by itself";
        }
        LOG.warn("shoot of set {} paused: {}", setId, reason);
        emitStatus();
    }

    /** The camera vanished during a step: thrown out of the step to pause the shoot. */
    private static final class CameraGone extends RuntimeException {
        CameraGone(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private boolean shootStep(PlanStep s, ChartSpec chart, ShutterSpeed base, Path dir) {
        Exception last = null;
        for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
            List<Path> written = new ArrayList<>();
            String attemptName = null;
            try {
                devices.rig().light(s.illuminant(), policy.settleTimeout());
                Files.createDirectories(dir);
                String name = s.code() + "-" + System.currentTimeMillis();
                attemptName = name;
                CaptureResult r = devices.camera().capture(CaptureRequest.relative(dir, name, base, s.ev()));
                r.files().forEach(f -> written.add(f.path()));
                CapturedFile main = mainFile(r);
                ChartReading reading = ChartReadings.read(main.path(), chart,
                        store.readings().corners(s.setId(), ReadingRepository.Source.CAPTURE), devices.captureSampling());
                ChartReadings.verifyNotAllClipped(main.path(), reading);
                var values = ChartReadings.values(reading, devices.captureScale());
                String rel = dataDir.relativize(main.path().toAbsolutePath()).toString();
                String shutter = r.shutterSpeed().map(ShutterSpeed::label).orElse("");
                long captureId = store.atomically(() -> {
                    long cid = store.captures().add(s.id(), rel, main.sha256(), r.achievedEv(), shutter).id();
                    store.readings().addForCapture(cid, values);
                    store.sets().clearFailure(s.id());
                    return cid;
                });
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("set", s.setId());
                e.put("step", s.code());
                e.put("capture", captureId);
                e.put("file", rel);
                e.put("ev_achieved", r.achievedEv());
                events.emit("capture", e);
                lastCaptureId = captureId;
                return true;
            } catch (Exception e) {
                last = e;
                deleteQuietly(written);
                deleteAttempt(dir, attemptName); // files a capture wrote before it failed (a camera lost between two downloads)
                if (cameraGone(e)) {
                    throw new CameraGone(e.getMessage(), e);
                }
                // SQLite reports a full disk as SQLITE_FULL, or only later as a failed commit: a write probe decides.
                if (DiskSpace.isDiskFull(e) || !DiskSpace.probe(dataDir)) {
                    throw new DiskFullException("the disk filled up during step " + s.code() + ": " + e.getMessage(), e);
                }
                LOG.warn("step {} attempt {}/{} failed: {}", s.code(), attempt, policy.attempts(), e.toString());
            }
        }
        String reason = last == null ? "" : last.getMessage() == null ? last.toString() : last.getMessage();
        store.sets().recordFailure(s.id(), policy.attempts(), reason);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("set", s.setId());
        e.put("step", s.code());
        e.put("step_id", s.id());
        e.put("attempts", policy.attempts());
        e.put("reason", reason);
        events.emit("step-failed", e);
        return false;
    }

    /** The file to read patches from: the RAW, else a TIFF or other image, else the JPEG. */
    static CapturedFile mainFile(CaptureResult r) {
        return r.raw().or(() -> r.files().stream().filter(f -> f.kind() == CapturedFile.Kind.OTHER).findFirst())
                .or(r::jpeg).orElse(r.files().get(0));
    }

    /** Deletes files of steps a killed run wrote but never recorded (their stem matches no capture). */
    private void removeUnrecorded(long id, Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Set<String> stems = new HashSet<>();
        store.captures().bySet(id).forEach(c -> stems.add(stem(Path.of(c.file()).getFileName().toString())));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!stems.contains(stem(name))) {
                    LOG.info("removing {}: written by an interrupted step, never recorded", f);
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            LOG.warn("could not clean {}: {}", dir, e.toString());
        }
    }

    private static String stem(String name) {
        String n = name.startsWith(".") ? name.substring(1) : name;
        int dot = n.indexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    private static boolean cameraGone(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof emu.devices.camera.CameraDisconnectedException) {
                return true;
            }
        }
        return false;
    }

    /** Deletes the files named after one attempt ({@code NAME.*}), recorded nowhere since the attempt failed. */
    private static void deleteAttempt(Path dir, String name) {
        if (name == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (stem(f.getFileName().toString()).equals(name)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            LOG.warn("could not clean the failed attempt {} in {}: {}", name, dir, e.toString());
        }
    }

    private static void deleteQuietly(List<Path> files) {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover is removed by the next run's clean-up
            }
        }
    }

    private void emitStatus() {
        events.emit("shoot", status().view());
    }
}
