package emu.station.shoot;

import emu.calibration.chart.ChartReading;
import emu.calibration.chart.ChartSpec;
import emu.devices.camera.CaptureRequest;
import emu.devices.camera.CaptureResult;
import emu.devices.camera.CapturedFile;
import emu.devices.camera.ShutterSpeed;
import emu.station.bench.Devices;
import emu.station.errors.DiskFullException;
import emu.station.readings.ChartReadings;
import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.ReadingRepository;
import emu.station.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of one step of the digital shoot, which needs none of {@link ShootRunner}'s monitor: set
 * the light and wait until the rig has settled, capture at the step's EV, verify the file, record the
 * capture and its readings in one transaction, delete a half capture on failure; retried as the
 * policy says, then recorded failed. Also the bench's files around the steps: the unrecorded files a
 * killed run left, and the bench put back after the shoot.
 */
final class StepShot {
    /** The runner's logger, so the log reads as it did before this class was split out of it. */
    private static final Logger LOG = LoggerFactory.getLogger(ShootRunner.class);

    /** The camera vanished during a step: thrown out of the step to pause the shoot. */
    static final class CameraGone extends RuntimeException {
        CameraGone(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Store store;
    private final Path dataDir;
    private final Devices devices;
    private final ShootRunner.Policy policy;
    private final ShootRunner.Events events;
    private final LampClock lamp;

    StepShot(Store store, Path dataDir, Devices devices, ShootRunner.Policy policy, ShootRunner.Events events) {
        this.store = store;
        this.dataDir = dataDir;
        this.devices = devices;
        this.policy = policy;
        this.events = events;
        this.lamp = new LampClock(store, () -> devices.rig().device());
    }

    /** Each rig light's lit time, counted as the steps (and reference frames) light them. */
    LampClock lamp() {
        return lamp;
    }

    /**
     * Shoots one step, up to {@link ShootRunner.Policy#attempts} times.
     *
     * @return the capture's id; empty when every attempt failed (then recorded failed, {@code step-failed} emitted)
     * @throws CameraGone when the camera vanished (no failure recorded: the bench's condition, not the step's)
     * @throws DiskFullException when the disk filled up (likewise)
     */
    OptionalLong shoot(PlanStep s, ChartSpec chart, ShutterSpeed base, Path dir) {
        Exception last = null;
        for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
            List<Path> written = new ArrayList<>();
            String attemptName = null;
            try {
                lamp.lit(s.illuminant());
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
                return OptionalLong.of(captureId);
            } catch (Exception e) {
                last = e;
                deleteQuietly(written);
                deleteAttempt(dir, attemptName); // files a capture wrote before it failed (a camera lost between two downloads)
                if (cameraGone(e)) {
                    throw new CameraGone(e.getMessage(), e);
                }
                if (Holds.diskFull(e, dataDir)) {
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
        return OptionalLong.empty();
    }

    /**
     * Puts the bench back after a shoot: the rig off, its lit time counted, the metered shutter speed
     * set again. Each part is logged, not fatal, so one failing does not skip the others.
     *
     * @param litAt {@link System#nanoTime} when the shoot began lighting
     */
    void restoreBench(ShutterSpeed base, long litAt) {
        try {
            devices.rig().setOn(false);
        } catch (Exception e) {
            LOG.warn("could not switch the rig off after the shoot: {}", e.toString());
        }
        try {
            store.drift().addLampSeconds(devices.rig().device(), (System.nanoTime() - litAt) / 1e9);
            lamp.off();
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
    }

    /** The file to read patches from: the RAW, else a TIFF or other image, else the JPEG. */
    static CapturedFile mainFile(CaptureResult r) {
        return r.raw().or(() -> r.files().stream().filter(f -> f.kind() == CapturedFile.Kind.OTHER).findFirst())
                .or(r::jpeg).orElse(r.files().get(0));
    }

    /** Deletes files of steps a killed run wrote but never recorded (their stem matches no capture). */
    void removeUnrecorded(long id, Path dir) {
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

    /** The name up to its first dot (a leading dot of a temp file skipped): a capture and its sidecars share it. */
    static String stem(String name) {
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
}
