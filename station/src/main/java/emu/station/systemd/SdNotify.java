package emu.station.systemd;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import emu.station.daemon.Daemon;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify(3) without libsystemd: one datagram to the AF_UNIX socket named by {@code NOTIFY_SOCKET},
 * sent from the daemon's own PID (so the unit can keep {@code NotifyAccess=main}, and no child
 * process exits before systemd attributes its message, the race systemd-notify(1) documents).
 * The wire format is the documented one: newline-separated {@code KEY=VALUE} lines.
 */
public final class SdNotify {
    private static final Logger LOG = LoggerFactory.getLogger(SdNotify.class);
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    /** sizeof(struct sockaddr_un) on Linux: sa_family_t (2) + sun_path[108]. */
    private static final int SOCKADDR_UN = 110;

    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrLen);

        int close(int fd);
    }

    private SdNotify() {}

    /**
     * Tells systemd the daemon is ready, then, if the unit sets {@code WatchdogSec}, pings it at half
     * that interval while {@code GET /api/health} answers 200 (a hung server stops the pings and
     * systemd restarts the service). No-op outside systemd.
     */
    public static void readyAndWatch(Daemon daemon) {
        Optional<String> socket = Optional.ofNullable(System.getenv("NOTIFY_SOCKET")).filter(s -> !s.isEmpty());
        if (socket.isEmpty()) {
            return;
        }
        send(socket.get(), "READY=1\nSTATUS=listening on " + daemon.url());
        long usec = parseLong(System.getenv("WATCHDOG_USEC"));
        String pid = System.getenv("WATCHDOG_PID");
        if (usec <= 0 || pid != null && !pid.equals(Long.toString(ProcessHandle.current().pid()))) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI health = URI.create(daemon.url()).resolve("/api/health");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sd-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    send(socket.get(), "WATCHDOG=1");
                } else {
                    LOG.warn("watchdog: /api/health answered {}; not pinging systemd", r.statusCode());
                }
            } catch (Exception e) {
                LOG.warn("watchdog: /api/health failed ({}); not pinging systemd", e.toString());
            }
        }, 0, Math.max(1000, usec / 2000), TimeUnit.MILLISECONDS);
        daemon.closeOnStop(() -> {
            timer.shutdownNow();
            send(socket.get(), "STOPPING=1");
        });
    }

    /** Sends one message; failures are logged, never thrown (a service must not die of its status). */
    static void send(String socketPath, String message) {
        try {
            LibC libc = Native.load("c", LibC.class);
            byte[] addr = new byte[SOCKADDR_UN];
            addr[0] = (byte) AF_UNIX; // little-endian sa_family_t
            byte[] path = socketPath.getBytes(StandardCharsets.UTF_8);
            if (path.length > SOCKADDR_UN - 3) {
                throw new IllegalArgumentException("NOTIFY_SOCKET path too long");
            }
            System.arraycopy(path, 0, addr, 2, path.length);
            if (path[0] == '@') {
                addr[2] = 0; // abstract namespace
            }
            int len = 2 + path.length + (path[0] == '@' ? 0 : 1);
            int fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IllegalStateException("socket() failed: errno " + Native.getLastError());
            }
            try {
                byte[] msg = message.getBytes(StandardCharsets.UTF_8);
                if (libc.sendto(fd, msg, new NativeLong(msg.length), 0, addr, len).longValue() < 0) {
                    throw new IllegalStateException("sendto(" + socketPath + ") failed: errno " + Native.getLastError());
                }
            } finally {
                libc.close(fd);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("sd_notify {} not sent: {}", message.lines().findFirst().orElse(""), e.toString());
        }
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
