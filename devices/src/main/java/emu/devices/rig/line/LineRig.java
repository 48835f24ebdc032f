package emu.devices.rig.line;

import emu.devices.rig.IlluminantRig;
import emu.devices.rig.LinkSupervisor;
import emu.devices.rig.RigDisconnectedException;
import emu.devices.rig.RigException;
import emu.devices.rig.RigFault;
import emu.devices.rig.RigFaultException;
import emu.devices.rig.RigIdentity;
import emu.devices.rig.RigProtocolException;
import emu.devices.rig.RigRejectedException;
import emu.devices.rig.RigRejectedException.Code;
import emu.devices.rig.RigStatus;
import emu.devices.rig.RigTimeoutException;
import emu.devices.rig.SerialLink;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of the rig line protocol ({@code docs/rig-protocol.md}) over a {@link SerialLink}.
 *
 * <p>A reader thread per connection assembles lines, checks their CRC-8 and sequence numbers and
 * discards garbage, partial or over-long lines, bad checksums and stale replies, each with a log
 * line. Requests are one at a time, each with a timeout and (when idempotent) retries. When
 * the link reads end-of-stream (the port vanished, the far end died) the reader closes the port
 * at once, fails the request in flight with a {@link RigDisconnectedException} and a background
 * task reopens the port every {@link Options#reconnectInterval()} until the rig answers again
 * ({@link LinkSupervisor}).
 *
 * <p>Over 300 lines: the rig's verbs, the request/reply exchange (sequence numbers, the one request
 * in flight, retries, renegotiation when the rig restarted) and the reader thread's dispatch of
 * replies and events share the pending request and the settle state (ready, last change, faults):
 * a CHANGE's OK clears "ready" in line order, before the reply is handed over, so a READY sent for an
 * earlier change is not taken for this one. Split, that ordering would span classes. What needs
 * neither lives beside it: framing and CRC in {@link LineFrame}, splitting the byte stream into lines
 * in {@link LineAssembler}, reading replies' arguments in {@link LineReplies}.
 */
public final class LineRig implements IlluminantRig {
    /** Highest protocol version this host speaks; offered in HELLO. */
    public static final int PROTOCOL_VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(LineRig.class);
    /** How often {@link #awaitSettled} asks STATUS in case a READY event was lost. */
    private static final long STATUS_POLL_MS = 250;

    /**
     * Timing of the host side.
     *
     * @param requestTimeout wait for each reply (docs/rig-protocol.md, "Timing and retries")
     * @param retries extra tries for idempotent requests after a timeout or a BAD_CHECKSUM reply
     * @param minSettle minimum time after the last change before {@link #awaitSettled} returns,
     *     on top of the rig's own ready flag
     * @param reconnectInterval pause between attempts to reopen a lost port
     */
    public record Options(Duration requestTimeout, int retries, Duration minSettle, Duration reconnectInterval) {
        public Options {
            if (requestTimeout.isNegative() || requestTimeout.isZero())
                throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
            if (retries < 0) throw new IllegalArgumentException("retries must be >= 0: " + retries);
            if (minSettle.isNegative()) throw new IllegalArgumentException("settle time must not be negative: " + minSettle);
            if (reconnectInterval.isNegative() || reconnectInterval.isZero())
                throw new IllegalArgumentException("reconnect interval must be positive: " + reconnectInterval);
        }

