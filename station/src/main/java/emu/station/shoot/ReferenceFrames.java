package emu.station.shoot;

import emu.calibration.chart.ChartReading;
import emu.calibration.chart.ChartSpec;
import emu.devices.camera.CaptureRequest;
import emu.devices.camera.CaptureResult;
import emu.devices.camera.CapturedFile;
import emu.devices.camera.ShutterSpeed;
import emu.station.bench.Devices;
import emu.station.readings.ChartReadings;
import emu.station.store.DriftRepository.Reference;
import emu.station.store.ReadingRepository;
import emu.station.store.ReadingRepository.PatchValue;
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
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The reference frames of one digital shoot run (issue 20): the chart under the set's first light
 * at the metered exposure, its neutral row's mean per channel recorded, and after each reference
 * every capture of the run so far given its drift factor ({@link BenchDrift#factorAt}), so a run
 * killed half-way keeps the normalisation its references support. A later run of the same set (a
 * resumed shoot, a re-shoot of drifted steps) is normalised to the set's first reference, so all of
 * the set's captures share one baseline. Files go to
 * {@code captures/references/set-N/}, outside the step folder the runner cleans up.
 */
final class ReferenceFrames {
    private final Store store;
    private final Path dataDir;
    private final Devices devices;
    private final long setId;
    private final ChartSpec chart;
    private final String light;
    private final ShutterSpeed base;
    private final Duration settleTimeout;
    private final LampClock lamp;
    /** A reference after every this many captures; 0: at the start and the end of the run only. */
    private final int everySteps;
    private final List<Long> captures = new ArrayList<>();
    private final List<Reference> refs = new ArrayList<>();
    /** The set's first reference from an earlier run, if any: every run's factors are relative to it. */
    private final Reference setBase;

    ReferenceFrames(Store store, Path dataDir, Devices devices, long setId, ChartSpec chart, String light,
                    ShutterSpeed base, Duration settleTimeout, LampClock lamp, int everySteps) {
        this.lamp = lamp;
        this.everySteps = everySteps;
        this.store = store;
        this.dataDir = dataDir;
        this.devices = devices;
        this.setId = setId;
        this.chart = chart;
        this.light = light;
        this.base = base;
        this.settleTimeout = settleTimeout;
        List<Reference> earlier = store.drift().ofSet(setId);
        this.setBase = earlier.isEmpty() ? null : earlier.get(0);
    }

    /** A capture the run recorded (its position is the count so far); a reference follows when one is due. */
    void captured(long captureId) {
        captures.add(captureId);
        if (everySteps > 0 && sinceLast() >= everySteps) {
            reference();
        }
    }

    /** The run's steps are done (not cancelled): a last reference, unless the last capture already had one. */
    void runDone() {
        if (sinceLast() > 0) {
            reference();
        }
    }

    /** Shoots a reference frame; a failure is logged, not fatal: the steps' captures stand without it. */
    void reference() {
        try {
            take();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LoggerFactory.getLogger(ReferenceFrames.class).warn(
                    "set {}: reference frame failed, drift not measured at this point: {}", setId, e.toString());
        }
    }

    /** Captures since the last reference. */
    private int sinceLast() {
        return refs.isEmpty() ? captures.size() : captures.size() - refs.get(refs.size() - 1).position();
    }

    /** Shoots and records a reference at the current position, then updates the run's capture factors. */
    private void take() throws Exception {
        Path dir = dataDir.resolve("captures").resolve("references").resolve("set-" + setId);
        Files.createDirectories(dir);
        lamp.lit(light);
        devices.rig().light(light, settleTimeout);
        String name = "ref-" + captures.size() + "-" + System.currentTimeMillis();
        Reference recorded;
        try {
            CaptureResult r = devices.camera().capture(CaptureRequest.relative(dir, name, base, 0));
            CapturedFile main = StepShot.mainFile(r);
            ChartReading reading = ChartReadings.read(main.path(), chart,
                    store.readings().corners(setId, ReadingRepository.Source.CAPTURE), devices.captureSampling());
            double[] rgb = neutralMean(ChartReadings.values(reading, devices.captureScale()), chart, main.path());
            String rel = dataDir.relativize(main.path().toAbsolutePath()).toString();
            long run = refs.isEmpty() ? 0 : refs.get(0).run();
            recorded = store.drift().add(setId, run, captures.size(), rel, main.sha256(), rgb);
        } catch (Exception | Error e) {
            // a reference that cannot be captured whole (a camera lost between two downloads), read or
            // recorded leaves no file behind: every file has its row
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> StepShot.stem(f.getFileName().toString()).equals(name)).toList()) {
                    Files.deleteIfExists(f);
                }
            }
            throw e;
        }
        refs.add(recorded);
        Map<Long, double[]> factors = new LinkedHashMap<>();
        for (int i = 0; i < captures.size(); i++) {
            factors.put(captures.get(i), BenchDrift.factorAt(setBase == null ? refs.get(0) : setBase, refs, i + 0.5));
        }
        store.drift().setFactors(factors);
    }

    /**
     * Deletes reference files of set {@code setId} a killed run wrote but never recorded (their stem
     * matches no recorded reference), as the runner does for step captures at the start of a run. A
     * failure is logged: the run goes on, the stray files stay until the next run.
     */
    static void removeUnrecorded(Store store, Path dataDir, long setId) {
        Path dir = dataDir.resolve("captures").resolve("references").resolve("set-" + setId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        Set<String> stems = new HashSet<>();
        for (Reference ref : store.drift().ofSet(setId)) {
            stems.add(StepShot.stem(Path.of(ref.file()).getFileName().toString()));
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (!stems.contains(StepShot.stem(f.getFileName().toString()))) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(ReferenceFrames.class).warn("could not clean the reference frames of set {}: {}", setId, e.toString());
        }
    }


    /** Mean of the neutral row's unclipped patches (the whole chart when the spec names no neutral row). */
    static double[] neutralMean(List<PatchValue> values, ChartSpec chart, Path file) {
        int[] ramp = chart.neutralRamp();
        double[] sum = new double[3];
        int n = 0;
        for (PatchValue v : values) {
            boolean neutral = ramp.length == 0;
            for (int i : ramp) {
                neutral |= v.patch() == i + 1;
            }
            if (neutral && !v.clipped()) {
                sum[0] += v.r();
                sum[1] += v.g();
                sum[2] += v.b();
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalStateException(file + ": every neutral patch of the reference frame is clipped");
        }
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }
}
