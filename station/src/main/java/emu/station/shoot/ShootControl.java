package emu.station.shoot;

import emu.station.errors.ConflictException;
import emu.station.shoot.Holds.Hold;
import emu.station.shoot.ShootRunner.State;
import emu.station.shoot.ShootRunner.Status;
import emu.station.store.ProfilingSetRepository.StepFailure;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digital shoot's state machine (idle, running, paused, cancelling; held by the bench) and its
 * progress (set, steps done, current step, failures, message), all under this object's monitor:
 * the operator's calls (pause, resume, cancel, a stop for shutdown) and the run's step loop meet
 * here and nowhere else. Every change the operator or the bench makes is written to the resume
 * {@link ShootMarker} and sent as a {@code shoot} event. {@link ShootRunner} does the shooting and
 * calls in between steps; it holds no lock of its own over this state.
 */
final class ShootControl {
    private static final Logger LOG = LoggerFactory.getLogger(ShootControl.class);

    private final Holds holds;
    private final ShootRunner.Events events;
    private ShootMarker marker;
    private State state = State.IDLE;
    private Long setId;
    private int done;
    private int total;
    private String step = "";
    private List<StepFailure> failures = List.of();
    private String message = "";
    /** What the bench (not the operator) paused the shoot for; it resumes by itself once that clears. */
    private Hold held = Hold.NONE;
    /** Set by {@link #stopForShutdown}: the worker ends like a cancel, but the shoot resumes at the next start. */
    private boolean shuttingDown;
    private boolean retryFailed;
    /** Whether a background worker runs the shoot (it sets the state idle when it ends), or a caller's thread. */
    private boolean background;

    ShootControl(Holds holds, ShootRunner.Events events, ShootMarker marker) {
        this.holds = holds;
        this.events = events;
        this.marker = marker;
    }

    synchronized ShootMarker marker() {
        return marker;
    }

    synchronized void marker(ShootMarker m) {
        this.marker = m;
    }

    synchronized Status status() {
        return new Status(state, setId, done, total, step, failures, message);
    }

    /**
     * Enters a background shoot of the set, after {@code admit} (run under the monitor, so no second
     * start slips in between) has let it: the set's lease on a shared catalogue.
     *
     * @throws ConflictException (409) when a shoot is already running, or as {@code admit} throws
     */
    synchronized void begin(long id, boolean retryFailed, boolean paused, Runnable admit) {
        if (state != State.IDLE) {
            throw new ConflictException(lower(state), "a shoot of set " + setId + " is " + lower(state)
                    + "; cancel it or wait for it to finish");
        }
        admit.run();
        state = paused ? State.PAUSED : State.RUNNING;
        setId = id;
        this.retryFailed = retryFailed;
        shuttingDown = false;
        background = true;
        marker.write(new ShootMarker.Intent(id, retryFailed, paused));
    }

    /** One run of a set, as the background worker calls it. */
    @FunctionalInterface
    interface Run {
        ShootRunner.Summary run() throws Exception;
    }

    /**
     * Runs the shoot {@link #begin} entered on a daemon thread; when it ends the marker goes (unless it
     * stopped for a shutdown: it resumes at the next start), the state is idle and waiters are woken.
     */
    void inBackground(long id, Run run) {
        Thread worker = new Thread(() -> {
            try {
                ShootRunner.Summary sum = run.run();
                boolean shutdown;
                synchronized (this) {
                    shutdown = shuttingDown;
                    if (!shutdown) {
                        marker.delete(); // finished or cancelled by the operator: nothing to resume
                    }
                }
                LOG.info("shoot of set {} ended: {} captured, {} failed{}", id, sum.captured(), sum.failed().size(),
                        sum.cancelled() ? (shutdown ? ", stopped with the daemon (resumes at the next start)" : ", cancelled") : "");
            } catch (Exception e) {
                LOG.error("shoot of set {} stopped: {}", id, e.toString());
                synchronized (this) {
                    message = e.getMessage();
                }
            } finally {
                synchronized (this) {
                    state = State.IDLE;
                    background = false;
                    notifyAll();
                }
                emitStatus();
            }
        }, "shoot-set-" + id);
        worker.setDaemon(true);
        worker.start();
    }

    void stopForShutdown() throws InterruptedException {
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

    synchronized void pause() {
        if (state != State.RUNNING) {
            throw new ConflictException(lower(state), "no shoot is running (state " + lower(state) + ")");
        }
        state = State.PAUSED;
        marker.write(new ShootMarker.Intent(setId, retryFailed, true));
        emitStatus();
    }

    synchronized void resume() {
        if (state != State.PAUSED) {
            throw new ConflictException(lower(state), "no shoot is paused (state " + lower(state) + ")");
        }
        state = State.RUNNING;
        held = Hold.NONE;
        message = "";
        marker.write(new ShootMarker.Intent(setId, retryFailed, false));
        notifyAll();
        emitStatus();
    }

    synchronized void cancel() {
        if (state != State.RUNNING && state != State.PAUSED) {
            throw new ConflictException(lower(state), "no shoot to cancel (state " + lower(state) + ")");
        }
        state = State.CANCELLING;
        notifyAll();
    }

    synchronized void awaitIdle() throws InterruptedException {
        while (state != State.IDLE) {
            wait();
        }
    }

    /** A run begins (in the background or on the caller's thread): the set's progress so far (sent by the caller). */
    void runStarted(long id, int total, int done, List<StepFailure> failures) {
        synchronized (this) {
            if (state == State.IDLE) {
                state = State.RUNNING;
            }
            setId = id;
            this.total = total;
            this.done = done;
            this.failures = failures;
            message = "";
        }
    }

    /** Blocks while paused; false when cancelled. A pause for a full disk ends by itself when space is back. */
    synchronized boolean awaitGo() throws InterruptedException {
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
    void pauseFor(Hold h, String reason) {
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

    /** The run stops before its next step for a reason of its own (its lease was taken over), shown as the message. */
    synchronized void stopping(String why) {
        message = why;
    }

    void stepStarted(String code) {
        synchronized (this) {
            step = code;
        }
        emitStatus();
    }

    void stepEnded(boolean captured, List<StepFailure> failuresNow) {
        synchronized (this) {
            done += captured ? 1 : 0;
            failures = failuresNow;
        }
        emitStatus();
    }

    /** The run's loop is over; a run on the caller's thread (no background worker) leaves the runner idle. */
    synchronized void runFinished() {
        step = "";
        if (state != State.IDLE && !background) {
            state = State.IDLE;
        }
    }

    void emitStatus() {
        events.emit("shoot", status().view());
    }

    private static String lower(State s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
