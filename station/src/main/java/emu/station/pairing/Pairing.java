package emu.station.pairing;

import emu.station.errors.InvalidInputException;
import emu.station.errors.NotFoundException;
import emu.station.store.RollLogRepository.Stage;
import emu.station.store.RollRepository.Frame;
import emu.station.store.ScanRepository.Scan;
import emu.station.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which scan shows which frame of a roll, after import: the open doubts for the operator
 * ({@link Conflict}s: duplicates, missing frames, a lab numbering offset, unmatched scans), pairing
 * one scan by hand, applying an offset, and the frame number a lab's file name carries. Scan
 * import pairs what it can by QR slate, name and order and leaves the rest here.
 */
public final class Pairing {
    private static final Pattern FRAME_TAG = Pattern.compile("(?i)(?:^|[^a-z])f(?:rame)?[-_ ]?0*(\\d{1,3})(?!\\d)");
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d{1,3})(?!.*\\d)");

    private final Store store;

    public Pairing(Store store) {
        this.store = store;
    }

    /**
     * A doubt for the operator: {@code duplicate} (several scans claim one frame), {@code missing}
     * (a frame without a scan), {@code offset} (the numbers fit the frames shifted by
     * {@code suggestedOffset}), {@code unmatched} (a scan that fits no frame).
     */
    public record Conflict(String kind, String message, List<Long> scans, List<Integer> frames, Integer suggestedOffset) {}

    /**
     * The roll's open doubts, from the current pairing. Scans set aside are out of it, and a frame
     * marked bad (e.g. the lab sent no scan of it) is not missing a scan.
     */
    public List<Conflict> conflicts(long rollId) {
        return conflicts(store.rolls().frames(rollId), store.scans().byRoll(rollId));
    }

    /** The open doubts of a roll whose frames and scans the caller has read already. */
    public List<Conflict> conflicts(List<Frame> frames, List<Scan> allScans) {
        List<Scan> scans = allScans.stream().filter(s -> !s.bad()).toList();
        List<Conflict> out = new ArrayList<>();
        java.util.Set<Integer> frameNumbers = new java.util.TreeSet<>();
        frames.forEach(f -> frameNumbers.add(f.number()));
        for (Frame f : frames) {
            List<Long> on = scans.stream().filter(s -> s.frameId().orElse(-1L) == f.id()).map(Scan::id).toList();
            if (on.size() > 1) {
                out.add(new Conflict("duplicate", "frame " + f.number() + " has " + on.size() + " scans; keep one",
                        on, List.of(f.number()), null));
            }
        }
        List<Scan> unpaired = scans.stream().filter(s -> s.frameId().isEmpty()).toList();
        Map<Integer, List<Long>> byNumber = new TreeMap<>();
        for (Scan s : unpaired) {
            OptionalInt n = number(Path.of(s.file()).getFileName().toString());
            if (n.isPresent()) {
                byNumber.computeIfAbsent(n.getAsInt(), k -> new ArrayList<>()).add(s.id());
            }
        }
        for (Map.Entry<Integer, List<Long>> e : byNumber.entrySet()) {
            if (e.getValue().size() > 1) {
                out.add(new Conflict("duplicate", "scans " + e.getValue() + " all carry number " + e.getKey()
                        + "; pair one of them", e.getValue(), List.of(e.getKey()), null));
            }
        }
        Integer offset = suggestedOffset(byNumber.keySet(), frameNumbers, frames, scans);
        if (offset != null) {
            out.add(new Conflict("offset", "the lab's file numbers match the frames shifted by " + offset
                    + " (file number " + (offset < 0 ? "" : "+") + offset + " = frame); confirm to pair them",
                    unpaired.stream().map(Scan::id).toList(), List.of(), offset));
        } else {
            for (Scan s : unpaired) {
                if (byNumber.values().stream().noneMatch(l -> l.size() > 1 && l.contains(s.id()))) {
                    out.add(new Conflict("unmatched", "scan " + s.id() + " (" + Path.of(s.file()).getFileName()
                            + ") fits no frame; pair it by hand", List.of(s.id()), List.of(), null));
                }
            }
        }
        java.util.Set<Long> pairedFrames = new java.util.HashSet<>();
        scans.forEach(s -> s.frameId().ifPresent(pairedFrames::add));
        List<Integer> missing = frames.stream().filter(f -> !f.bad() && !pairedFrames.contains(f.id())).map(Frame::number).toList();
        if (!missing.isEmpty() && !scans.isEmpty()) {
            out.add(new Conflict("missing", "frames " + missing + " have no scan", List.of(), missing, null));
        }
        return out;
    }

    /** The shift d with number + d a free frame for every unpaired numbered scan, if exactly one works. */
    private static Integer suggestedOffset(java.util.Set<Integer> numbers, java.util.Set<Integer> frameNumbers,
                                           List<Frame> frames, List<Scan> scans) {
        if (numbers.isEmpty()) {
            return null;
        }
        java.util.Set<Long> pairedFrames = new java.util.HashSet<>();
        scans.forEach(s -> s.frameId().ifPresent(pairedFrames::add));
        java.util.Set<Integer> free = new java.util.TreeSet<>();
        frames.stream().filter(f -> !pairedFrames.contains(f.id())).forEach(f -> free.add(f.number()));
        Integer found = null;
        for (int d = -99; d <= 99; d++) {
            if (d == 0) {
                continue;
            }
            int shift = d;
            if (numbers.stream().allMatch(n -> free.contains(n + shift))) {
                if (found != null) {
                    return null;
                }
                found = d;
            }
        }
        return found;
    }

    /**
     * Pairs one scan to a frame by hand (replacing its earlier pairing).
     *
     * @throws IllegalArgumentException when the scan or the frame does not exist on the roll
     */
    public void pair(long rollId, long scanId, int frameNumber) {
        Scan s = store.scans().byRoll(rollId).stream().filter(x -> x.id() == scanId).findFirst()
                .orElseThrow(() -> new NotFoundException("roll " + rollId + " has no scan " + scanId));
        Frame f = store.rolls().frame(rollId, frameNumber)
                .orElseThrow(() -> new NotFoundException("roll " + rollId + " has no frame " + frameNumber));
        store.scans().matchFrame(s.id(), f.id());
        logPairedIfClean(rollId, conflicts(rollId));
    }

    /**
     * Pairs every unpaired numbered scan to frame (its file number + {@code offset}).
     *
     * @return how many scans were paired
     * @throws IllegalArgumentException when some shifted number is not a free frame (nothing is changed)
     */
    public int applyOffset(long rollId, int offset) {
        store.rolls().byId(rollId).orElseThrow(() -> new NotFoundException("no roll " + rollId));
        List<Scan> unpaired = store.scans().byRoll(rollId).stream().filter(s -> !s.bad() && s.frameId().isEmpty()).toList();
        int n = store.atomically(() -> {
            int count = 0;
            for (Scan s : unpaired) {
                OptionalInt num = number(Path.of(s.file()).getFileName().toString());
                if (num.isEmpty()) {
                    continue;
                }
                int frame = num.getAsInt() + offset;
                Frame f = store.rolls().frame(rollId, frame).orElseThrow(() -> new InvalidInputException("offset",
                        "offset " + offset + " maps scan " + s.id() + " to frame " + frame + ", which the roll does not have"));
                if (store.scans().byFrame(f.id()).stream().anyMatch(x -> !x.bad())) {
                    throw new InvalidInputException("offset", "offset " + offset + " maps scan " + s.id() + " to frame " + frame
                            + ", which already has a scan");
                }
                store.scans().matchFrame(s.id(), f.id());
                count++;
            }
            return count;
        });
        logPairedIfClean(rollId, conflicts(rollId));
        return n;
    }

    /**
     * Logs the roll's PAIRED stage once it has scans and no conflict left: after a fix made outside
     * this class (a scan set aside, a frame marked bad).
     */
    public void logPairedIfClean(long rollId) {
        logPairedIfClean(rollId, conflicts(rollId));
    }

    /** Logs the roll as paired once it has scans and no open doubt (once). */
    public void logPairedIfClean(long rollId, List<Conflict> conflicts) {
        boolean hasScans = !store.scans().byRoll(rollId).isEmpty();
        boolean logged = store.rollLog().entries(rollId).stream().anyMatch(e -> e.stage() == Stage.PAIRED);
        if (hasScans && conflicts.isEmpty() && !logged) {
            store.rollLog().log(rollId, Stage.PAIRED, "{}");
        }
    }

    /** The frame number a file name carries: after an F/frame tag, else its last number (the roll code aside). */
    public static OptionalInt number(String fileName) {
        String stem = fileName.replaceFirst("-[0-9a-f]{12}(\\.[^.]*)?$", "$1").replaceFirst("\\.[^.]*$", "");
        Matcher m = FRAME_TAG.matcher(stem);
        if (m.find()) {
            return OptionalInt.of(Integer.parseInt(m.group(1)));
        }
        m = LAST_NUMBER.matcher(stem);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
