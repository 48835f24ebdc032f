package emu.devices.camera.gphoto2;

import static org.junit.jupiter.api.Assertions.*;

import emu.devices.camera.CameraTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The watchdog thread alone; a hung libgphoto2 call is provoked for real in Gphoto2VcameraTest, here
 * a blocked task stands in for it.
 */
class WatchdogTest {
    @Test
    void aHungCallFailsAndTheNextCallRunsOnAFreshThread() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (Watchdog w = new Watchdog()) {
            String first = w.call("cam", "warming up", Duration.ofSeconds(5), () -> Thread.currentThread().getName());
            CameraTimeoutException e = assertThrows(CameraTimeoutException.class,
                    () -> w.call("Nikon on usb:1", "capturing", Duration.ofMillis(200), () -> {
                        while (true) {
                            try {
                                never.await();
                            } catch (InterruptedException ignored) {
                                // like native code: an interrupt does not end it
                            }
                        }
                    }));
            assertTrue(e.getMessage().startsWith("capturing on Nikon on usb:1 did not return within 0.2 s"),
                    e.getMessage());
            assertEquals("Nikon on usb:1", e.device());
            assertEquals(1, w.abandonedThreads());
            String next = w.call("cam", "summary", Duration.ofSeconds(5), () -> Thread.currentThread().getName());
            assertNotEquals(first, next);
            assertTrue(next.startsWith("gphoto2-"), next);
        }
    }

    @Test
    void callsAreSerialisedOnOneThreadAndExceptionsPassThrough() {
        try (Watchdog w = new Watchdog()) {
            String a = w.call("cam", "a", Duration.ofSeconds(5), () -> Thread.currentThread().getName());
            String b = w.call("cam", "b", Duration.ofSeconds(5), () -> Thread.currentThread().getName());
            assertEquals(a, b);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> w.call("cam", "c", Duration.ofSeconds(5), () -> {
                        throw new IllegalStateException("boom");
                    }));
            assertEquals("boom", e.getMessage());
            // a call made from the library thread itself runs in place instead of deadlocking
            assertEquals(a, w.call("cam", "outer", Duration.ofSeconds(5),
                    () -> w.call("cam", "inner", Duration.ofSeconds(5), () -> Thread.currentThread().getName())));
        }
    }
}
