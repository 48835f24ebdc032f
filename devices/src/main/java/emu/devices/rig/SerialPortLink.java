package emu.devices.rig;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link SerialLink} over jSerialComm, 8N1, no flow control. Disconnects are seen by
 * {@link #read} returning -1 (jSerialComm reports the vanished port that way); no
 * disconnect listener is registered, because jSerialComm fires it in a busy loop until the
 * port is closed (shared/STACK.md, "jSerialComm on a pty").
 */
public final class SerialPortLink implements SerialLink {
    /** errno values the exclusive-open lock fails with: EAGAIN (flock) and EBUSY (TIOCEXCL). */
    private static final int EAGAIN = 11;
    private static final int EBUSY = 16;
    private static final int WRITE_TIMEOUT_MS = 1000;

    /** Real paths open in this JVM: jSerialComm's lock only tells other processes apart. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final SerialPort port;
    private final Path realPath;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SerialPortLink(SerialPort port, Path realPath) {
        this.port = port;
        this.realPath = realPath;
    }

    /**
     * Opens {@code path} (a device or a symlink to one, e.g. a socat pty link).
     *
     * @throws RigDisconnectedException if the port does not exist
     * @throws RigPortBusyException if another process (or object) has it open
     */
    public static SerialPortLink open(String device, String path, int baud) throws RigException {
        if (baud <= 0) throw new IllegalArgumentException("baud must be positive, got " + baud);
        if (!Files.exists(Path.of(path)))
            throw new RigDisconnectedException(device, "serial port " + path + " does not exist (is the rig plugged in and powered?)");
        Path real;
        try {
            real = Path.of(path).toRealPath();
        } catch (IOException e) {
            throw new RigDisconnectedException(device, "serial port " + path + " vanished while opening it", e);
        }
        if (!OPEN.add(real))
            throw new RigPortBusyException(device, "serial port " + path + " is busy: this process already has it open");
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            OPEN.remove(real);
            throw new RigDisconnectedException(device, "serial port " + path + " cannot be used: " + e.getMessage(), e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_TIMEOUT_MS, WRITE_TIMEOUT_MS);
        if (!port.openPort()) {
            OPEN.remove(real);
            int errno = port.getLastErrorCode();
            if (errno == EAGAIN || errno == EBUSY)
                throw new RigPortBusyException(device, "serial port " + path
                        + " is busy: another process has it open (stop it, e.g. a running station daemon, then retry)");
            throw new RigDisconnectedException(device, "cannot open serial port " + path + " (errno " + errno + ")");
        }
        return new SerialPortLink(port, real);
    }

    @Override
    public int read(byte[] buf) throws IOException {
        if (closed.get()) return -1;
        int n = port.readBytes(buf, buf.length);
        return n < 0 ? -1 : n;
    }

    @Override
    public void write(byte[] data) throws IOException {
        int done = 0;
        while (done < data.length) {
            if (closed.get()) throw new IOException("port closed");
            int n = port.writeBytes(data, data.length - done, done);
            if (n <= 0) throw new IOException("write failed on " + port.getSystemPortPath() + " (errno " + port.getLastErrorCode() + ")");
            done += n;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            port.closePort();
            OPEN.remove(realPath);
        }
    }
}
