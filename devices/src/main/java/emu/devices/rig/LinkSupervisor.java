package emu.devices.rig;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life cycle of a rig's serial link, shared by the drivers: open, a reader thread that hands
 * every received byte to the driver, loss detection and reconnection.
 *
 * <p>The reader polls {@link SerialLink#read} (which waits at most 100 ms), so an idle link costs
 * nothing and a vanished port (read -1) is noticed within one read: the link is closed at once,
 * the driver is told ({@link Handler#lost}) and a background task reopens the port every
 * {@code reconnectInterval}, running the driver's handshake ({@link Handler#connected}) each time.
 */
public final class LinkSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkSupervisor.class);

    /** What a driver does with its link. */
    public interface Handler {
        /** Bytes arrived (reader thread). */
        void received(byte[] buf, int n);

        /** A new link is up: handshake over it (called holding {@link #lock()}); throw to drop it. */
        void connected() throws RigException;

        /** The link is gone: fail what is waiting on it (reader or caller thread). */
        void lost(RigDisconnectedException why);
    }

    private final String device;
    private final SerialLink.Opener opener;
    private final Duration reconnectInterval;
    private final Handler handler;
    private final Object lock = new Object();
    private final ScheduledExecutorService reconnector;
    private volatile Conn conn;
    private volatile boolean closed;
    private ScheduledFuture<?> reconnecting;

    public LinkSupervisor(String device, SerialLink.Opener opener, Duration reconnectInterval, Handler handler) {
        this.device = Objects.requireNonNull(device, "device");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.handler = Objects.requireNonNull(handler, "handler");
        if (reconnectInterval.isNegative() || reconnectInterval.isZero())
            throw new IllegalArgumentException("reconnect interval must be positive: " + reconnectInterval);
        this.reconnectInterval = reconnectInterval;
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rig-reconnect " + device);
            t.setDaemon(true);
            return t;
        });
    }

    /** Held for each request and during (re)connection, so they never interleave. */
    public Object lock() {
        return lock;
    }

    /** True while a link is up. */
    public boolean connected() {
        Conn c = conn;
        return c != null && c.alive;
    }

    /** Opens the link and runs the handshake; the first connection's errors pass through unchanged. */
    public void connect() throws RigException {
        synchronized (lock) {
            Conn c = new Conn(opener.open());
            conn = c;
            c.reader.start();
            try {
                handler.connected();
            } catch (RigException | RuntimeException e) {
                lost(c, "handshake failed: " + e.getMessage());
                throw e;
            }
        }
    }

    /** Connects now if the link is down (one try). */
    public void ensureConnected() throws RigException {
        if (closed) throw new RigDisconnectedException(device, "rig is closed");
        if (connected()) return;
        try {
            connect();
            LOG.info("rig {}: connected", device);
        } catch (RigPortBusyException e) {
            throw e;
        } catch (RigException e) {
            throw new RigDisconnectedException(device, "not connected: " + e.detail(), e);
        }
    }

    /** Writes to the current link; a failed write counts as a lost link. */
    public void write(byte[] data) throws RigDisconnectedException {
        Conn c = conn;
        if (c == null || !c.alive) throw new RigDisconnectedException(device, "not connected");
        try {
            c.link.write(data);
        } catch (IOException e) {
            lost(c, "write failed: " + e.getMessage());
            throw new RigDisconnectedException(device, "link lost while writing: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        reconnector.shutdownNow();
        Conn c = conn;
        if (c != null) c.shutdown();
    }

    private final class Conn {
        final SerialLink link;
        final Thread reader;
        volatile boolean alive = true;

        Conn(SerialLink link) {
            this.link = link;
            this.reader = new Thread(this::readLoop, "rig-reader " + device);
            reader.setDaemon(true);
        }

        private void readLoop() {
            byte[] buf = new byte[512];
            while (alive) {
                int n;
                try {
                    n = link.read(buf);
                } catch (IOException e) {
                    n = -1;
                }
                if (n < 0) {
                    lost(this, "port closed by the far end or removed");
                    return;
                }
                if (n > 0) handler.received(buf, n);
            }
        }

        void shutdown() {
            alive = false;
            link.close();
        }
    }

    /** Closes the link once, tells the driver, starts reconnecting. */
    private void lost(Conn c, String why) {
        synchronized (c) {
            if (!c.alive) return;
            c.shutdown();
        }
        if (closed) return;
        LOG.error("rig {}: link lost ({}); reconnecting every {} ms", device, why, reconnectInterval.toMillis());
        handler.lost(new RigDisconnectedException(device, why));
        synchronized (this) {
            if (reconnecting == null || reconnecting.isDone()) {
                long ms = reconnectInterval.toMillis();
                try {
                    reconnecting = reconnector.scheduleWithFixedDelay(this::tryReconnect, ms, ms, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    LOG.debug("rig {}: closed, not reconnecting", device);
                }
            }
        }
    }

    private void tryReconnect() {
        synchronized (lock) {
            if (!closed && !connected()) {
                try {
                    connect();
                    LOG.info("rig {}: reconnected", device);
                } catch (RigException e) {
                    LOG.debug("rig {}: reconnect failed: {}", device, e.getMessage());
                    return;
                }
            }
        }
        synchronized (this) {
            if (reconnecting != null) reconnecting.cancel(false);
        }
    }
}
