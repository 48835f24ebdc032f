package emu.station.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The datagram systemd would receive: socat listens on a real AF_UNIX datagram socket (as systemd's
 * NOTIFY_SOCKET does; no systemd runs PID 1 in CI) and prints what arrives.
 */
@Timeout(30)
class SdNotifyTest {
    @TempDir Path dir;

    @Test
    void readyArrivesOnTheNotifySocket() throws Exception {
        Path sock = dir.resolve("notify");
        Process socat = new ProcessBuilder("socat", "-u", "UNIX-RECV:" + sock, "STDOUT").start();
        try {
            for (int i = 0; i < 100 && !Files.exists(sock); i++) {
                Thread.sleep(50);
            }
            String sent = "READY=1\nSTATUS=listening";
            SdNotify.send(sock.toString(), sent);
            // Exactly the datagram's bytes (it has no trailing newline, so no readLine for the last line).
            byte[] got = socat.getInputStream().readNBytes(sent.length());
            assertEquals(sent, new String(got, StandardCharsets.UTF_8));
        } finally {
            socat.destroy();
        }
    }
}
