package emu.station.rolls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.devices.sim.bench.LightState;
import emu.devices.sim.film.FilmStocks;
import emu.devices.sim.lab.FilmLab;
import emu.devices.sim.lab.FilmRoll;
import emu.devices.sim.lab.LabQuirks;
import emu.devices.sim.lab.ScanFile;
import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Spectrum;
import emu.station.errors.ConflictException;
import emu.station.errors.InvalidInputException;
import emu.station.errors.NotFoundException;
import emu.station.shoot.Devices;
import emu.station.store.FilmShootRepository.FilmShootRow;
import emu.station.store.FilmShootRepository.State;
import emu.station.store.FilmShootRepository.Trigger;
import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.RollLogRepository.Stage;
import emu.station.store.RollRepository.Frame;
import emu.station.store.RollRepository.Roll;
import emu.station.store.RollRepository.SimExposure;
import emu.station.store.RollRepository.Status;
import emu.station.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The film side of a set and the roll log: load a roll, shoot it, send it to a lab, and the log of
 * each stage with its timestamp and details. A shoot walks the set's plan steps that have no frame
 * on the roll: for each the rig sets the light and settles, then the film camera is fired through
 * the rig's shutter output ({@link Trigger#RIG_SHUTTER}) or the runner waits for the operator to
 * press the shutter and confirm ({@link Trigger#OPERATOR}; the step is on {@code /slate} meanwhile),
 * skip the step or cancel. Each frame is bound to its step as it is recorded.
 *
 * <p>A shoot is persisted state ({@link FilmShootRepository}): where it is, what it waits for, how
 * it ended (a rig fault ends it {@code failed} with the reason), each change also sent as a
 * {@code film-shoot} event. A daemon stopped mid-shoot resumes it at start
 * ({@link #resumeInterrupted}) at the first step without a frame, so a frame is neither lost nor
 * shot twice. On the virtual bench the simulated film camera exposes the frame, and what the
 * simulated lab ({@link FilmLab}) needs of it is stored with the frame, so the lab still develops
 * the roll after a restart.
 */
public final class FilmShoot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FilmShoot.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PROCESSES = Set.of("C-41", "E-6", "ECN-2");
    private static final Pattern PUSH_PULL = Pattern.compile("[+-]?[0-3]");

    /** What the operator answered for a waiting step. */
    private enum Answer { CONFIRM, SKIP, CANCEL }

    private final Store store;
    private final Devices devices;
    private final Duration settleTimeout;
    private final BiConsumer<String, Map<String, Object>> events;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "film-shoot");
        t.setDaemon(true);
        return t;
    });
    /** The virtual bench's rolls being exposed, rebuilt from the store after a restart. */
    private final Map<String, FilmRoll> simRolls = new ConcurrentHashMap<>();
    /** Operator answers by film shoot id, each for the step it was given for (a late double-click cannot confirm the next step). */
    private final Map<Long, Map.Entry<String, Answer>> answers = new HashMap<>();
    /** Film shoots asked to cancel while running (rig-shutter shoots stop before their next frame). */
    private final Set<Long> cancelling = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /** @param events receives a {@code film-shoot} event at every change of a shoot */
    public FilmShoot(Store store, Devices devices, Duration settleTimeout, BiConsumer<String, Map<String, Object>> events) {
        this.store = store;
        this.devices = devices;
        this.settleTimeout = settleTimeout;
        this.events = events;
    }

    /**
     * Loads a roll for a set.
     *
     * @param slate whether the slate page ({@code /slate}) stands in the frame: on the virtual
     *     bench the simulated film camera then photographs each step's QR code next to the chart
     * @param trigger how the roll's camera is fired: through the rig's shutter output, or by the
     *     operator who confirms each frame (a camera without a remote release)
     * @throws IllegalArgumentException on a bad code, frame count or ISO, an unknown set, or a
     *     code already used
     */
    public Roll load(long setId, String code, String cameraBody, int iso, int frames, boolean slate, Trigger trigger) {
        ProfilingSet set = store.sets().byId(setId).orElseThrow(() -> new NotFoundException("no profiling set " + setId));
        if (code == null || !code.matches("[A-Za-z0-9][A-Za-z0-9-]{0,31}")) {
            throw new InvalidInputException("code", "roll code '" + code + "' must be 1-32 letters, digits or '-'");
        }
        if (frames < 1 || frames > 99) {
            throw new InvalidInputException("frames", "frames must be 1..99, got " + frames);
        }
        if (iso < 1 || iso > 25600) {
            throw new InvalidInputException("iso", "iso must be 1..25600, got " + iso);
        }
        if (store.rolls().byCode(code).isPresent()) {
            throw new InvalidInputException("code", "roll " + code + " already exists");
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("camera", cameraBody == null ? "" : cameraBody);
        d.put("iso", iso);
        d.put("frames", frames);
        d.put("slate", slate);
        d.put("trigger", trigger.label());
        String details = json(d);
        return store.atomically(() -> {
            Roll r = store.rolls().create(code, set.stockId(), setId, details);
            store.rollLog().log(r.id(), Stage.LOADED, details);
            return r;
        });
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
        FilmShootRow fs = store.filmShoots().create(rollId, trigger(roll));
        return run(fs, progress);
    }

    /**
     * Starts shooting the roll in the background (one film shoot at a time; others queue).
     *
     * @throws IllegalStateException when the roll is being shot already
     */
    public FilmShootRow start(long rollId) {
        Roll roll = roll(rollId);
        roll.setId().orElseThrow(() -> new ConflictException("no-set", "roll " + roll.code() + " has no set"));
        FilmShootRow fs = store.filmShoots().create(rollId, trigger(roll));
        submit(fs);
        return fs;
    }

    /** At start: shoots a stopped daemon left running or waiting continue at their first step without a frame. */
    public int resumeInterrupted() {
        List<FilmShootRow> left = store.filmShoots().unfinished();
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
     * @throws IllegalStateException when the shoot has ended
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
        return store.filmShoots().unfinished().stream().map(FilmShootRow::stepId).flatMap(Optional::stream).findFirst();
    }

    private List<Frame> run(FilmShootRow fs, Consumer<String> progress) throws Exception {
        long shootId = fs.id();
        Roll roll = roll(fs.rollId());
        long setId = roll.setId().orElseThrow(() -> new IllegalArgumentException("roll " + roll.code() + " has no set"));
        List<Frame> shot = new ArrayList<>();
        try {
            JsonNode notes = notes(roll);
            int capacity = notes.path("frames").asInt(36);
            boolean slate = notes.path("slate").asBoolean(false);
            Set<String> skipped = new LinkedHashSet<>();
            JSON.readTree(fs.skippedJson()).forEach(n -> skipped.add(n.asText()));
            FilmRoll sim = devices.bench().isPresent() ? simRoll(roll, capacity, slate) : null;
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
                if (next > capacity) {
                    String full = "roll " + roll.code() + " is full; " + (todo.size() - shot.size()) + " steps need another roll";
                    progress.accept(full);
                    return end(fs, State.DONE, full, shot);
                }
                changed(store.filmShoots().update(shootId, State.RUNNING, s.id(), next, "setting the light"));
                devices.rig().light(s.illuminant(), settleTimeout);
                if (fs.trigger() == Trigger.OPERATOR) {
                    changed(store.filmShoots().update(shootId, State.WAITING, s.id(), next,
                            "press the shutter for frame " + next + " (" + s.code() + "), then confirm"));
                    Answer a = awaitAnswer(shootId, s.id());
                    if (a == Answer.CANCEL) {
                        return end(fs, State.CANCELLED, "cancelled by the operator", shot);
                    }
                    if (a == Answer.SKIP) {
                        skipped.add(s.id());
                        store.filmShoots().setSkipped(shootId, json(skipped));
                        progress.accept("skipped " + s.code());
                        continue;
                    }
                } else if (sim == null) {
                    devices.rig().pulseShutter(devices.shutterPulse());
                }
                Frame f = recordFrame(roll.id(), s, next, sim);
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

    /** Records the frame (on the virtual bench: exposes it now and keeps what the lab needs with it). */
    private Frame recordFrame(long rollId, PlanStep s, int next, FilmRoll sim) {
        if (sim == null) {
            return store.rolls().addFrame(rollId, next, s.id(), Instant.now());
        }
        LightState light = devices.bench().get().light();
        int number = sim.expose(light, s.code(), s.ev()); // the slate shows the short code
        Illuminant lit = light.asIlluminant();
        double[] spd = new double[Spectrum.SIZE];
        for (int i = 0; i < spd.length; i++) {
            spd[i] = lit.spd().at(i);
        }
        return store.atomically(() -> {
            Frame f = store.rolls().addFrame(rollId, number, s.id(), Instant.now());
            store.rolls().addSimExposure(rollId, new SimExposure(number, s.code(), lit.name(), spd, s.ev()));
            return f;
        });
    }

    private List<Frame> end(FilmShootRow fs, State state, String message, List<Frame> shot) {
        switchOff();
        int frames = store.rolls().frames(fs.rollId()).size();
        FilmShootRow ended = store.atomically(() -> {
            if (state == State.DONE) {
                store.rolls().setStatus(fs.rollId(), Status.SHOT);
                store.rollLog().log(fs.rollId(), Stage.SHOT, json(Map.of("frames", frames)));
            }
            return store.filmShoots().update(fs.id(), state, null, null, message);
        });
        changed(ended);
        return shot;
    }

    private void switchOff() {
        try {
            devices.rig().setOn(false);
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
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Trigger trigger(Roll roll) {
        return Trigger.of(notes(roll).path("trigger").asText(Trigger.RIG_SHUTTER.label()));
    }

    /** The roll's details as loaded (camera, iso, frames, slate, trigger). */
    private static JsonNode notes(Roll roll) {
        try {
            return JSON.readTree(roll.notes());
        } catch (IOException e) {
            throw new UncheckedIOException("roll " + roll.code() + " has unreadable details: " + e.getMessage(), e);
        }
    }

    private FilmShootRow filmShoot(long id) {
        return store.filmShoots().byId(id).orElseThrow(() -> new NotFoundException("no film shoot " + id));
    }

    /**
     * Logs the roll as sent to a lab.
     *
     * @param process C-41, E-6 or ECN-2
     * @param pushPull stops of push (+) or pull (-), -3..+3
     * @param date the day it went, ISO-8601 ({@code 2026-11-26}); empty = today
     */
    public void sendToLab(long rollId, String lab, String process, int pushPull, String date) {
        Roll roll = roll(rollId);
        if (lab == null || lab.isBlank()) {
            throw new InvalidInputException("lab", "lab: name the lab the roll went to");
        }
        if (!PROCESSES.contains(process)) {
            throw new InvalidInputException("process", "process '" + process + "' must be one of C-41, E-6, ECN-2");
        }
        if (!PUSH_PULL.matcher(Integer.toString(pushPull)).matches()) {
            throw new InvalidInputException("push_pull", "push_pull must be -3..+3 stops, got " + pushPull);
        }
        String day;
        try {
            day = date == null || date.isBlank() ? java.time.LocalDate.now().toString() : java.time.LocalDate.parse(date).toString();
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("date", "date '" + date + "' must be a day as YYYY-MM-DD");
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lab", lab);
        d.put("process", process);
        d.put("push_pull", pushPull);
        d.put("date", day);
        store.atomically(() -> {
            // logged late (scans already in): the record is kept, the roll's status does not go back
            if (roll.status() != Status.SCANNED) {
                store.rolls().setStatus(rollId, Status.AT_LAB);
            }
            store.rollLog().log(rollId, Stage.SENT_TO_LAB, json(d));
            return null;
        });
    }

    /**
     * The virtual bench's lab: develops and scans a roll shot on the bench into {@code outDir}
     * with the given quirks, as a real lab's delivery folder.
     *
     * @throws IllegalStateException when the roll has no frames exposed on the virtual bench
     */
    public List<ScanFile> simulatedLab(long rollId, LabQuirks quirks, Path outDir, Consumer<String> progress)
            throws IOException {
        Roll roll = roll(rollId);
        FilmRoll sim = store.rolls().simExposures(rollId).isEmpty() ? null
                : simRoll(roll, notes(roll).path("frames").asInt(36), notes(roll).path("slate").asBoolean(false));
        if (sim == null || sim.frames().isEmpty()) {
            throw new ConflictException(roll.status().name().toLowerCase(java.util.Locale.ROOT), "roll " + roll.code() + " was not shot on the virtual bench; the simulated"
                    + " lab has nothing to develop");
        }
        return FilmLab.standard().process(sim, quirks, outDir, progress);
    }

    /** The roll in the simulated film camera: in memory, or rebuilt from its stored exposures after a restart. */
    private FilmRoll simRoll(Roll roll, int capacity, boolean slate) {
        return simRolls.computeIfAbsent(roll.code(), code -> {
            String stock = store.stocks().all().stream().filter(s -> s.id() == roll.stockId()).findFirst()
                    .orElseThrow().name();
            if (!FilmStocks.names().contains(stock)) {
                throw new InvalidInputException("stock", "stock '" + stock + "' is not a simulated film stock; the virtual"
                        + " bench has " + FilmStocks.names());
            }
            FilmRoll r = new FilmRoll(stock, code, capacity, code.hashCode(), slate);
            for (SimExposure e : store.rolls().simExposures(roll.id())) {
                // The stored spectrum is what was emitted (intensity and drift in it), as asIlluminant() gave it.
                Spectrum emitted = Spectrum.of(e.spectrum());
                r.expose(new LightState(Optional.of(new Illuminant(e.light(), emitted)), emitted, true), e.step(), e.ev());
            }
            return r;
        });
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

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
