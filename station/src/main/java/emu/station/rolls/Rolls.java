package emu.station.rolls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.station.errors.InvalidInputException;
import emu.station.errors.NotFoundException;
import emu.station.store.FilmShootRepository.Trigger;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.RollLogRepository.Stage;
import emu.station.store.RollRepository.Roll;
import emu.station.store.RollRepository.Settings;
import emu.station.store.RollRepository.Status;
import emu.station.store.Store;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A roll's life outside the shoot: loading it for a set (with its typed {@link Settings}, logged as JSON in the roll log) and the
 * roll log's lab entries. Each stage is logged with its timestamp and details.
 */
public final class Rolls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PROCESSES = Set.of("C-41", "E-6", "ECN-2");
    private static final Pattern PUSH_PULL = Pattern.compile("[+-]?[0-3]");

    private final Store store;

    public Rolls(Store store) {
        this.store = store;
    }

    /**
     * Loads a roll for a set.
     *
     * @param slate whether the slate page ({@code /slate}) stands in the frame: on the virtual
     *     bench the simulated film camera then photographs each step's QR code next to the chart
     * @param trigger how the roll's camera is fired: through the rig's shutter output, or by the
     *     operator who confirms each frame (a camera without a remote release)
     * @throws InvalidInputException on a bad code, frame count or ISO, or a code already used
     * @throws NotFoundException for an unknown set
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
        Settings settings = new Settings(cameraBody == null ? "" : cameraBody, iso, frames, slate, trigger);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("camera", settings.camera());
        d.put("iso", iso);
        d.put("frames", frames);
        d.put("slate", slate);
        d.put("trigger", trigger.label());
        String details = json(d);
        return store.atomically(() -> {
            Roll r = store.rolls().create(code, set.stockId(), setId, settings);
            store.rollLog().log(r.id(), Stage.LOADED, details);
            return r;
        });
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
            day = date == null || date.isBlank() ? LocalDate.now().toString() : LocalDate.parse(date).toString();
        } catch (DateTimeParseException e) {
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
            store.rolls().setPushPull(rollId, pushPull);
            store.rollLog().log(rollId, Stage.SENT_TO_LAB, json(d));
            return null;
        });
    }

    /** The roll, or a 404-meaning {@link NotFoundException}. */
    public Roll roll(long rollId) {
        return store.rolls().byId(rollId).orElseThrow(() -> new NotFoundException("no roll " + rollId));
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