        /** 1 s timeout, 2 retries, no minimum settle, reconnect every 250 ms. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(1), 2, Duration.ZERO, Duration.ofMillis(250));
        }

        public Options withMinSettle(Duration d) {
            return new Options(requestTimeout, retries, d, reconnectInterval);
        }

        public Options withRequestTimeout(Duration d) {
            return new Options(d, retries, minSettle, reconnectInterval);
        }
    }

    private final String device;
    private final Options options;
    private final Object stateLock = new Object();
    private final AtomicReference<Pending> pending = new AtomicReference<>();
    private final LinkSupervisor link;
    private final LineReplies replies;
    private int nextSeq = 1;
    private volatile int channels;
    private volatile int version;
    // guarded by stateLock
    private boolean ready;
    private long lastChangeNanos;
    private Set<RigFault> faults = EnumSet.noneOf(RigFault.class);

    private LineRig(String device, SerialLink.Opener opener, Options options) {
        this.device = Objects.requireNonNull(device, "device");
        this.options = Objects.requireNonNull(options, "options");
        this.lastChangeNanos = System.nanoTime() - options.minSettle().toNanos();
        this.replies = new LineReplies(device);
        this.link = new LinkSupervisor(device, opener, options.reconnectInterval(), new Link());
    }

    /**
     * Opens the link and negotiates the protocol version.
     *
     * @param device the name used in messages, e.g. {@code serial-line:/dev/ttyACM0}
     */
    public static LineRig open(String device, SerialLink.Opener opener, Options options) throws RigException {
        LineRig rig = new LineRig(device, opener, options);
        try {
            rig.link.connect();
        } catch (RigException | RuntimeException e) {
            rig.close();
            throw e;
        }
        return rig;
    }

    @Override
    public String device() {
        return device;
    }

    /** True while the link is up (false between a loss and the reconnect). */
    public boolean connected() {
        return link.connected();
    }

    @Override
    public RigIdentity identify() throws RigException {
        Map<String, String> kv = replies.keyValues(request("ID", List.of(), Kind.QUERY), "model", "fw", "channels", "shutter");
        int n = replies.intValue(kv, "channels");
        channels = n;
        return new RigIdentity(kv.get("model"), kv.get("fw"), n, replies.intValue(kv, "shutter") == 1, version);
    }

    @Override
    public List<String> presets() throws RigException {
        return request("PRESETS", List.of(), Kind.QUERY).args();
    }

    @Override
    public void setPreset(String name) throws RigException {
        if (name == null || !PlainLight.PRESET_NAME.matcher(name).matches())
            throw new IllegalArgumentException("preset name '" + name + "' must match " + PlainLight.PRESET_NAME);
        try {
            request("PRESET", List.of(name), Kind.CHANGE);
        } catch (RigRejectedException e) {
            if (e.code() != Code.UNKNOWN_PRESET) throw e;
            throw new RigRejectedException(device, Code.UNKNOWN_PRESET,
                    "unknown preset '" + name + "'; the rig has: " + String.join(", ", presets()));
        }
    }

