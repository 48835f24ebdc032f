package emu.devices.rig.line;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test peer (not a mock: it sits on the far end of a real socat pty and speaks bytes) that
 * answers the handshake like firmware and hands every other request to a script, which can
 * write any bytes: garbage, partial lines, bad checksums, stale replies.
 */
final class ScriptedPeer implements AutoCloseable {
    interface Script {
        void answer(LineFrame request, ScriptedPeer peer) throws IOException;
    }

    private final InputStream in;
    private final OutputStream out;
    private final Thread thread;
    final List<LineFrame> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger hellos = new AtomicInteger();

    ScriptedPeer(Path far, Script script) throws IOException {
        in = new FileInputStream(far.toFile());
        out = new FileOutputStream(far.toFile());
        thread = new Thread(() -> loop(script), "scripted-peer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Script script) {
        StringBuilder line = new StringBuilder();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    line.append((char) b);
                    continue;
                }
                LineFrame f = LineFrame.parse(line.toString()).frame().orElseThrow();
                line.setLength(0);
                switch (f.verb()) {
                    case "HELLO" -> {
                        hellos.incrementAndGet();
                        reply(f.seq(), "OK", "1");
                    }
                    case "ID" -> reply(f.seq(), "OK", "model=PEER", "fw=0", "channels=2", "shutter=0");
                    case "STATUS" -> reply(f.seq(), "OK", "ready=1", "on=1", "intensity=10000", "preset=-",
                            "temp=20.0", "hours=0.000", "faults=NONE");
                    default -> {
                        requests.add(f);
                        script.answer(f, this);
                    }
                }
            }
        } catch (IOException e) {
            // the pty went away: the test is over
        }
    }

    void reply(int seq, String verb, String... args) throws IOException {
        raw(new String(LineFrame.of(seq, verb, args).encode(), StandardCharsets.US_ASCII));
    }

    synchronized void raw(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
        in.close();
    }
}
