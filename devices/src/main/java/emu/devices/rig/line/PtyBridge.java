package emu.devices.rig.line;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A socat process giving the host a pseudo-terminal: a pty pair (two linked ends, one for the
 * host, one for a firmware), one pty wired to a command's stdin/stdout, or one pty wired to this
 * process through socat's stdin/stdout. In the last two the pty vanishes when the firmware dies,
 * as a USB serial device does when unplugged. Used by the tests and by {@code station rig sim-firmware}.
 * Closing kills socat and waits for it.
 */
public final class PtyBridge implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 5000;
    private final Process socat;
    private final List<Path> links;

    private PtyBridge(Process socat, List<Path> links) {
        this.socat = socat;
        this.links = links;
    }

    /** {@code socat pty,raw,echo=0,link=a pty,raw,echo=0,link=b}. */
    public static PtyBridge pair(Path a, Path b) throws IOException {
        return start(List.of(pty(a), pty(b)), List.of(a, b));
    }

    /**
     * One pty at {@code link} connected to {@code command}'s stdin/stdout. The command line is
     * written to an executable script next to the link, so arguments need no socat quoting.
     */
    public static PtyBridge exec(Path link, List<String> command) throws IOException {
        Path script = link.resolveSibling(link.getFileName() + ".far.sh");
        StringBuilder sb = new StringBuilder("#!/bin/sh\nexec");
        for (String c : command) sb.append(' ').append('\'').append(c.replace("'", "'\\''")).append('\'');
        Files.writeString(script, sb.append('\n').toString());
        if (!script.toFile().setExecutable(true)) throw new IOException("cannot make " + script + " executable");
        return start(List.of("-t", "0.05", pty(link), "EXEC:" + script), List.of(link));
    }

    /**
     * One pty at {@code link} wired to socat's stdin/stdout, which this process reads and writes
     * through {@link #process()}'s streams. When this process dies, socat reads end-of-file and
     * exits, and the pty vanishes with it.
     */
    public static PtyBridge stdio(Path link) throws IOException {
        return start(List.of("-t", "0.05", pty(link), "STDIO"), List.of(link));
    }

    private static String pty(Path link) {
        return "pty,raw,echo=0,link=" + link.toAbsolutePath();
    }

    private static PtyBridge start(List<String> addresses, List<Path> links) throws IOException {
        for (Path l : links) Files.deleteIfExists(l);
        List<String> cmd = new ArrayList<>(List.of("socat"));
        cmd.addAll(addresses);
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
            if (!addresses.contains("STDIO")) pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run socat (install it: apt-get install socat): " + e.getMessage(), e);
        }
        PtyBridge bridge = new PtyBridge(p, links);
        long deadline = System.nanoTime() + START_TIMEOUT_MS * 1_000_000L;
        while (!links.stream().allMatch(Files::exists)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                bridge.close();
                throw new IOException("socat did not create " + links + " (exit " + (p.isAlive() ? "none" : p.exitValue()) + ")");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                bridge.close();
                throw new IOException("interrupted while starting socat", e);
            }
        }
        return bridge;
    }

    /** The socat process (tests kill it to make the port vanish). */
    public Process process() {
        return socat;
    }

    public boolean alive() {
        return socat.isAlive();
    }

    /** Waits until socat has exited (the far end died), up to {@code ms}. */
    public boolean awaitExit(long ms) throws InterruptedException {
        return socat.waitFor(ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        socat.descendants().forEach(ProcessHandle::destroyForcibly);
        socat.destroy();
        try {
            if (!socat.waitFor(2, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
                socat.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