    @Override
    public void setChannels(int[] levels) throws RigException {
        Objects.requireNonNull(levels, "levels");
        if (levels.length != channels)
            throw new IllegalArgumentException("rig " + device + " has " + channels + " channels, got " + levels.length + " levels");
        String[] args = new String[levels.length];
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] < 0 || levels[i] > 65535)
                throw new IllegalArgumentException("channel " + (i + 1) + " level " + levels[i] + " is outside 0..65535");
            args[i] = Integer.toString(levels[i]);
        }
        request("LEVELS", List.of(args), Kind.CHANGE);
    }

    @Override
    public void setIntensity(double fraction) throws RigException {
        if (!(fraction >= 0.0 && fraction <= 1.0))
            throw new IllegalArgumentException("intensity must be within 0..1, got " + fraction);
        request("INTENSITY", List.of(Long.toString(Math.round(fraction * 10000))), Kind.CHANGE);
    }

    @Override
    public void setOn(boolean on) throws RigException {
        request("POWER", List.of(on ? "ON" : "OFF"), Kind.CHANGE);
    }

    @Override
    public void awaitSettled(Duration timeout) throws RigException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextPoll = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (now - nextPoll >= 0) {
                status();
                nextPoll = now + STATUS_POLL_MS * 1_000_000L;
            }
            synchronized (stateLock) {
                if (!faults.isEmpty())
                    throw new RigFaultException(device, faults, "fault while settling: " + SimFirmware.faultList(faults));
                long settleLeft = lastChangeNanos + options.minSettle().toNanos() - now;
                if (ready && settleLeft <= 0) return;
                if (now - deadline >= 0)
                    throw new RigTimeoutException(device, "not settled within " + timeout.toMillis() + " ms ("
                            + (ready ? "rig ready, minimum settle time not yet over" : "rig not ready") + ")");
                long waitMs = Math.max(1, Math.min(Math.min(nextPoll, deadline) - now,
                        ready ? settleLeft : Long.MAX_VALUE) / 1_000_000L);
                try {
                    stateLock.wait(waitMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RigTimeoutException(device, "interrupted while waiting to settle");
                }
            }
        }
    }

    @Override
    public RigStatus status() throws RigException {
        Map<String, String> kv = replies.keyValues(request("STATUS", List.of(), Kind.QUERY),
                "ready", "on", "intensity", "preset", "temp", "hours", "faults");
        Set<RigFault> fs = replies.parseFaults(kv.get("faults"));
        boolean rdy = replies.intValue(kv, "ready") == 1;
        synchronized (stateLock) {
            ready = rdy;
            faults = fs;
            stateLock.notifyAll();
        }
        String preset = kv.get("preset");
        return new RigStatus(rdy, replies.intValue(kv, "on") == 1, replies.intValue(kv, "intensity") / 10000.0,
                preset.equals("-") ? Optional.empty() : Optional.of(preset),
                replies.doubleValue(kv, "temp"), replies.doubleValue(kv, "hours"), fs);
    }

    @Override
    public void pulseShutter(Duration pulse) throws RigException {
        long ms = pulse.toMillis();
        if (ms < 1 || ms > 10000) throw new IllegalArgumentException("shutter pulse must be 1..10000 ms, got " + ms);
        request("SHUTTER", List.of(Long.toString(ms)), Kind.ONCE);
    }

    @Override
    public void close() {
        link.close();
    }

    // ---- requests

    /** QUERY and CHANGE are idempotent (retried); a CHANGE clears "ready"; ONCE is never repeated. */
    private enum Kind { QUERY, CHANGE, ONCE }

    private record Pending(int seq, boolean change, CompletableFuture<LineFrame> reply) {}

    private LineFrame request(String verb, List<String> args, Kind kind) throws RigException {
        synchronized (link.lock()) {
            link.ensureConnected();
            return exchange(verb, args, kind, true);
        }
    }

    private LineFrame exchange(String verb, List<String> args, Kind kind, boolean mayRenegotiate) throws RigException {
        String what = (verb + " " + String.join(" ", args)).trim();
        int tries = kind == Kind.ONCE ? 1 : 1 + options.retries();
        for (int attempt = 1; attempt <= tries; attempt++) {
            int seq = nextSeq;
            nextSeq = seq == LineFrame.MAX_SEQ ? 1 : seq + 1;
            Pending p = new Pending(seq, kind == Kind.CHANGE, new CompletableFuture<>());
            pending.set(p);
            LineFrame reply;
            try {
                link.write(new LineFrame(seq, verb, args).encode());
                reply = p.reply().get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.warn("rig {}: no reply to '{}' (seq {}) within {} ms, try {}/{}", device, what, seq,
                        options.requestTimeout().toMillis(), attempt, tries);
                continue;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RigDisconnectedException d)
                    throw new RigDisconnectedException(device, "link lost during " + what + ": " + d.detail(), d);
                throw new RigProtocolException(device, "unexpected failure during " + what + ": " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RigTimeoutException(device, "interrupted while waiting for the reply to " + what);
            } finally {
                pending.compareAndSet(p, null);
            }
            if (reply.verb().equals("OK")) return reply;
            Code code = replies.errorCode(reply, what);
            if (code == Code.BAD_CHECKSUM && attempt < tries) {
                LOG.warn("rig {}: rig saw a bad checksum on '{}' (seq {}), resending", device, what, seq);
                continue;
            }
            if (code == Code.HELLO_REQUIRED && mayRenegotiate && !verb.equals("HELLO")) {
                LOG.warn("rig {}: rig asks for HELLO (it restarted); renegotiating", device);
                negotiate();
                return exchange(verb, args, kind, false);
            }
            List<String> detail = reply.args().subList(Math.min(2, reply.args().size()), reply.args().size());
            throw new RigRejectedException(device, code, what + " refused: " + code
                    + (detail.isEmpty() ? "" : " " + String.join(" ", detail)));
        }
        throw new RigTimeoutException(device, "no reply to '" + what + "' within "
                + options.requestTimeout().toMillis() + " ms (" + tries + (tries == 1 ? " try)" : " tries)"));
    }

    // ---- connection life cycle

    /** The supervisor's view of this driver: bytes in, handshake, loss. */
    private final class Link implements LinkSupervisor.Handler {
        private volatile LineAssembler lines = new LineAssembler(device);

        @Override
        public void received(byte[] buf, int n) {
            for (int i = 0; i < n; i++) {
                String line = lines.accept(buf[i]);
                if (line != null) onLine(line);
            }
        }

        @Override
        public void connected() throws RigException {
            negotiate();
            identify();
            status();
        }

        @Override
        public void lost(RigDisconnectedException why) {
            lines = new LineAssembler(device); // a line cut by the loss must not prefix the next link's first line
            Pending p = pending.get();
            if (p != null) p.reply().completeExceptionally(why);
            synchronized (stateLock) {
                ready = false;
                stateLock.notifyAll();
            }
        }
    }

    private void negotiate() throws RigException {
        LineFrame r = exchange("HELLO", List.of(Integer.toString(PROTOCOL_VERSION)), Kind.QUERY, false);
        int v = r.args().size() == 1 ? replies.parseInt(r.args().get(0), "HELLO reply") : -1;
        if (v < 1 || v > PROTOCOL_VERSION)
            throw new RigProtocolException(device, "rig agreed protocol version " + r.args() + ", host speaks 1.." + PROTOCOL_VERSION);
        version = v;
    }

    // ---- incoming lines (reader thread)

    private void onLine(String text) {
        LineFrame.Parsed parsed = LineFrame.parse(text);
        if (parsed.frame().isEmpty()) {
            LOG.warn("rig {}: discarding line '{}' ({})", device, LineReplies.printable(text), parsed.defect());
            return;
        }
        LineFrame f = parsed.frame().get();
        if (f.event()) {
            onEvent(f);
            return;
        }
        Pending p = pending.get();
        if (p == null || p.seq() != f.seq()) {
            LOG.warn("rig {}: discarding stale reply '{}' (waiting for seq {})", device, f, p == null ? "none" : p.seq());
            return;
        }
        if (p.change() && f.verb().equals("OK")) {
            // Cleared here, in line order: a READY sent before this OK belongs to an earlier change.
            synchronized (stateLock) {
                ready = false;
                lastChangeNanos = System.nanoTime();
            }
        }
        p.reply().complete(f);
    }

    private void onEvent(LineFrame f) {
        synchronized (stateLock) {
            switch (f.verb()) {
                case "READY" -> ready = true;
                case "FAULT" -> {
                    faults = f.args().size() == 1 ? replies.parseFaults(f.args().get(0)) : EnumSet.noneOf(RigFault.class);
                    if (faults.isEmpty()) LOG.info("rig {}: faults cleared", device);
                    else LOG.error("rig {}: FAULT {}", device, SimFirmware.faultList(faults));
                }
                default -> LOG.warn("rig {}: ignoring unknown event '{}'", device, f);
            }
            stateLock.notifyAll();
        }
    }
}
