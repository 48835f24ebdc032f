package emu.devices.rig.line;

import emu.devices.rig.MemoryLink;
import emu.devices.rig.RigException;
import emu.devices.rig.RigFault;
import emu.devices.rig.RigRejectedException.Code;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rig firmware in Java: speaks the line protocol ({@code docs/rig-protocol.md}) exactly, as
 * a microcontroller would, over any byte streams (a pty end, stdin/stdout, an in-process link)
 * and drives a {@link FirmwareLight}. {@link SimFirmwareMain} runs it as its own process.
 */
public final class SimFirmware {
    /** Protocol versions this firmware speaks (docs/rig-protocol.md, "Version negotiation"). */
    public static final int MIN_VERSION = 1;
    public static final int MAX_VERSION = 1;
    /** How often the firmware looks for "settled" and fault changes to raise events. */
    private static final long EVENT_POLL_MS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(SimFirmware.class);

    private final FirmwareLight light;
    private final String model;
    private final String version;
    private final boolean shutter;
    private final Duration driveDelay;
    private final Object outLock = new Object();
    private OutputStream out;
    private int negotiated;
    private String preset = "-";
    private int intensity = 10000;
    private boolean on;
    private boolean awaitingReady;
    private long shutterUntil;
    private Set<RigFault> reportedFaults = EnumSet.noneOf(RigFault.class);

    /** A firmware with a shutter-release output that answers at once. */
    public SimFirmware(FirmwareLight light) {
        this(light, "EMU-SIM-RIG", "1.0.0", true, Duration.ZERO);
    }

    /**
     * @param driveDelay how long PRESET and LEVELS take before their reply (a slow LED driver);
     *     zero for an immediate answer
     */
    public SimFirmware(FirmwareLight light, String model, String version, boolean shutter, Duration driveDelay) {
        this.light = Objects.requireNonNull(light, "light");
        this.model = token(model, "model");
        this.version = token(version, "version");
        this.shutter = shutter;
        this.driveDelay = Objects.requireNonNull(driveDelay, "driveDelay");
    }

    private static String token(String s, String what) {
        if (!PlainLight.PRESET_NAME.matcher(s).matches())
            throw new IllegalArgumentException(what + " '" + s + "' must match " + PlainLight.PRESET_NAME);
        return s;
    }

    /**
     * A host-side rig talking to this firmware in-process over a {@link MemoryLink}: the "sim"
     * driver. The firmware runs on a daemon thread per connection.
     */
    public LineRig connectInProcess(String device, LineRig.Options options) throws RigException {
        return LineRig.open(device, () -> {
            MemoryLink link = new MemoryLink();
            Thread t = new Thread(() -> {
                try {
                    serve(link.farInput(), link.farOutput());
                } catch (IOException e) {
                    LOG.debug("in-process firmware stopped: {}", e.toString());
                }
            }, "sim-firmware");
            t.setDaemon(true);
            t.start();
            return link;
        }, options);
    }

