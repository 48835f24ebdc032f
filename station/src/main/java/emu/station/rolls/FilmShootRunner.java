package emu.station.rolls;

import com.fasterxml.jackson.databind.ObjectMapper;
import emu.devices.rig.IlluminantRig;
import emu.station.errors.ConflictException;
import emu.station.errors.NotFoundException;
import emu.station.store.FilmShootRepository.FilmShootRow;
import emu.station.store.FilmShootRepository.State;
import emu.station.store.FilmShootRepository.Trigger;
import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.RollLogRepository.Stage;
import emu.station.store.RollRepository.Frame;
import emu.station.store.RollRepository.Roll;
import emu.station.store.RollRepository.Settings;
import emu.station.store.RollRepository.Status;
import emu.station.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The film shoot, a state machine: it walks the set's plan steps that have no frame on the roll;
 * for each the rig lights the step's preset and settles, then the {@link FilmCamera} is fired
 * through the rig's shutter output ({@link Trigger#RIG_SHUTTER}) or the runner waits for the
 * operator to press the shutter and confirm ({@link Trigger#OPERATOR}; the step is on
 * {@code /slate} meanwhile), skip the step or cancel. Each frame is bound to its step as it is
 * recorded.
 *
 * <p>A shoot is persisted state ({@code FilmShootRepository}): where it is, what it waits for, how
 * it ended (a rig fault ends it {@code failed} with the reason), each change also sent as a
 * {@code film-shoot} event. A daemon stopped mid-shoot resumes it at start
 * ({@link #resumeInterrupted}) at the first step without a frame, so a frame is neither lost nor
 * shot twice.
 *
 * <p>Over 300 lines: the state machine, its operator hand-offs (confirm, skip, cancel) and the
 * restart resume share one monitor and read best in one place.
 */
public final class FilmShootRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FilmShootRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the operator answered for a waiting step. */
    private enum Answer { CONFIRM, SKIP, CANCEL }

    private final Store store;
    private final IlluminantRig rig;
    private final FilmCamera camera;
    private final Duration settleTimeout;
    private final BiConsumer<String, Map<String, Object>> events;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "film-shoot");
        t.setDaemon(true);
        return t;
    });
    /** Operator answers by film shoot id, each for the step it was given for (a late double-click cannot confirm the next step). */
    private final Map<Long, Map.Entry<String, Answer>> answers = new HashMap<>();
    /** Film shoots asked to cancel while running (rig-shutter shoots stop before their next frame). */
    private final Set<Long> cancelling = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    /** This bench's name ({@code [station] bench_name}): the film shoots it starts, and the only ones it resumes. */
    private String bench = emu.station.config.StationConfig.Station.defaultBenchName();

    /** @param events receives a {@code film-shoot} event at every change of a shoot */
    public FilmShootRunner(Store store, IlluminantRig rig, FilmCamera camera, Duration settleTimeout,
            BiConsumer<String, Map<String, Object>> events) {
        this.store = store;
        this.rig = rig;
        this.camera = camera;
        this.settleTimeout = settleTimeout;
        this.events = events;
    }

    /** Names the bench this runner shoots for (issue 21: a shared catalogue holds several benches' film shoots). */
    public FilmShootRunner forBench(String benchName) {
        this.bench = benchName;
        return this;
    }

    /**
     * Shoots the roll on this thread (the demo): one frame per plan step of its set that has no
     * frame on this roll yet, in plan order, until the roll is full. With the operator trigger this
     * blocks until each frame is confirmed ({@link #confirm}) from another thread.
     *
     * @return the frames shot now
     */
    public List<Frame> shoot(long rollId, Consumer<String> progress) throws Exception {
        Roll roll = roll(rollId);
        FilmShootRow fs = store.filmShoots().create(rollId, roll.settings().trigger(), bench);
        return run(fs, progress);
    }

    /**
     * Starts shooting the roll in the background (one film shoot at a time; others queue).
     *
     * @throws ConflictException when the roll is being shot already or belongs to no set
     */
    public FilmShootRow start(long rollId) {
        Roll roll = roll(rollId);
        roll.setId().orElseThrow(() -> new ConflictException("no-set", "roll " + roll.code() + " has no set"));
        FilmShootRow fs = store.filmShoots().create(rollId, roll.settings().trigger(), bench);
        submit(fs);
        return fs;
    }

    /** At start: shoots a stopped daemon left running or waiting continue at their first step without a frame. */
    public int resumeInterrupted() {
        List<FilmShootRow> left = store.filmShoots().unfinished(bench);
        for (FilmShootRow fs : left) {
            LOG.info("resuming film shoot {} of roll {} (interrupted by a restart)", fs.id(), fs.rollId());
            submit(fs);
        }
        return left.size();
    }

    private void submit(FilmShootRow fs) {
        worker.submit(() -> {
            try {
                run(fs, line -> LOG.info("film shoot {}: {}", fs.id(), line));
            } catch (InterruptedException e) {
                LOG.info("film shoot {} of roll {} stopped with the daemon; it resumes at the next start", fs.id(), fs.rollId());
            } catch (Exception e) {
                LOG.error("film shoot {} of roll {} stopped: {}", fs.id(), fs.rollId(), e.toString());
            }
            return null;
        });
    }

    /** The operator pressed the shutter for the step the shoot waits on. */
    public FilmShootRow confirm(long filmShootId) {
        return answer(filmShootId, Answer.CONFIRM);
    }

    /** The operator skips the step the shoot waits on (no frame for it on this roll). */
    public FilmShootRow skip(long filmShootId) {
        return answer(filmShootId, Answer.SKIP);
    }

    /**
     * Cancels a running or waiting shoot: a waiting one at once, a running one before its next frame.
     *
     * @throws ConflictException when the shoot has ended
     */
    public FilmShootRow cancel(long filmShootId) {
        FilmShootRow fs = filmShoot(filmShootId);
        if (!fs.active()) {
            throw new ConflictException(text(fs.state()), "film shoot " + filmShootId + " is " + text(fs.state()) + "; nothing to cancel");
        }
        if (fs.state() == State.WAITING) {
            return answer(filmShootId, Answer.CANCEL);
        }
        cancelling.add(filmShootId);
        synchronized (answers) {
            answers.notifyAll(); // it may be about to wait for the operator
        }
        return fs;
    }

    private FilmShootRow answer(long filmShootId, Answer a) {
        FilmShootRow fs = filmShoot(filmShootId);
        if (fs.state() != State.WAITING || fs.stepId().isEmpty()) {
            throw new ConflictException(text(fs.state()), "film shoot " + filmShootId + " is " + text(fs.state())
                    + ", not waiting for the operator");
        }
        synchronized (answers) {
            answers.put(filmShootId, Map.entry(fs.stepId().get(), a));
            answers.notifyAll();
        }
        return fs;
    }

    private Answer awaitAnswer(long filmShootId, String stepId) throws InterruptedException {
        synchronized (answers) {
            while (true) {
                if (cancelling.remove(filmShootId)) {
                    return Answer.CANCEL;
                }
                Map.Entry<String, Answer> a = answers.get(filmShootId);
                if (a != null && a.getKey().equals(stepId)) {
                    answers.remove(filmShootId);
                    return a.getValue();
                }
                answers.wait();
            }
        }
    }

    /** The step an active film shoot is on (for the slate), if any. */
    public Optional<String> currentStepId() {
        return store.filmShoots().unfinished(bench).stream().map(FilmShootRow::stepId).flatMap(Optional::stream).findFirst();
    }

    private List<Frame> run(FilmShootRow fs, Consumer<String> progress) throws Exception {
        long shootId = fs.id();
        Roll roll = roll(fs.rollId());
        long setId = roll.setId().orElseThrow(() -> new ConflictException("no-set", "roll " + roll.code() + " has no set"));
        List<Frame> shot = new ArrayList<>();
        try {
            Settings settings = roll.settings();
            Set<String> skipped = new LinkedHashSet<>();
            JSON.readTree(fs.skippedJson()).forEach(n -> skipped.add(n.asText()));
            List<Frame> existing = store.rolls().frames(roll.id());
            Set<String> done = new HashSet<>();
            existing.forEach(f -> f.stepId().ifPresent(done::add));
            List<PlanStep> todo = store.sets().steps(setId).stream()
                    .filter(s -> !done.contains(s.id()) && !skipped.contains(s.id())).toList();
            int next = existing.size() + 1;
            for (PlanStep s : todo) {
                if (cancelling.remove(shootId)) {
                    return end(fs, State.CANCELLED, "cancelled", shot);
                }
                if (next > settings.frames()) {
                    String full = "roll " + roll.code() + " is full; " + (todo.size() - shot.size()) + " steps need another roll";
                    progress.accept(full);
                    return end(fs, State.DONE, full, shot);
                }
                changed(store.filmShoots().update(shootId, State.RUNNING, s.id(), next, "setting the light"));
                rig.light(s.illuminant(), settleTimeout);
                if (fs.trigger() == Trigger.OPERATOR) {
                    changed(store.filmShoots().update(shootId, State.WAITING, s.id(), next,
                            "press the shutter for frame " + next + " (" + s.code() + "), then confirm"));
                    Answer a = awaitAnswer(shootId, s.id());
                    if (a == Answer.CANCEL) {
                        return end(fs, State.CANCELLED, "cancelled by the operator", shot);
                    }
                    if (a == Answer.SKIP) {
                        skipped.add(s.id());
                        store.filmShoots().setSkipped(shootId, Rolls.json(skipped));
                        progress.accept("skipped " + s.code());
                        continue;
                    }
                }
                Frame f = camera.expose(roll, s, next);
                shot.add(f);
                next++;
                progress.accept("frame " + f.number() + " <- " + s.code() + " (" + s.illuminant() + ", EV " + s.ev() + ")");
            }
            return end(fs, State.DONE, shot.size() + " frames shot", shot);
        } catch (InterruptedException e) {
            // The daemon is stopping: the shoot stays running/waiting and resumes at the next start.
            switchOff();
            throw e;
        } catch (Exception e) {
            if (closing) {
                switchOff();
                throw e;
            }
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.error("film shoot {} of roll {} failed: {}", shootId, roll.code(), reason);
            FilmShootRow now = filmShoot(shootId);
            changed(store.filmShoots().update(shootId, State.FAILED, now.stepId().orElse(null),
                    now.frame().map(Long::intValue).orElse(null), reason));
            switchOff();
            throw e;
        }
    }

    private List<Frame> end(FilmShootRow fs, State state, String message, List<Frame> shot) {
        switchOff();
        int frames = store.rolls().frames(fs.rollId()).size();
        FilmShootRow ended = store.atomically(() -> {
            if (state == State.DONE) {
                store.rolls().setStatus(fs.rollId(), Status.SHOT);
                store.rollLog().log(fs.rollId(), Stage.SHOT, Rolls.json(Map.of("frames", frames)));
            }
            return store.filmShoots().update(fs.id(), state, null, null, message);
        });
        changed(ended);
        return shot;
    }

    private void switchOff() {
        try {
            rig.setOn(false);
        } catch (Exception e) {
            LOG.warn("could not switch the rig off after the film shoot: {}", e.toString());
        }
    }

    private void changed(FilmShootRow fs) {
        events.accept("film-shoot", view(store, fs));
    }

    /** A film shoot as the API and the {@code film-shoot} event show it (docs/api.md). */
    public static Map<String, Object> view(Store store, FilmShootRow fs) {
        return view(fs, store.rolls().frames(fs.rollId()).size(),
                fs.stepId().flatMap(id -> store.sets().step(id)).map(PlanStep::code).orElse(null));
    }

    /**
     * The same view from what the caller has read already: the roll's frame count and the code of
     * the shoot's step (null when none), so a roll view lists its shoots without a query each.
     */
    public static Map<String, Object> view(FilmShootRow fs, int frames, String stepCode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", fs.id());
        m.put("roll", fs.rollId());
        m.put("trigger", fs.trigger().label());
        m.put("state", text(fs.state()));
        m.put("step_id", fs.stepId().orElse(null));
        m.put("step", stepCode);
        m.put("frame", fs.frame().orElse(null));
        m.put("frames", frames);
        m.put("message", fs.message());
        m.put("updated_at", fs.updatedAt().toString());
        return m;
    }

    private static String text(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        worker.shutdownNow();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("the film shoot did not stop within 10 s");
        }
    }

    private Roll roll(long rollId) {
        return store.rolls().byId(rollId).orElseThrow(() -> new NotFoundException("no roll " + rollId));
    }

    private FilmShootRow filmShoot(long id) {
        return store.filmShoots().byId(id).orElseThrow(() -> new NotFoundException("no film shoot " + id));
    }
}
