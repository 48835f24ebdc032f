package emu.devices.rig.dmx;

import emu.devices.rig.IlluminantRig;
import emu.devices.rig.LinkSupervisor;
import emu.devices.rig.RigDisconnectedException;
import emu.devices.rig.RigException;
import emu.devices.rig.RigFault;
import emu.devices.rig.RigIdentity;
import emu.devices.rig.RigProtocolException;
import emu.devices.rig.RigRejectedException;
import emu.devices.rig.RigStatus;
import emu.devices.rig.RigTimeoutException;
import emu.devices.rig.SerialLink;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DMX512 fixture as the rig, through an Enttec DMX USB Pro. Presets come from the
 * {@link DmxFixture}; every change sends one "Output Only Send DMX Packet" (label 6), which the
 * widget then repeats on the DMX line by itself. DMX has no back channel: "settled" is the
 * configured minimum settle time after the last change, the status has no temperature or hours,
 * and liveness is checked by asking the widget for its parameters (label 3).
 */
public final class EnttecProRig implements IlluminantRig {
    private static final Logger LOG = LoggerFactory.getLogger(EnttecProRig.class);
    /** API spec, label 6: "DMX data from 24 to 512 bytes" after the start code. */
    private static final int MIN_SLOTS = 24;
    private static final int START_CODE = 0;

    private final String device;
    private final DmxFixture fixture;
    private final Duration minSettle;
    private final Duration timeout;
    private final LinkSupervisor link;
    private final AtomicReference<Waiting> waiting = new AtomicReference<>();
    private volatile EnttecFrame.Decoder decoder;
    // guarded by link.lock()
    private int[] levels;
    private String preset;
    private double intensity = 1.0;
    private boolean on;
    private boolean sentOnce;
    private long lastChangeNanos;
    private String widgetFirmware = "?";
    private String serial = "?";

    private record Waiting(int label, CompletableFuture<EnttecFrame> reply) {}

    private EnttecProRig(String device, SerialLink.Opener opener, DmxFixture fixture, Duration minSettle, Duration timeout) {
        this.device = Objects.requireNonNull(device, "device");
        this.fixture = Objects.requireNonNull(fixture, "fixture");
        if (minSettle.isNegative()) throw new IllegalArgumentException("settle time must not be negative: " + minSettle);
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
        this.minSettle = minSettle;
        this.timeout = timeout;
        this.levels = new int[fixture.channels().size()];
        this.lastChangeNanos = System.nanoTime() - minSettle.toNanos();
        this.decoder = newDecoder();
        this.link = new LinkSupervisor(device, opener, Duration.ofMillis(250), new Handler());
    }

    /**
     * Opens the widget and checks it answers (serial number and parameters).
     *
     * @param minSettle wait after every change before {@link #awaitSettled} returns
     * @param timeout wait for each widget reply
     */
    public static EnttecProRig open(String device, SerialLink.Opener opener, DmxFixture fixture, Duration minSettle,
                                    Duration timeout) throws RigException {
        EnttecProRig rig = new EnttecProRig(device, opener, fixture, minSettle, timeout);
        try {
            rig.link.connect();
        } catch (RigException | RuntimeException e) {
            rig.close();
            throw e;
        }
        return rig;
    }

    private EnttecFrame.Decoder newDecoder() {
        return new EnttecFrame.Decoder(this::onFrame, why -> LOG.warn("rig {}: discarding {}", device, why));
    }

    private final class Handler implements LinkSupervisor.Handler {
        @Override
        public void received(byte[] buf, int n) {
            decoder.accept(buf, n);
        }

        @Override
        public void connected() throws RigException {
            byte[] sn = ask(EnttecFrame.GET_SERIAL_NUMBER, new byte[0]).data();
            if (sn.length != 4) throw new RigProtocolException(device, "serial number reply has " + sn.length + " bytes, not 4");
            // API spec, label 10 reply: four bytes, BCD, least significant byte first
            serial = String.format("%02X%02X%02X%02X", sn[3], sn[2], sn[1], sn[0]);
            byte[] p = parameters();
            widgetFirmware = (p[1] & 0xFF) + "." + (p[0] & 0xFF);
            if (sentOnce) sendUniverse(); // the widget may have been power-cycled: restore the light
        }

        @Override
        public void lost(RigDisconnectedException why) {
            decoder = newDecoder();
            Waiting w = waiting.get();
            if (w != null) w.reply().completeExceptionally(why);
        }
    }

    private void onFrame(EnttecFrame f) {
        Waiting w = waiting.get();
        if (w != null && w.label() == f.label()) w.reply().complete(f);
        else LOG.warn("rig {}: discarding unexpected widget message, label {}", device, f.label());
    }

