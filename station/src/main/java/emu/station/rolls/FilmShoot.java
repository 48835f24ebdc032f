package emu.station.rolls;

import com.fasterxml.jackson.databind.ObjectMapper;
import emu.devices.sim.film.FilmStocks;
import emu.devices.sim.lab.FilmLab;
import emu.devices.sim.lab.FilmRoll;
import emu.devices.sim.lab.LabQuirks;
import emu.devices.sim.lab.ScanFile;
import emu.station.shoot.Devices;
import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.RollLogRepository.Stage;
import emu.station.store.RollRepository.Frame;
import emu.station.store.RollRepository.Roll;
import emu.station.store.RollRepository.Status;
import emu.station.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The film side of a set and the roll log: load a roll, shoot it (for each plan step the rig sets
 * the light, then the film camera is fired through the rig's shutter output, or on the virtual
 * bench the simulated film camera exposes a frame), each frame bound to its step; send it to a
 * lab; and the log of each stage with its timestamp and details. On the virtual bench the
 * simulated lab ({@link FilmLab}) develops and scans the roll.
 */
public final class FilmShoot {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PROCESSES = Set.of("C-41", "E-6", "ECN-2");
    private static final Pattern PUSH_PULL = Pattern.compile("[+-]?[0-3]");

    private final Store store;
    private final Devices devices;
    private final Duration settleTimeout;
    /** The virtual bench's exposed rolls until they go to the simulated lab (in memory only). */
    private final Map<String, FilmRoll> simRolls = new ConcurrentHashMap<>();

    public FilmShoot(Store store, Devices devices, Duration settleTimeout) {
        this.store = store;
        this.devices = devices;
        this.settleTimeout = settleTimeout;
    }

