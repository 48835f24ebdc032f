package emu.devices.camera.gphoto2;

import static org.junit.jupiter.api.Assertions.*;

import emu.devices.camera.CameraBusyException;
import emu.devices.camera.CameraIoException;
import emu.devices.camera.CapturedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retry loop for PTP Device Busy and for a download broken by an I/O error. No real camera can be
 * made busy or cut mid-transfer here, so the calls are stand-ins that fail a set number of times.
 */
class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1));
    @TempDir Path dir;

    @Test
    void busyIsRetriedUntilItPasses() {
        AtomicInteger calls = new AtomicInteger();
        String r = policy.run("capturing", CameraBusyException.class, () -> {
            if (calls.incrementAndGet() <= 2) {
                throw new CameraBusyException("cam", "busy " + calls.get());
            }
            return "ok";
        });
        assertEquals("ok", r);
        assertEquals(3, calls.get());
    }

    @Test
    void retriesAreBoundedAndTheLastFailureSurfaces() {
        AtomicInteger calls = new AtomicInteger();
        CameraBusyException e = assertThrows(CameraBusyException.class,
                () -> policy.run("capturing", CameraBusyException.class, () -> {
                    throw new CameraBusyException("cam", "busy " + calls.incrementAndGet());
                }));
        assertEquals(4, calls.get());
        assertEquals("busy 4", e.getMessage());
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(CameraIoException.class, () -> policy.run("capturing", CameraBusyException.class, () -> {
            calls.incrementAndGet();
            throw new CameraIoException("cam", "io");
        }));
        assertEquals(1, calls.get());
    }

    @Test
    void aDownloadCutMidwayIsFetchedAgainAndOnlyTheCompleteFileIsWritten() throws Exception {
        byte[] full = new byte[100_000];
        new java.util.Random(7).nextBytes(full);
        AtomicInteger calls = new AtomicInteger();
        byte[] got = policy.run("downloading", CameraIoException.class, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new CameraIoException("cam", "downloading gave 4096 bytes of 100000");
            }
            return full;
        });
        var f = CapturedFiles.write(dir, "step", "/DCIM/A.NEF", got);
        assertArrayEquals(full, Files.readAllBytes(f.path()));
        assertEquals(2, calls.get());
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }
}
