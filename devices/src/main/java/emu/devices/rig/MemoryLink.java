package emu.devices.rig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An in-process byte link: the host side is a {@link SerialLink}, the far side a pair of
 * blocking streams for a firmware. Closing either side ends both directions.
 */
public final class MemoryLink implements SerialLink {
    private final Pipe toFar = new Pipe();
    private final Pipe toHost = new Pipe();

    @Override
    public int read(byte[] buf) throws IOException {
        return toHost.read(buf, 0, buf.length, READ_TIMEOUT_MS);
    }

    @Override
    public void write(byte[] data) throws IOException {
        toFar.write(data, 0, data.length);
    }

    @Override
    public void close() {
        toFar.close();
        toHost.close();
    }

    /** What the far end reads: the host's writes; ends (-1) when the link is closed. */
    public InputStream farInput() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n;
                do {
                    n = toFar.read(b, off, len, 0);
                } while (n == 0);
                return n;
            }
        };
    }

    /** Where the far end writes: arrives at the host's {@link #read}. */
    public OutputStream farOutput() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                toHost.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                toHost.write(b, off, len);
            }
        };
    }

    /** A bounded-wait byte queue. */
    private static final class Pipe {
        private final byte[] ring = new byte[8192];
        private int head;
        private int size;
        private boolean closed;

        synchronized void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                while (size == ring.length && !closed) waitQuietly(0);
                if (closed) throw new IOException("link closed");
                ring[(head + size) % ring.length] = b[off + i];
                size++;
                notifyAll();
            }
        }

        /** Waits up to {@code timeoutMs} (0 = forever) for data; -1 once closed and drained. */
        synchronized int read(byte[] b, int off, int len, long timeoutMs) throws IOException {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            while (size == 0 && !closed) {
                long left = timeoutMs == 0 ? 0 : (deadline - System.nanoTime()) / 1_000_000L;
                if (timeoutMs != 0 && left <= 0) return 0;
                waitQuietly(left);
            }
            if (size == 0) return -1;
            int n = Math.min(len, size);
            for (int i = 0; i < n; i++) b[off + i] = ring[(head + i) % ring.length];
            head = (head + n) % ring.length;
            size -= n;
            notifyAll();
            return n;
        }

        synchronized void close() {
            closed = true;
            notifyAll();
        }

        private void waitQuietly(long ms) throws IOException {
            try {
                wait(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }
}
