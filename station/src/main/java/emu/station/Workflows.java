package emu.station;

import emu.station.errors.NotFoundException;
import emu.station.config.StationConfig;
import emu.station.pairing.Pairing;
import emu.station.readings.Reread;
import emu.station.rolls.FilmCamera;
import emu.station.rolls.FilmDevices;
import emu.station.rolls.FilmShootRunner;
import emu.station.rolls.RigShutterCamera;
import emu.station.rolls.Rolls;
import emu.station.scans.ScanImport;
import emu.station.bench.Devices;
import emu.station.shoot.ShootRunner;
import emu.station.store.CaptureRepository;
import emu.station.store.ProfilingSetRepository;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.RollRepository;
import emu.station.store.ScanRepository;
import emu.station.store.Store;
import emu.station.training.Trainer;
import emu.station.jobs.JobQueue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The station's workflows wired together on one store and one set of devices: profiling sets
 * and their plans, the digital shoot runner, the film shoot and roll log, scan import and
 * pairing, and the training queue. A set's status follows its data: shooting, awaiting scans,
 * complete (every step has a capture and a paired scan), and completion queues a training when
 * {@code [training] train_when_complete} is on. The daemon and {@code station demo} both use it.
 *
 * <p>Why this class stays (issue 15 asked to replace it with explicit wiring or say why not): it
 * is the composition root, not a registry looked up at run time. It builds every workflow once,
 * in dependency order, from the config, the store and {@code bench.Devices} (the film camera is
 * the rig's shutter or the bench's film body, picked here); {@link #open} starts the queue and
 * resumes interrupted shoots in the one safe order and {@link #close} stops them in reverse, for
 * the daemon and the demo alike. It also owns the operations that span workflows ({@link
 * #setChanged}, {@code mark*Bad}: repository, pairing, set status, training queue and events in one
 * step), which no single workflow can hold without importing the others. The HTTP resources
 * ({@code api}) receive it whole: splitting it into per-resource parameter lists was weighed and
 * left, since every resource also needs the store for its 404 lookups ({@code api.Found}) and the
 * set and roll views need the rig's presets and pairing, so each list would be most of this one.
 * What it must not become: a place for logic of one workflow (that goes in the workflow's
 * package), or a way for workflows to reach each other (they get what they need in their
 * constructors here).
 */
public final class Workflows implements AutoCloseable {
    private final StationConfig config;
    private final Store store;
    private final Path dataDir;
    private final Devices devices;
    private final ProfilingSets sets;
    private final emu.station.bench.RigPresets rigPresets;
    private final ShootRunner shoot;
    private final emu.station.shoot.DriftReshoot driftReshoot;
    private final Rolls rolls;
    private final FilmShootRunner film;
    private final Optional<FilmDevices> filmDevices;
    private final ScanImport scans;
    private final Pairing pairing;
    private final Trainer trainer;
    private final JobQueue training;
    private final emu.station.training.RollChoices rollChoices;
    private final BiConsumer<String, Map<String, Object>> events;

    private Workflows(StationConfig config, Store store, Devices devices, BiConsumer<String, Map<String, Object>> events) {
        this.config = config;
        this.store = store;
        this.dataDir = config.station().dataDir().toAbsolutePath();
        this.devices = devices;
        this.rigPresets = new emu.station.bench.RigPresets(devices.rig());
        this.sets = new ProfilingSets(config, store);
        this.events = events;
        ShootRunner.Policy policy = ShootRunner.Policy.defaults();
        emu.station.files.DiskSpace disk = new emu.station.files.DiskSpace(dataDir, config.station().minFreeBytes(),
                config.station().resumeMarginBytes());
        this.shoot = new ShootRunner(store, dataDir, devices, policy, events::accept, this::setChanged, disk)
                .withDrift(config.drift())
                .withBench(config.station().benchName(), emu.station.files.DataRoot.of(config).benchDir());
        this.driftReshoot = new emu.station.shoot.DriftReshoot(store, shoot, config.drift().thresholdPercent());
        this.rolls = new Rolls(store);
        this.filmDevices = devices.filmBody().flatMap(b -> devices.filmLab().map(l -> new FilmDevices(store, b, l)));
        FilmCamera filmCamera = filmDevices.<FilmCamera>map(f -> f)
                .orElseGet(() -> new RigShutterCamera(store, devices.rig(), devices.shutterPulse()));
        this.film = new FilmShootRunner(store, devices.rig(), filmCamera, policy.settleTimeout(), events)
                .forBench(config.station().benchName());
        this.pairing = new Pairing(store);
        this.scans = new ScanImport(store, dataDir, pairing, config.http().maxUploadBytes(), disk);
        this.trainer = new Trainer(store, dataDir, config.training(), config.exports());
        this.training = new JobQueue(store, trainer, config.training(), events);
        this.training.crashReportsIn(dataDir);
        // not enqueue(): a training already running read the pairs before a change; a queued one has not yet
        this.rollChoices = new emu.station.training.RollChoices(store, trainer,
                set -> training.submit(JobQueue.KIND, "{\"set\":" + set + "}"), events);
        this.training.runs(Reread.KIND, new Reread(store, dataDir, devices.captureSampling(), devices.captureScale()));
    }

    /**
     * Opens the configured devices, starts the training queue and resumes the film shoots and the
     * digital shoot a stopped or crashed daemon left running or waiting.
     *
     * @param events receives every workflow event (the daemon broadcasts them over SSE)
     */
    public static Workflows open(StationConfig config, Store store, BiConsumer<String, Map<String, Object>> events)
            throws Exception {
        Devices devices = Devices.open(config);
        Workflows w = new Workflows(config, store, devices, events);
        w.training.start();
        w.film.resumeInterrupted();
        w.shoot.resumeInterrupted();
        return w;
    }

    /** {@link ProfilingSets#create}. */
    public ProfilingSet createSet(String name, String stock, String chart, List<String> illuminants, List<Double> evs) {
        return sets.create(name, stock, chart, illuminants, evs);
    }

    /** {@link ProfilingSets#edit}, refused while the set's digital shoot runs. */
    public ProfilingSet editSet(long id, String name, String stock, List<String> illuminants, List<Double> evs) {
        ShootRunner.Status sh = shoot.status();
        if (sh.setId() != null && sh.setId() == id && sh.state() != ShootRunner.State.IDLE) {
            throw new emu.station.errors.ConflictException(sh.state().name().toLowerCase(java.util.Locale.ROOT),
                    "set " + id + " is being shot: its plan cannot change now");
        }
        return sets.edit(id, name, stock, illuminants, evs);
    }

    /** {@link ProfilingSets#duplicate}. */
    public ProfilingSet duplicateSet(long id, String name) {
        return sets.duplicate(id, name);
    }

    /**
     * Brings the set's status up to date with its data; on completion queues a training when
     * configured to. Returns the status.
     */
    public synchronized ProfilingSetRepository.Status setChanged(long setId) {
        ProfilingSet set = store.sets().byId(setId).orElseThrow(() -> new NotFoundException("no profiling set " + setId));
        int steps = store.sets().steps(setId).size();
        int captured = steps - store.sets().stepsWithoutCapture(setId).size();
        int paired = store.readings().stepsPaired(setId);
        ProfilingSetRepository.Status status = paired == steps ? ProfilingSetRepository.Status.COMPLETE
                : captured == steps ? ProfilingSetRepository.Status.AWAITING_SCANS
                : captured > 0 ? ProfilingSetRepository.Status.SHOOTING : set.status();
        if (status != set.status()) {
            store.sets().setStatus(setId, status);
            if (status == ProfilingSetRepository.Status.COMPLETE && config.training().trainWhenComplete()) {
                training.enqueue(setId);
            }
        }
        return status;
    }

    /**
     * Marks a capture bad (left out of pairs and training; its step is shot again by the next
     * run) or good again, updates its set's status and emits {@code marked-bad}.
     */
    public CaptureRepository.Capture markCaptureBad(long captureId, boolean bad, String reason) {
        CaptureRepository.Capture c = store.captures().markBad(captureId, bad, reason);
        setChanged(c.setId());
        events.accept("marked-bad", Map.of("capture", c.id(), "set", c.setId(), "bad", bad, "reason", c.badReason()));
        return c;
    }

    /**
     * Marks a frame of a roll bad (its scans are left out of pairs and training) or good again,
     * updates the roll's set's status and emits {@code marked-bad}.
     */
    public RollRepository.Frame markFrameBad(long rollId, int number, boolean bad, String reason) {
        RollRepository.Frame f = store.rolls().markFrameBad(rollId, number, bad, reason);
        pairing.logPairedIfClean(rollId); // a frame the lab did not scan, left out, may end the roll's conflicts
        store.rolls().byId(rollId).flatMap(RollRepository.Roll::setId).ifPresent(this::setChanged);
        events.accept("marked-bad", Map.of("roll", rollId, "frame", number, "bad", bad, "reason", f.badReason()));
        return f;
    }

    /** Which of a set's rolls training takes, and at what weight (issue 20); each change queues a training. */
    public emu.station.training.RollChoices rollChoices() {
        return rollChoices;
    }

    /**
     * Sets a scan aside (out of pairs, training and its roll's conflicts; file and readings kept)
     * or takes it back, updates its roll's set's status and emits {@code marked-bad}.
     */
    public ScanRepository.Scan markScanBad(long scanId, boolean bad, String reason) {
        ScanRepository.Scan s = store.scans().markBad(scanId, bad, reason);
        pairing.logPairedIfClean(s.rollId());
        store.rolls().byId(s.rollId()).flatMap(RollRepository.Roll::setId).ifPresent(this::setChanged);
        events.accept("marked-bad", Map.of("scan", s.id(), "roll", s.rollId(), "bad", bad, "reason", s.badReason()));
        return s;
    }

    public StationConfig config() {
        return config;
    }

    public Store store() {
        return store;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Devices devices() {
        return devices;
    }

    /** The rig's presets, remembered: the lights a plan may name. */
    public emu.station.bench.RigPresets rigPresets() {
        return rigPresets;
    }

    /**
     * The film stocks the film side can serve when it is the virtual bench's simulated film camera;
     * empty for a real film camera, which loads whatever stock the catalogue names.
     */
    public Optional<List<String>> simulatedStocks() {
        return filmDevices.map(FilmDevices::stocks);
    }

    public ShootRunner shoot() {
        return shoot;
    }

    /** Bench drift of a set's shoots and re-shooting the drifted steps (issue 20). */
    public emu.station.shoot.DriftReshoot driftReshoot() {
        return driftReshoot;
    }

    /** Lab process control (issue 20): strips recorded, and judged by {@code [process_control]}. */
    public emu.station.labs.ProcessControl processControl() {
        return new emu.station.labs.ProcessControl(store, config.processControl());
    }

    /** Rolls: loading, the lab log. */
    public Rolls rolls() {
        return rolls;
    }

    /** The film shoot runner. */
    public FilmShootRunner film() {
        return film;
    }

    /** The film body and lab the station drives itself (the virtual bench's), when the devices have them. */
    public Optional<FilmDevices> filmDevices() {
        return filmDevices;
    }

    public ScanImport scans() {
        return scans;
    }

    public Pairing pairing() {
        return pairing;
    }

    public Trainer trainer() {
        return trainer;
    }

    public JobQueue training() {
        return training;
    }

    @Override
    public void close() throws Exception {
        try {
            shoot.stopForShutdown();
            film.close();
            training.close();
        } finally {
            devices.close();
        }
    }

    @Override
    public String toString() {
        return "workflows";
    }
}
