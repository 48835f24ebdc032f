package emu.devices.film;

import java.util.OptionalInt;

/**
 * Real-world slips of a lab, switchable per order: a frame not scanned, file numbers offset from
 * the camera's frame numbers (edge numbers that do not start where the camera's count does), a
 * frame scanned twice (the second file gets a {@code _2} suffix), a roll developed pushed ({@code
 * pushStops}: as the order asked, or by mistake; see {@code Development#pushed}).
 */
public record LabQuirks(OptionalInt skippedFrame, int numberingOffset, OptionalInt scannedTwice, double pushStops) {
    /** A lab that gets everything right. */
    public static final LabQuirks NONE = new LabQuirks(OptionalInt.empty(), 0, OptionalInt.empty(), 0);

    /** Quirks of a roll developed by the datasheet. */
    public LabQuirks(OptionalInt skippedFrame, int numberingOffset, OptionalInt scannedTwice) {
        this(skippedFrame, numberingOffset, scannedTwice, 0);
    }

    public LabQuirks {
        if (numberingOffset < -9 || numberingOffset > 9) {
            throw new IllegalArgumentException("numbering offset must be within -9..9, got " + numberingOffset);
        }
        if (!(Math.abs(pushStops) <= 3)) {
            throw new IllegalArgumentException("push must be within -3..3 stops, got " + pushStops);
        }
    }

    /** The roll developed pushed by {@code stops} (negative: pulled). */
    public LabQuirks withPush(double stops) {
        return new LabQuirks(skippedFrame, numberingOffset, scannedTwice, stops);
    }

    public LabQuirks withSkippedFrame(int frame) {
        return new LabQuirks(OptionalInt.of(frame), numberingOffset, scannedTwice, pushStops);
    }

    public LabQuirks withNumberingOffset(int offset) {
        return new LabQuirks(skippedFrame, offset, scannedTwice, pushStops);
    }

    public LabQuirks withScannedTwice(int frame) {
        return new LabQuirks(skippedFrame, numberingOffset, OptionalInt.of(frame), pushStops);
    }
}
