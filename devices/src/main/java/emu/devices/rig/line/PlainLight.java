package emu.devices.rig.line;

import emu.devices.rig.RigFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * A protocol-only light: named presets, a fixed settle time after every change, a temperature
 * that follows the output, lifetime hours and faults a test can raise. No spectra; the virtual
 * bench has the spectral model.
 */
public final class PlainLight implements FirmwareLight {
    /** Preset names as the protocol allows them (docs/rig-protocol.md, "Tokens"). */
    public static final Pattern PRESET_NAME = Pattern.compile("[A-Za-z0-9_.+-]{1,32}");
    private static final double AMBIENT_C = 25.0;
    /** Temperature rise at full output; enough to make the read-out move, not a thermal model. */
    private static final double FULL_OUTPUT_RISE_C = 15.0;

    private final List<String> presets;
    private final int channels;
    private final long settleNanos;
    private final LongSupplier clock;
    private final Set<RigFault> faults = EnumSet.noneOf(RigFault.class);
    private long changedAt;
    private long onSince = -1;
    private double hoursBefore;
    private double intensity = 1.0;

    public PlainLight(List<String> presets, int channels, Duration settle) {
        this(presets, channels, settle, System::nanoTime);
    }

    /** With an explicit nanosecond clock, for tests that step time. */
    public PlainLight(List<String> presets, int channels, Duration settle, LongSupplier clock) {
        Objects.requireNonNull(presets, "presets");
        if (presets.isEmpty()) throw new IllegalArgumentException("a light needs at least one preset");
        for (String p : presets) {
            if (!PRESET_NAME.matcher(p).matches())
                throw new IllegalArgumentException("preset name '" + p + "' must match " + PRESET_NAME);
        }
        if (channels < 1 || channels > 32) throw new IllegalArgumentException("channels must be 1..32, got " + channels);
        if (settle.isNegative()) throw new IllegalArgumentException("settle time must not be negative: " + settle);
        this.presets = List.copyOf(new ArrayList<>(presets));
        this.channels = channels;
        this.settleNanos = settle.toNanos();
        this.clock = clock;
        this.changedAt = clock.getAsLong() - settleNanos;
    }

    @Override
    public synchronized List<String> presetNames() {
        return presets;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public synchronized void selectPreset(String name) {
        if (!presets.contains(name)) throw new IllegalArgumentException("unknown preset '" + name + "'");
        changed();
    }

    @Override
    public synchronized void setLevels(int[] levels) {
        changed();
    }

    @Override
    public synchronized void setIntensity(double fraction) {
        intensity = fraction;
        changed();
    }

    @Override
    public synchronized void setOn(boolean on) {
        long now = clock.getAsLong();
        if (on && onSince < 0) {
            onSince = now;
            changed();
        } else if (!on && onSince >= 0) {
            hoursBefore += (now - onSince) / 3.6e12;
            onSince = -1;
        }
    }

    @Override
    public synchronized boolean settled() {
        return clock.getAsLong() - changedAt >= settleNanos;
    }

    @Override
    public synchronized double temperatureC() {
        return AMBIENT_C + (onSince >= 0 ? FULL_OUTPUT_RISE_C * intensity : 0.0);
    }

    @Override
    public synchronized double hours() {
        return hoursBefore + (onSince >= 0 ? (clock.getAsLong() - onSince) / 3.6e12 : 0.0);
    }

    @Override
    public synchronized Set<RigFault> faults() {
        return Set.copyOf(faults);
    }

    /** Raises or clears a fault, as a failing LED string or a hot heatsink would. */
    public synchronized void setFault(RigFault fault, boolean raised) {
        if (raised) faults.add(fault);
        else faults.remove(fault);
    }

    private void changed() {
        changedAt = clock.getAsLong();
    }
}