    /**
     * Loads a roll for a set.
     *
     * @param slate whether the slate page ({@code /slate}) stands in the frame: on the virtual
     *     bench the simulated film camera then photographs each step's QR code next to the chart
     * @throws IllegalArgumentException on a bad code, frame count or ISO, an unknown set, or a
     *     code already used
     */
    public Roll load(long setId, String code, String cameraBody, int iso, int frames, boolean slate) {
        ProfilingSet set = store.sets().byId(setId).orElseThrow(() -> new IllegalArgumentException("no profiling set " + setId));
        if (code == null || !code.matches("[A-Za-z0-9][A-Za-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("roll code '" + code + "' must be 1-32 letters, digits or '-'");
        }
        if (frames < 1 || frames > 99) {
            throw new IllegalArgumentException("frames must be 1..99, got " + frames);
        }
        if (iso < 1 || iso > 25600) {
            throw new IllegalArgumentException("iso must be 1..25600, got " + iso);
        }
        if (store.rolls().byCode(code).isPresent()) {
            throw new IllegalArgumentException("roll " + code + " already exists");
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("camera", cameraBody == null ? "" : cameraBody);
        d.put("iso", iso);
        d.put("frames", frames);
        d.put("slate", slate);
        String details = json(d);
        return store.atomically(() -> {
            Roll r = store.rolls().create(code, set.stockId(), setId, details);
            store.rollLog().log(r.id(), Stage.LOADED, details);
            return r;
        });
    }

    /**
     * Shoots the roll: one frame per plan step of its set that has no frame on this roll yet,
     * in plan order, until the roll is full.
     *
     * @return the frames shot now
     */
    public List<Frame> shoot(long rollId, Consumer<String> progress) throws Exception {
        Roll roll = roll(rollId);
        long setId = roll.setId().orElseThrow(() -> new IllegalArgumentException("roll " + roll.code() + " has no set"));
        int capacity = JSON.readTree(roll.notes()).path("frames").asInt(36);
        List<Frame> existing = store.rolls().frames(rollId);
        Set<String> done = new HashSet<>();
        existing.forEach(f -> f.stepId().ifPresent(done::add));
        boolean slate = JSON.readTree(roll.notes()).path("slate").asBoolean(false);
        FilmRoll sim = devices.bench().isPresent() ? simRoll(roll, capacity, slate) : null;
        List<PlanStep> todo = store.sets().steps(setId).stream().filter(s -> !done.contains(s.id())).toList();
        List<Frame> shot = new java.util.ArrayList<>();
        int next = existing.size() + 1;
        for (PlanStep s : todo) {
            if (next > capacity) {
                progress.accept("roll " + roll.code() + " is full; " + (todo.size() - shot.size()) + " steps need another roll");
                break;
            }
            devices.rig().setPreset(s.illuminant());
            devices.rig().setOn(true);
            devices.rig().awaitSettled(settleTimeout);
            int number;
            if (sim != null) {
                number = sim.expose(devices.bench().get(), s.code(), s.ev()); // the slate shows the short code
            } else {
                devices.rig().pulseShutter(devices.shutterPulse());
                number = next;
            }
            shot.add(store.rolls().addFrame(rollId, number, s.id(), Instant.now()));
            next++;
            progress.accept("frame " + number + " <- " + s.code() + " (" + s.illuminant() + ", EV " + s.ev() + ")");
        }
        devices.rig().setOn(false);
        store.atomically(() -> {
            store.rolls().setStatus(rollId, Status.SHOT);
            store.rollLog().log(rollId, Stage.SHOT, json(Map.of("frames", existing.size() + shot.size())));
            return null;
        });
        return shot;
    }

    /**
     * Logs the roll as sent to a lab.
     *
     * @param process C-41, E-6 or ECN-2
     * @param pushPull stops of push (+) or pull (-), -3..+3
     * @param date the day it went, ISO-8601 ({@code 2026-11-26}); empty = today
     */
    public void sendToLab(long rollId, String lab, String process, int pushPull, String date) {
        roll(rollId);
        if (lab == null || lab.isBlank()) {
            throw new IllegalArgumentException("lab: name the lab the roll went to");
        }
        if (!PROCESSES.contains(process)) {
            throw new IllegalArgumentException("process '" + process + "' must be one of C-41, E-6, ECN-2");
        }
        if (!PUSH_PULL.matcher(Integer.toString(pushPull)).matches()) {
            throw new IllegalArgumentException("push_pull must be -3..+3 stops, got " + pushPull);
        }
        String day = date == null || date.isBlank() ? java.time.LocalDate.now().toString() : java.time.LocalDate.parse(date).toString();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lab", lab);
        d.put("process", process);
        d.put("push_pull", pushPull);
        d.put("date", day);
        store.atomically(() -> {
            store.rolls().setStatus(rollId, Status.AT_LAB);
            store.rollLog().log(rollId, Stage.SENT_TO_LAB, json(d));
            return null;
        });
    }

    /**
     * The virtual bench's lab: develops and scans a roll shot on the bench into {@code outDir}
     * with the given quirks, as a real lab's delivery folder.
     *
     * @throws IllegalStateException when the roll was not shot on the virtual bench in this process
     */
    public List<ScanFile> simulatedLab(long rollId, LabQuirks quirks, Path outDir, Consumer<String> progress)
            throws IOException {
        Roll roll = roll(rollId);
        FilmRoll sim = simRolls.get(roll.code());
        if (sim == null) {
            throw new IllegalStateException("roll " + roll.code() + " was not shot on the virtual bench since the"
                    + " station started; the simulated lab has nothing to develop");
        }
        return FilmLab.standard().process(sim, quirks, outDir, progress);
    }

    private FilmRoll simRoll(Roll roll, int capacity, boolean slate) {
        return simRolls.computeIfAbsent(roll.code(), code -> {
            String stock = store.stocks().all().stream().filter(s -> s.id() == roll.stockId()).findFirst()
                    .orElseThrow().name();
            if (!FilmStocks.names().contains(stock)) {
                throw new IllegalArgumentException("stock '" + stock + "' is not a simulated film stock; the virtual"
                        + " bench has " + FilmStocks.names());
            }
            return new FilmRoll(stock, code, capacity, code.hashCode(), slate);
        });
    }

    private Roll roll(long rollId) {
        return store.rolls().byId(rollId).orElseThrow(() -> new IllegalArgumentException("no roll " + rollId));
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
