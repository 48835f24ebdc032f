package emu.devices.rig.dmx;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test peer playing the Enttec DMX USB Pro on the far end of a real socat pty (not a mock of
 * our code: it decodes the bytes on its own, independently of {@link EnttecFrame}, and records
 * every frame exactly as received). Answers label 10 (serial number) and label 3 (parameters).
 */
final class EnttecPeer implements AutoCloseable {
    /** Raw frames as received, delimiters included. */
    final List<byte[]> frames = new CopyOnWriteArrayList<>();
    volatile byte[] beforeEveryReply = new byte[0];
    private final InputStream in;
    private final OutputStream out;
    private final Thread thread;

    EnttecPeer(Path far) throws IOException {
        in = new FileInputStream(far.toFile());
        out = new FileOutputStream(far.toFile());
        thread = new Thread(this::loop, "enttec-peer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (true) {
                int b = in.read();
                if (b < 0) return;
                if (b != 0x7E) continue;
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                raw.write(b);
                int label = in.read();
                int lsb = in.read();
                int msb = in.read();
                raw.write(label);
                raw.write(lsb);
                raw.write(msb);
                int len = lsb | (msb << 8);
                for (int i = 0; i < len; i++) raw.write(in.read());
                raw.write(in.read());
                frames.add(raw.toByteArray());
                if (label == 10) reply(10, new byte[] {0x78, 0x56, 0x34, 0x12});        // serial 12345678, BCD LSB first
                if (label == 3) reply(3, new byte[] {68, 1, 9, 1, 40});                  // firmware 1.68, break 9, MAB 1, 40 Hz
            }
        } catch (IOException e) {
            // the pty went away: the test is over
        }
    }

    private void reply(int label, byte[] data) throws IOException {
        out.write(beforeEveryReply);
        out.write(new byte[] {0x7E, (byte) label, (byte) data.length, 0});
        out.write(data);
        out.write(0xE7);
        out.flush();
    }

    /** The n-th frame with label 6 (send DMX), 1-based, waiting up to 5 s for it to arrive. */
    byte[] dmx(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<byte[]> dmx = frames.stream().filter(f -> f[1] == 6).toList();
            if (dmx.size() >= n) return dmx.get(n - 1);
            Thread.sleep(5);
        }
        throw new AssertionError("DMX frame " + n + " never arrived; frames: " + frames.size());
    }

    @Override
    public void close() throws IOException {
        out.close();
        in.close();
    }
}