    /** Serves one connection until {@code in} ends; raises events meanwhile. */
    public void serve(InputStream in, OutputStream out) throws IOException {
        synchronized (outLock) {
            this.out = out;
        }
        ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-firmware-events");
            t.setDaemon(true);
            return t;
        });
        events.scheduleWithFixedDelay(this::raiseEvents, EVENT_POLL_MS, EVENT_POLL_MS, TimeUnit.MILLISECONDS);
        try {
            byte[] line = new byte[LineFrame.MAX_LINE];
            int len = 0;
            boolean overflow = false;
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    if (len > 0 && line[len - 1] == '\r') len--;
                    String text = new String(line, 0, len, StandardCharsets.ISO_8859_1);
                    if (overflow) {
                        int seq = LineFrame.parse(text).seqHint();
                        if (seq > 0) send(error(seq, Code.LINE_TOO_LONG));
                    } else if (len > 0) {
                        LineFrame reply = handle(text);
                        if (reply != null) send(reply);
                    }
                    len = 0;
                    overflow = false;
                } else if (len < line.length - 1) {
                    line[len++] = (byte) b;
                } else {
                    overflow = true;
                }
            }
        } finally {
            events.shutdownNow();
        }
    }

    private void send(LineFrame f) throws IOException {
        synchronized (outLock) {
            out.write(f.encode());
            out.flush();
        }
    }

    private synchronized void raiseEvents() {
        try {
            if (negotiated == 0) return;
            Set<RigFault> faults = light.faults();
            if (!faults.equals(reportedFaults)) {
                reportedFaults = faults.isEmpty() ? EnumSet.noneOf(RigFault.class) : EnumSet.copyOf(faults);
                send(LineFrame.of(0, "FAULT", faultList(faults)));
            }
            if (awaitingReady && light.settled()) {
                awaitingReady = false;
                send(LineFrame.of(0, "READY"));
            }
        } catch (IOException e) {
            LOG.debug("event not sent: {}", e.toString());
        }
    }

    /** Executes one received line; null when it deserves no answer (unreadable sequence number). */
    synchronized LineFrame handle(String text) {
        LineFrame.Parsed p = LineFrame.parse(text);
        if (p.frame().isEmpty()) {
            if (p.seqHint() <= 0) return null;
            return error(p.seqHint(), p.defect() == LineFrame.Defect.BAD_SYNTAX ? Code.BAD_SYNTAX : Code.BAD_CHECKSUM);
        }
        LineFrame f = p.frame().get();
        if (f.seq() == 0) return null;
        String verb = f.verb();
        if (negotiated == 0 && !verb.equals("HELLO")) return error(f.seq(), Code.HELLO_REQUIRED);
        try {
            return switch (verb) {
                case "HELLO" -> hello(f);
                case "PING" -> args(f, 0) ? ok(f) : badArgs(f);
                case "ID" -> args(f, 0) ? ok(f, "model=" + model, "fw=" + version, "channels=" + light.channels(),
                        "shutter=" + (shutter ? 1 : 0)) : badArgs(f);
                case "PRESETS" -> args(f, 0) ? ok(f, light.presetNames().toArray(String[]::new)) : badArgs(f);
                case "PRESET" -> preset(f);
                case "LEVELS" -> levels(f);
                case "INTENSITY" -> intensity(f);
                case "POWER" -> power(f);
                case "STATUS" -> args(f, 0) ? status(f) : badArgs(f);
                case "SHUTTER" -> shutter(f);
                default -> error(f.seq(), Code.UNKNOWN_COMMAND, verb);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(f.seq(), Code.BUSY);
        }
    }

    private LineFrame hello(LineFrame f) {
        Integer v = args(f, 1) ? number(f.args().get(0), 1, LineFrame.MAX_SEQ) : null;
        if (v == null) return badArgs(f);
        if (v < MIN_VERSION) return error(f.seq(), Code.VERSION_UNSUPPORTED, MIN_VERSION + "-" + MAX_VERSION);
        negotiated = Math.min(v, MAX_VERSION);
        reportedFaults = EnumSet.noneOf(RigFault.class);
        return ok(f, Integer.toString(negotiated));
    }

    private LineFrame preset(LineFrame f) throws InterruptedException {
        if (!args(f, 1)) return badArgs(f);
        String name = f.args().get(0);
        if (!light.presetNames().contains(name)) return error(f.seq(), Code.UNKNOWN_PRESET, name);
        LineFrame refused = refusedByFault(f);
        if (refused != null) return refused;
        drive();
        light.selectPreset(name);
        preset = name;
        return changed(f);
    }

    private LineFrame levels(LineFrame f) throws InterruptedException {
        if (!args(f, light.channels())) return badArgs(f);
        int[] levels = new int[light.channels()];
        for (int i = 0; i < levels.length; i++) {
            Integer v = number(f.args().get(i), 0, 65535);
            if (v == null) return badArgs(f);
            levels[i] = v;
        }
        LineFrame refused = refusedByFault(f);
        if (refused != null) return refused;
        drive();
        light.setLevels(levels);
        preset = "-";
        return changed(f);
    }

    private LineFrame intensity(LineFrame f) {
        Integer v = args(f, 1) ? number(f.args().get(0), 0, 10000) : null;
        if (v == null) return badArgs(f);
        LineFrame refused = refusedByFault(f);
        if (refused != null) return refused;
        light.setIntensity(v / 10000.0);
        intensity = v;
        return changed(f);
    }

    private LineFrame power(LineFrame f) {
        String arg = args(f, 1) ? f.args().get(0) : "";
        if (!arg.equals("ON") && !arg.equals("OFF")) return badArgs(f);
        boolean wantOn = arg.equals("ON");
        if (wantOn) {
            LineFrame refused = refusedByFault(f);
            if (refused != null) return refused;
        }
        light.setOn(wantOn);
        on = wantOn;
        return changed(f);
    }

    private LineFrame status(LineFrame f) {
        return ok(f, "ready=" + (!awaitingReady && light.settled() ? 1 : 0), "on=" + (on ? 1 : 0),
                "intensity=" + intensity, "preset=" + preset,
                String.format(Locale.ROOT, "temp=%.1f", light.temperatureC()),
                String.format(Locale.ROOT, "hours=%.3f", light.hours()), "faults=" + faultList(light.faults()));
    }

    private LineFrame shutter(LineFrame f) {
        Integer ms = args(f, 1) ? number(f.args().get(0), 1, 10000) : null;
        if (ms == null) return badArgs(f);
        if (!shutter) return error(f.seq(), Code.UNSUPPORTED, "SHUTTER");
        long now = System.nanoTime();
        if (now < shutterUntil) return error(f.seq(), Code.BUSY, "SHUTTER");
        shutterUntil = now + ms * 1_000_000L;
        return ok(f);
    }

    private LineFrame changed(LineFrame f) {
        awaitingReady = true;
        return ok(f);
    }

    private LineFrame refusedByFault(LineFrame f) {
        Set<RigFault> faults = light.faults();
        return faults.isEmpty() ? null : error(f.seq(), Code.FAULT, faultList(faults));
    }

    private void drive() throws InterruptedException {
        if (!driveDelay.isZero()) Thread.sleep(driveDelay.toMillis());
    }

    static String faultList(Set<RigFault> faults) {
        return faults.isEmpty() ? "NONE"
                : faults.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    private static boolean args(LineFrame f, int n) {
        return f.args().size() == n;
    }

    /** A decimal without sign or leading zeros within [min, max], or null. */
    private static Integer number(String s, int min, int max) {
        if (s.isEmpty() || s.length() > 6 || !s.chars().allMatch(Character::isDigit) || (s.length() > 1 && s.charAt(0) == '0'))
            return null;
        int v = Integer.parseInt(s);
        return v >= min && v <= max ? v : null;
    }

    private static LineFrame ok(LineFrame f, String... data) {
        return LineFrame.of(f.seq(), "OK", data);
    }

    private LineFrame badArgs(LineFrame f) {
        return error(f.seq(), Code.BAD_ARGUMENT, f.verb());
    }

    private static LineFrame error(int seq, Code code, String... detail) {
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(code.number()));
        args.add(code.name());
        args.addAll(List.of(detail));
        return new LineFrame(seq, "ERR", args);
    }
}
