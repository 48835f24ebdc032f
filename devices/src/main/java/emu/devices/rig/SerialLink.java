package emu.devices.rig;

import java.io.IOException;

/**
 * A byte link to a rig: a serial port, or an in-process pipe to a simulated firmware. Reads
 * return after at most {@link #READ_TIMEOUT_MS}, so a reader thread can poll without spinning.
 */
public interface SerialLink extends AutoCloseable {
    /** Upper bound of one {@link #read} wait, in milliseconds. */
    int READ_TIMEOUT_MS = 100;

    /**
     * Reads what has arrived, waiting up to {@link #READ_TIMEOUT_MS}.
     *
     * @return bytes read (&gt; 0), 0 if none arrived in time, -1 when the link is gone for good
     *     (port removed, far end closed)
     */
    int read(byte[] buf) throws IOException;

    /** Writes all of {@code data}; throws when the link is gone. */
    void write(byte[] data) throws IOException;

    /** Idempotent; a blocked {@link #read} returns within its timeout. */
    @Override
    void close();

    /** Opens a link; the drivers call it again to reconnect. */
    @FunctionalInterface
    interface Opener {
        SerialLink open() throws RigException;
    }
}
