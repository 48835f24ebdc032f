package emu.devices.camera.gphoto2;

import emu.devices.camera.CameraException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded retry with exponential backoff for failures that pass: a camera answering PTP "Device
 * Busy" (0x2019, libgphoto2 -110) while it writes to its card, a USB transfer error mid-download.
 *
 * @param retries extra attempts after the first
 * @param backoff wait before the first retry; doubled before each next one
 */
record RetryPolicy(int retries, Duration backoff) {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    RetryPolicy {
        if (retries < 0 || backoff.isNegative()) {
            throw new IllegalArgumentException("retries and backoff must be >= 0");
        }
    }

    /** Runs {@code body}, retrying it while it throws {@code retryOn}; the last such failure is rethrown. */
    <T> T run(String what, Class<? extends CameraException> retryOn, Supplier<T> body) {
        long wait = backoff.toMillis();
        for (int attempt = 0; ; attempt++) {
            try {
                return body.get();
            } catch (CameraException e) {
                if (!retryOn.isInstance(e) || attempt >= retries) {
                    throw e;
                }
                LOG.warn("{}: {} (attempt {} of {}), retrying in {} ms", what, e.getMessage(), attempt + 1,
                        retries + 1, wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait *= 2;
            }
        }
    }
}
