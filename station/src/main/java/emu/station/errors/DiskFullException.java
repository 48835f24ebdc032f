package emu.station.errors;

/**
 * The data directory's disk is full or below {@code station.min_free_mb}: the work can be done once
 * space is freed, so it is paused or refused, never recorded as failed. HTTP: 507.
 */
public class DiskFullException extends RuntimeException {
    public DiskFullException(String message) {
        super(message);
    }

    public DiskFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
