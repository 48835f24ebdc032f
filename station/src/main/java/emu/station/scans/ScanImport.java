package emu.station.scans;

import emu.calibration.io.Hashes;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.calibration.chart.ChartReading;
import emu.calibration.chart.ChartSpec;
import emu.calibration.chart.ChartSpecs;
import emu.calibration.chart.SamplingOptions;
import emu.calibration.io.AtomicFiles;
import emu.calibration.io.ImageFiles;
import emu.devices.camera.CapturedFile;
import emu.station.errors.InvalidInputException;
import emu.station.errors.NotFoundException;
import emu.station.pairing.Pairing;
import emu.station.readings.ChartReadings;
import emu.station.store.ReadingRepository;
import emu.station.store.RollLogRepository.Stage;
import emu.station.store.RollRepository.Frame;
import emu.station.store.RollRepository.Roll;
import emu.station.store.ScanRepository.Scan;
import emu.station.store.Store;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Stream;
import emu.calibration.io.Confined;

/**
 * Imports a roll's scans from a folder or a zip: each file is decoded (TIFF, PNG, JPEG; camera RAW
 * developed by {@code dcraw_emu}), copied atomically into {@code data_dir/scans/ROLL/} under its
 * own name plus the start of its SHA-256, recorded, and its chart read. Each scan is paired to a
 * frame by, in order of trust: the QR slate in the picture (its text is the step's id or code),
 * the frame number in the file name ({@code ..._F07.tif}, else the last number), the order of the
 * files. Anything doubtful -- two scans for one frame, frames without a scan, numbers that fit
 * the roll only shifted (an offset) -- is left unpaired and reported as a conflict for the
 * operator to resolve ({@link #pair}, {@link #applyOffset}). A bad file is reported and the rest
 * still import. When a file stem arrives in several formats (the lab's TIFF and JPEG) the best
 * one (RAW, TIFF, PNG, JPEG) is imported and the others are listed as skipped.
 */
