package emu.devices.camera.gphoto2;

import emu.devices.camera.CameraException;
import emu.devices.camera.CameraTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread every libgphoto2 call runs on, with a time limit per call. libgphoto2 is not
 * thread-safe, so calls are serialised here; a call that does not return in time (a camera that
 * stopped answering inside a USB transfer) fails with {@link CameraTimeoutException} and its thread
 * is abandoned (native code cannot be interrupted) and replaced, so the daemon keeps running.
 */
final class Watchdog implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private ExecutorService executor = newExecutor();
    private volatile Thread current;
    private int abandoned;

    /**
     * Runs {@code body} on the library thread, waiting at most {@code timeout}.
     * Runtime exceptions from {@code body} are rethrown as they are.
     */
    <T> T call(String device, String what, Duration timeout, Callable<T> body) {
        if (Thread.currentThread() == current) {
            return direct(body);
        }
        Future<T> f;
        synchronized (this) {
            f = executor.submit(body);
        }
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            replaceThread(f);
            throw new CameraTimeoutException(device, what + " on " + device + " did not return within "
                    + timeout.toMillis() / 1000.0 + " s: the camera stopped answering. The call was abandoned; "
                    + "switch the camera off and on (or re-plug it) and the station reconnects", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new CameraException(device, what + " on " + device + " failed: " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CameraException(device, what + " on " + device + " was interrupted", e);
        }
    }

    /** How many hung threads were left behind (for status and tests). */
    synchronized int abandonedThreads() {
        return abandoned;
    }

    @Override
    public synchronized void close() {
        executor.shutdown();
    }

    private synchronized void replaceThread(Future<?> hung) {
        hung.cancel(true);
        executor.shutdownNow();
        executor = newExecutor();
        abandoned++;
    }

    private ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(() -> {
                current = Thread.currentThread();
                r.run();
            }, "gphoto2-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static <T> T direct(Callable<T> body) {
        try {
            return body.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
