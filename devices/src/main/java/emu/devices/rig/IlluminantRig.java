package emu.devices.rig;

import java.time.Duration;
import java.util.List;

/**
 * A programmable light for the bench: named presets (illuminants) or raw 16-bit channel levels,
 * an intensity, on/off, a "settled" wait (the rig's ready flag plus a minimum settle time, since
 * LED output drifts for a while after every change), a status read-out and an optional
 * shutter-release output to fire a film camera.
 *
 * <p>Implementations are thread-safe; calls are serialised. Every call either completes or
 * throws a {@link RigException} naming the device.
 */
public interface IlluminantRig extends AutoCloseable {

    /** Model, firmware version, channel count and capabilities. */
    RigIdentity identify() throws RigException;

    /** The preset (illuminant) names the rig knows, in the rig's order. */
    List<String> presets() throws RigException;

    /** Switches to the named preset; call {@link #awaitSettled} before shooting. */
    void setPreset(String name) throws RigException;

    /** Sets every channel; {@code levels.length} must equal {@link RigIdentity#channels()}, each 0..65535. */
    void setChannels(int[] levels) throws RigException;

    /** Scales the output, {@code 0.0..1.0}. */
    void setIntensity(double fraction) throws RigException;

    /** Switches the output on or off (the preset and levels are kept). */
    void setOn(boolean on) throws RigException;

    /**
     * Blocks until the rig reports ready and at least the configured minimum settle time has
     * passed since the last change.
     *
     * @throws RigTimeoutException if that has not happened within {@code timeout}
     */
    void awaitSettled(Duration timeout) throws RigException;

    /**
     * Lights the named preset and waits until it is settled: {@link #setPreset}, {@link #setOn}
     * {@code true}, {@link #awaitSettled}. The one sequence every shot needs (digital step, film
     * frame, {@code station rig set}), so none of them can forget the settle wait.
     *
     * @throws RigTimeoutException if the light has not settled within {@code timeout}
     */
    default void light(String preset, Duration timeout) throws RigException {
        setPreset(preset);
        setOn(true);
        awaitSettled(timeout);
    }

    /** Temperature, hours, fault flags and the current setting. */
    RigStatus status() throws RigException;

    /**
     * Pulses the shutter-release output for {@code pulse} (1 ms .. 10 s).
     *
     * @throws RigRejectedException with {@link RigRejectedException.Code#UNSUPPORTED} when the
     *     rig has no such output ({@link RigIdentity#shutterRelease()} is false)
     */
    void pulseShutter(Duration pulse) throws RigException;

    /** A short name for messages and logs, e.g. {@code serial-line:/dev/ttyACM0}. */
    String device();

    /** Releases the port; the light stays as it was set (the next session or shot may rely on it). */
    @Override
    void close();
}
