package emu.devices.sim.bench;

import emu.devices.rig.RigException;
import emu.devices.rig.RigDrivers;
import emu.devices.rig.RigFault;
import emu.devices.rig.line.LineRig;
import emu.devices.rig.line.SimFirmware;
import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.Spectrum;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The virtual bench's light: the one state the simulated rig drives and the simulated cameras
 * see, in-process. Thread-safe.
 *
 * <p>Warm-up drift: after the output is switched on or changed, a cold LED is brighter and bluer
 * than when settled; the excess decays exponentially, reaching 1% after the configured warm-up
 * time, when the light reports settled. Emitted spectrum:
 * E(λ, t) = intensity · level · S_preset(λ) · (1 + 0.12 r) · (1 + 0.15 r (560 − λ) / 200) with
 * r = exp(−(t − t_change) ln 100 / warmUp).
 *
 * <p>Lamp ageing (issue 20, off by default): each preset selection (one light change: a shoot step
 * or a reference frame) multiplies the red (λ ≥ 585 nm), green (490–585 nm) and blue (&lt; 490 nm)
 * bands by (1 + d_c · n), n the selections since {@link #setAgeing}. It advances by step, not by
 * wall clock, so a shoot drifts the same way on every run. The warm-up drift is wall-clock, so
 * once the light reports settled it emits exactly the settled spectrum: before, a capture right
 * after the settle wait (tests and {@code station demo} use settle_seconds = 0) saw a residual of
 * up to 1% that varied with thread timing, and the demo's figures differed run to run.
 */
public final class VirtualBench {
    /** Presets a default bench offers: every tabulated CIE illuminant and common blackbody temperatures. */
    public static final List<String> DEFAULT_PRESETS;

    static {
        List<String> p = new ArrayList<>(Illuminants.cieNames());
        p.addAll(List.of("2700K", "3200K", "4000K", "5000K", "5600K", "6500K"));
        DEFAULT_PRESETS = List.copyOf(p);
    }

    private static final double BRIGHTNESS_DRIFT = 0.12;
    private static final double BLUE_DRIFT = 0.15;
    private static final double AMBIENT_C = 25;
    private static final double FULL_OUTPUT_RISE_C = 15;
    private static volatile VirtualBench shared;

    private final long warmUpNanos;
    private final LongSupplier clock;
    private final Set<RigFault> faults = EnumSet.noneOf(RigFault.class);
    private Illuminant preset;
    private double intensity = 1;
    private double level = 1;
    private boolean on;
    private long changedAt;
    private long onSince = -1;
    private double hoursBefore;
    private double[] ageingPerStep = {0, 0, 0};
    private long selections;

    /** A bench whose light warms up over {@code warmUp}, on the system clock. */
    public VirtualBench(Duration warmUp) {
        this(warmUp, System::nanoTime);
    }

    /** With an explicit nanosecond clock, for tests that step time. */
    public VirtualBench(Duration warmUp, LongSupplier clock) {
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("warm-up time must not be negative: " + warmUp);
        }
        this.warmUpNanos = warmUp.toNanos();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changedAt = clock.getAsLong() - warmUpNanos;
    }

    /**
     * The process-wide bench the {@code sim} camera driver and the {@code sim} rig share when the
     * station opens them by name from its configuration (warm-up 500 ms).
     */
    public static VirtualBench shared() {
        VirtualBench b = shared;
        if (b == null) {
            synchronized (VirtualBench.class) {
                if (shared == null) {
                    shared = new VirtualBench(Duration.ofMillis(500));
                }
                b = shared;
            }
        }
        return b;
    }

    /**
     * A rig on this bench: the real line-protocol host ({@link LineRig}) talking in-process to
     * the simulated firmware, which drives this bench's light through {@link SpectralLight}.
     *
     * @param presets preset names: CIE illuminant names or blackbodies like {@code 3200K}
     */
    public LineRig connectRig(String device, LineRig.Options options, List<String> presets) throws RigException {
        return new SimFirmware(new SpectralLight(this, presets)).connectInProcess(device, options);
    }

    /** A rig with {@link #DEFAULT_PRESETS} and default line options. */
    public LineRig connectRig() throws RigException {
        return connectRig("sim", LineRig.Options.defaults(), DEFAULT_PRESETS);
    }

    /**
     * The {@code sim} rig driver for this bench, for
     * {@code RigDrivers.standard().with("sim", bench.rigDriver())}: the rig the station opens from
     * {@code rig.driver = "sim"} then drives this bench's spectral light with {@link #DEFAULT_PRESETS}.
     */
    public RigDrivers.Driver rigDriver() {
        return settings -> connectRig("sim", RigDrivers.lineOptions(settings), DEFAULT_PRESETS);
    }

    /** What the light emits now. */
    public synchronized LightState light() {
        double left = residual();
        if (!on || preset == null) {
            return new LightState(Optional.ofNullable(preset), Spectrum.constant(0), left < 0.01);
        }
        // Settled means settled: the sub-1% tail is left out, so a capture made after the settle wait
        // sees the same light whenever the wall clock let it fire (station demo repeats exactly).
        double r = left < 0.01 ? 0 : left;
        double gain = intensity * level * (1 + BRIGHTNESS_DRIFT * r);
        double[] age = {1 + ageingPerStep[0] * selections, 1 + ageingPerStep[1] * selections,
            1 + ageingPerStep[2] * selections};
        Spectrum drift = Spectrum.sample(nm -> gain * (1 + BLUE_DRIFT * r * (560 - nm) / 200)
                * age[nm >= 585 ? 0 : nm >= 490 ? 1 : 2]);
        return new LightState(Optional.of(preset), preset.spd().times(drift), left < 0.01);
    }

    /**
     * Sets the lamp's ageing per light change, as fractions per selection for the red, green and blue
     * bands (0.002 = 0.2% per step), and restarts its count: the lamp as it is now is the reference.
     */
    public synchronized void setAgeing(double red, double green, double blue) {
        ageingPerStep = new double[] {red, green, blue};
        selections = 0;
    }

    synchronized void selectPreset(Illuminant illuminant) {
        selections++;
        preset = illuminant;
        level = 1;
        changed();
    }

    synchronized void setLevel(double fraction) {
        level = fraction;
        changed();
    }

    synchronized void setIntensity(double fraction) {
        intensity = fraction;
        changed();
    }

    synchronized void setOn(boolean wantOn) {
        long now = clock.getAsLong();
        if (wantOn && !on) {
            onSince = now;
            changed();
        } else if (!wantOn && on) {
            hoursBefore += (now - onSince) / 3.6e12;
            onSince = -1;
        }
        on = wantOn;
    }

    synchronized boolean settled() {
        return residual() < 0.01;
    }

    synchronized double temperatureC() {
        return AMBIENT_C + (on ? FULL_OUTPUT_RISE_C * intensity * level * (1 - residual()) : 0);
    }

    synchronized double hours() {
        return hoursBefore + (on ? (clock.getAsLong() - onSince) / 3.6e12 : 0);
    }

    /** Current faults of the light. */
    public synchronized Set<RigFault> faults() {
        return Set.copyOf(faults);
    }

    /** Raises or clears a fault, as a failing LED string or a hot heatsink would. */
    public synchronized void setFault(RigFault fault, boolean raised) {
        if (raised) {
            faults.add(fault);
        } else {
            faults.remove(fault);
        }
    }

    /** Files the sim camera still transfers before it vanishes; -1: it stays. */
    private int cameraFilesLeft = -1;
    private boolean cameraGone;

    /**
     * The sim camera vanishes (unplugged, battery out) after transferring {@code files} more files,
     * 0 = at its next call; it stays gone until {@link #plugCameraIn()}. For the soak (issue 16): a
     * camera lost between a capture's two downloads.
     */
    public synchronized void unplugCameraAfter(int files) {
        if (files < 0) {
            throw new IllegalArgumentException("files must be 0 or more: " + files);
        }
        cameraFilesLeft = files;
        cameraGone = files == 0;
    }

    /** The sim camera is back on the bus. */
    public synchronized void plugCameraIn() {
        cameraFilesLeft = -1;
        cameraGone = false;
    }

    /** Whether the sim camera is on the bus. */
    public synchronized boolean cameraPresent() {
        return !cameraGone;
    }

    /** The sim camera asks before each file it transfers: false once it has vanished. */
    public synchronized boolean cameraTransfers() {
        if (cameraFilesLeft == 0) {
            cameraGone = true;
            cameraFilesLeft = -1;
        } else if (cameraFilesLeft > 0) {
            cameraFilesLeft--;
        }
        return !cameraGone;
    }

    private double residual() {
        if (warmUpNanos == 0) {
            return 0;
        }
        double t = clock.getAsLong() - changedAt;
        return Math.exp(-t * Math.log(100) / warmUpNanos);
    }

    private void changed() {
        changedAt = clock.getAsLong();
    }
}