public final class ScanImport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PREFERENCE = List.of("raw", "tif", "tiff", "png", "jpg", "jpeg");

    /** A problem with one file; the others imported. */
    public record BadFile(String file, String error) {}

    /** One imported scan and how it was paired ({@code qr}, {@code name}, {@code order} or {@code none}). */
    public record Imported(long scanId, String source, String file, Integer frame, String pairedBy, String chart) {}


    public record Report(long rollId, List<Imported> imported, List<BadFile> bad, List<String> skipped,
                         List<String> alreadyImported, List<Pairing.Conflict> conflicts) {}

    private final Store store;
    private final Path dataDir;
    private final Pairing pairing;
    private final long maxUnzippedBytes;
    private final emu.station.files.DiskSpace disk;

    public ScanImport(Store store, Path dataDir, Pairing pairing) {
        this(store, dataDir, pairing, emu.station.config.StationConfig.Http.DEFAULT_MAX_UPLOAD_MB << 20,
                new emu.station.files.DiskSpace(dataDir, 0));
    }

    /**
     * @param maxUnzippedBytes the most a zip of scans may unpack to ({@code http.max_upload_mb})
     * @param disk checked before an import starts ({@code station.min_free_mb})
     */
    public ScanImport(Store store, Path dataDir, Pairing pairing, long maxUnzippedBytes, emu.station.files.DiskSpace disk) {
        this.maxUnzippedBytes = maxUnzippedBytes;
        this.disk = disk;
        this.store = store;
        this.dataDir = dataDir;
        this.pairing = pairing;
    }

    /**
     * Imports a folder or a {@code .zip}.
     *
     * @throws IllegalArgumentException when the roll or the source does not exist
     */
    public Report importScans(long rollId, Path source) throws IOException {
        Roll roll = store.rolls().byId(rollId).orElseThrow(() -> new NotFoundException("no roll " + rollId));
        if (!Files.exists(source)) {
            throw new InvalidInputException("path", "scan source " + source + " does not exist (give a folder or a .zip)");
        }
        disk.require("scan import");
        Path staging = null;
        Path folder = source;
        if (Files.isRegularFile(source)) {
            if (!source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                throw new InvalidInputException("path", source + " is neither a folder nor a .zip of scans");
            }
            staging = Files.createTempDirectory(dataDir, ".unzip-");
            folder = staging;
        }
        try {
            if (staging != null) {
                LabDelivery.unzip(source, staging, maxUnzippedBytes);
            }
            return importFolder(roll, folder);
        } finally {
            if (staging != null) {
                AtomicFiles.deleteTree(staging);
            }
        }
    }

    private Report importFolder(Roll roll, Path folder) throws IOException {
        List<Path> listed;
        try (Stream<Path> s = Files.list(folder)) {
            listed = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        // A symlink in a lab's inbox is read only if it stays in the folder: no importing /etc/shadow as a scan.
        List<Path> files = listed.stream().filter(p -> Confined.isInside(folder, p)).toList();
        List<BadFile> outside = listed.stream().filter(p -> !files.contains(p))
                .map(p -> new BadFile(p.getFileName().toString(), "a link leading outside " + folder + "; not read")).toList();
        // one file per stem: the best format
        Map<String, Path> byStem = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        for (Path f : files) {
            String stem = stem(f);
            Path prev = byStem.get(stem);
            if (prev == null) {
                byStem.put(stem, f);
            } else if (rank(f) < rank(prev)) {
                skipped.add(prev.getFileName() + ": same scan as " + f.getFileName());
                byStem.put(stem, f);
            } else {
                skipped.add(f.getFileName() + ": same scan as " + prev.getFileName());
            }
        }
        ChartSpec chart = ChartSpecs.byName(roll.setId().flatMap(store.sets()::byId).map(s -> s.chart())
                .orElse(ChartSpecs.COLORCHECKER24));
        Optional<String> corners = roll.setId().flatMap(id -> store.readings().corners(id, ReadingRepository.Source.SCAN));
        List<Frame> frames = store.rolls().frames(roll.id());
        Map<String, Frame> frameByStep = new LinkedHashMap<>();
        for (Frame f : frames) {
            f.stepId().ifPresent(id -> frameByStep.put(id, f));
            f.stepId().flatMap(store.sets()::step).ifPresent(s -> frameByStep.put(s.code(), f));
        }
        List<BadFile> bad = new ArrayList<>(outside);
        List<String> already = new ArrayList<>();
        List<Candidate> batch = new ArrayList<>();
        for (Path f : byStem.values()) {
            String name = f.getFileName().toString();
            String sha = null;
            try {
                byte[] bytes = Files.readAllBytes(f);
                sha = sha256(bytes);
                Optional<Scan> existing = store.scans().bySha256(sha);
                if (existing.isPresent()) {
                    already.add(name + " (scan " + existing.get().id() + ")");
                    continue;
                }
                Path dir = dataDir.resolve("scans").resolve(roll.code());
                Path target = dir.resolve(stem(f) + "-" + sha.substring(0, 12) + ext(f));
                // The name holds the content's hash: a file already there has these bytes (another bench of a
                // shared data root importing the same delivery), is left as it is and never deleted from here.
                boolean ours = !Files.exists(target);
                if (ours) {
                    AtomicFiles.write(target, out -> out.write(bytes));
                }
                ChartReading reading = null;
                String chartError = null;
                BufferedImage img = null;
                try {
                    if (CapturedFile.Kind.ofName(name) != CapturedFile.Kind.RAW) {
                        img = ImageFiles.read(target);
                    }
                    reading = ChartReadings.read(target, chart, corners, SamplingOptions.DEFAULTS);
                } catch (emu.calibration.chart.ChartNotFoundException e) {
                    chartError = e.getMessage();
                } catch (IOException | RuntimeException e) {
                    if (ours) {
                        Files.deleteIfExists(target);
                    }
                    throw e;
                }
                Integer qrFrame = img == null ? null : LabDelivery.qr(img).map(frameByStep::get).map(Frame::number).orElse(null);
                String rel = dataDir.relativize(target.toAbsolutePath()).toString();
                ChartReading r = reading;
                String hash = sha;
                long scanId = store.atomically(() -> {
                    long id = store.scans().add(roll.id(), null, rel, hash).id();
                    if (r != null) {
                        store.readings().addForScan(id, ChartReadings.values(r, 1.0));
                    }
                    return id;
                });
                batch.add(new Candidate(scanId, name, rel, qrFrame, Pairing.number(name), chartError));
            } catch (IOException | RuntimeException e) {
                if (emu.station.files.DiskSpace.isDiskFull(e)) {
                    // The files imported so far have their rows; the rest is the disk's fault, not the lab's.
                    throw new emu.station.errors.DiskFullException("the disk filled up importing " + name
                            + "; free some space and import again (already imported scans are kept)", e);
                }
                Optional<Scan> meanwhile = sha == null || !(e instanceof emu.station.store.StoreException) ? Optional.empty()
                        : store.scans().bySha256(sha);
                if (meanwhile.isPresent()) {
                    // Lost a race to another bench importing the same scan at the same moment: its row points at
                    // this very file (same name, same bytes), so nothing is left unreferenced and nothing is bad.
                    already.add(name + " (scan " + meanwhile.get().id() + ", imported meanwhile by another bench)");
                } else {
                    bad.add(new BadFile(name, String.valueOf(e.getMessage())));
                }
            }
        }
        List<Imported> imported = pair(roll, batch, frames);
        if (!batch.isEmpty()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("files", batch.size());
            d.put("bad", bad.size());
            store.atomically(() -> {
                store.rolls().setStatus(roll.id(), emu.station.store.RollRepository.Status.SCANNED);
                store.rollLog().log(roll.id(), Stage.SCANS_RECEIVED, JSON.writeValueAsString(d));
                return null;
            });
        }
        List<Pairing.Conflict> conflicts = pairing.conflicts(roll.id());
        pairing.logPairedIfClean(roll.id(), conflicts);
        return new Report(roll.id(), imported, bad, skipped, already, conflicts);
    }

    private record Candidate(long scanId, String name, String file, Integer qrFrame, OptionalInt number, String chartError) {}

    /** Pairs a batch: QR first, then file-name numbers when every one names a frame, then order. */
    private List<Imported> pair(Roll roll, List<Candidate> batch, List<Frame> frames) {
        Map<Integer, Frame> byNumber = new TreeMap<>();
        frames.forEach(f -> byNumber.put(f.number(), f));
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        store.scans().byRoll(roll.id()).forEach(s -> s.frameId().ifPresent(fid -> frames.stream()
                .filter(f -> f.id() == fid).forEach(f -> taken.add(f.number()))));
        Map<Long, String> how = new LinkedHashMap<>();
        Map<Long, Integer> frameOf = new LinkedHashMap<>();
        List<Candidate> rest = new ArrayList<>();
        for (Candidate c : batch) {
            if (c.qrFrame() != null) {
                frameOf.put(c.scanId(), c.qrFrame());
                how.put(c.scanId(), "qr");
            } else {
                rest.add(c);
            }
        }
        List<Candidate> numbered = rest.stream().filter(c -> c.number().isPresent()).toList();
        List<Candidate> unnumbered = rest.stream().filter(c -> c.number().isEmpty()).toList();
        boolean allFit = numbered.stream().allMatch(c -> byNumber.containsKey(c.number().getAsInt()));
        if (allFit) {
            Map<Integer, Long> count = new TreeMap<>();
            numbered.forEach(c -> count.merge(c.number().getAsInt(), 1L, Long::sum));
            for (Candidate c : numbered) {
                int n = c.number().getAsInt();
                // two scans with one number: a duplicate for the operator, neither is guessed
                if (count.get(n) == 1 && !taken.contains(n) && !frameOf.containsValue(n)) {
                    frameOf.put(c.scanId(), n);
                    how.put(c.scanId(), "name");
                }
            }
        }
        List<Integer> free = byNumber.keySet().stream().filter(n -> !taken.contains(n) && !frameOf.containsValue(n)).toList();
        if (!unnumbered.isEmpty() && unnumbered.size() == free.size()) {
            for (int i = 0; i < unnumbered.size(); i++) {
                frameOf.put(unnumbered.get(i).scanId(), free.get(i));
                how.put(unnumbered.get(i).scanId(), "order");
            }
        }
        List<Imported> out = new ArrayList<>();
        for (Candidate c : batch) {
            Integer n = frameOf.get(c.scanId());
            if (n != null) {
                store.scans().matchFrame(c.scanId(), byNumber.get(n).id());
            }
            out.add(new Imported(c.scanId(), c.name(), c.file(), n, how.getOrDefault(c.scanId(), "none"),
                    c.chartError() == null ? "read" : c.chartError()));
        }
        return out;
    }

    private static String stem(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot <= 0 ? n : n.substring(0, dot);
    }

    private static String ext(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot <= 0 ? "" : n.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static int rank(Path f) {
        String e = ext(f).replace(".", "");
        if (CapturedFile.Kind.ofName(f.getFileName().toString()) == CapturedFile.Kind.RAW) {
            return 0;
        }
        int i = PREFERENCE.indexOf(e);
        return i < 0 ? PREFERENCE.size() : i;
    }

    static String sha256(byte[] bytes) {
        return Hashes.sha256Hex(bytes);
    }
}