    /** Sends a request and waits for the reply with the same label (one try; the widget is local USB). */
    private EnttecFrame ask(int label, byte[] data) throws RigException {
        Waiting w = new Waiting(label, new CompletableFuture<>());
        waiting.set(w);
        try {
            link.write(new EnttecFrame(label, data).encode());
            return w.reply().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RigTimeoutException(device, "the Enttec DMX USB Pro did not answer request label " + label
                    + " within " + timeout.toMillis() + " ms (is it a DMX USB Pro?)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RigDisconnectedException d)
                throw new RigDisconnectedException(device, "link lost waiting for the widget: " + d.detail(), d);
            throw new RigProtocolException(device, "unexpected failure: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RigTimeoutException(device, "interrupted waiting for the widget");
        } finally {
            waiting.compareAndSet(w, null);
        }
    }

    /** API spec, label 3 request: the user configuration size to return (none), LSB first. */
    private byte[] parameters() throws RigException {
        byte[] p = ask(EnttecFrame.GET_WIDGET_PARAMETERS, new byte[] {0, 0}).data();
        if (p.length < 5) throw new RigProtocolException(device, "widget parameters reply has " + p.length + " bytes, expected >= 5");
        return p;
    }

    private void sendUniverse() throws RigDisconnectedException {
        sentOnce = true; // even if this write fails: the reconnect handshake sends it
        byte[] slots = fixture.slots(levels, on ? intensity : 0.0);
        byte[] data = new byte[1 + Math.max(MIN_SLOTS, slots.length)];
        data[0] = START_CODE;
        System.arraycopy(slots, 0, data, 1, slots.length);
        link.write(new EnttecFrame(EnttecFrame.SEND_DMX, data).encode());
    }

    private void change(Runnable update) throws RigException {
        synchronized (link.lock()) {
            link.ensureConnected();
            update.run();
            sendUniverse();
            lastChangeNanos = System.nanoTime();
        }
    }

    @Override
    public RigIdentity identify() throws RigException {
        synchronized (link.lock()) {
            link.ensureConnected();
            byte[] p = parameters();
            widgetFirmware = (p[1] & 0xFF) + "." + (p[0] & 0xFF);
            return new RigIdentity(fixture.name(), "enttec-pro-" + widgetFirmware + "-sn" + serial, fixture.channels().size(), false, 0);
        }
    }

    @Override
    public List<String> presets() {
        return List.copyOf(fixture.presets().keySet());
    }

    @Override
    public void setPreset(String name) throws RigException {
        if (!fixture.presets().containsKey(name))
            throw new RigRejectedException(device, RigRejectedException.Code.UNKNOWN_PRESET, "unknown preset '" + name
                    + "'; fixture " + fixture.name() + " has: " + String.join(", ", presets()));
        change(() -> {
            levels = fixture.levels16(name);
            preset = name;
        });
    }

    @Override
    public void setChannels(int[] newLevels) throws RigException {
        Objects.requireNonNull(newLevels, "levels");
        if (newLevels.length != fixture.channels().size())
            throw new IllegalArgumentException("rig " + device + " has " + fixture.channels().size() + " channels, got " + newLevels.length + " levels");
        for (int i = 0; i < newLevels.length; i++) {
            if (newLevels[i] < 0 || newLevels[i] > 65535)
                throw new IllegalArgumentException("channel " + (i + 1) + " level " + newLevels[i] + " is outside 0..65535");
        }
        int[] copy = newLevels.clone();
        change(() -> {
            levels = copy;
            preset = null;
        });
    }

    @Override
    public void setIntensity(double fraction) throws RigException {
        if (!(fraction >= 0.0 && fraction <= 1.0))
            throw new IllegalArgumentException("intensity must be within 0..1, got " + fraction);
        change(() -> intensity = fraction);
    }

    @Override
    public void setOn(boolean newOn) throws RigException {
        change(() -> on = newOn);
    }

    @Override
    public void awaitSettled(Duration timeout) throws RigException {
        long left;
        synchronized (link.lock()) {
            link.ensureConnected();
            left = lastChangeNanos + minSettle.toNanos() - System.nanoTime();
        }
        if (left <= 0) return;
        if (left > timeout.toNanos())
            throw new RigTimeoutException(device, "not settled within " + timeout.toMillis() + " ms (minimum settle time "
                    + minSettle.toMillis() + " ms after the last change)");
        try {
            TimeUnit.NANOSECONDS.sleep(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RigTimeoutException(device, "interrupted while waiting to settle");
        }
    }

    @Override
    public RigStatus status() throws RigException {
        synchronized (link.lock()) {
            link.ensureConnected();
            parameters();
            boolean ready = System.nanoTime() - lastChangeNanos >= minSettle.toNanos();
            return new RigStatus(ready, on, intensity, Optional.ofNullable(preset), Double.NaN, Double.NaN,
                    EnumSet.noneOf(RigFault.class));
        }
    }

    @Override
    public void pulseShutter(Duration pulse) throws RigException {
        throw new RigRejectedException(device, RigRejectedException.Code.UNSUPPORTED,
                "a DMX rig has no shutter-release output; use a serial-line rig for film shooting");
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public void close() {
        link.close();
    }
}
