package emu.devices.film;

import java.util.OptionalInt;

/**
 * Real-world slips of a lab, switchable per order: a frame not scanned, file numbers offset from
 * the camera's frame numbers (edge numbers that do not start where the camera's count does), a
 * frame scanned twice (the second file gets a {@code _2} suffix).
 */
public record LabQuirks(OptionalInt skippedFrame, int numberingOffset, OptionalInt scannedTwice) {
    /** A lab that gets everything right. */
    public static final LabQuirks NONE = new LabQuirks(OptionalInt.empty(), 0, OptionalInt.empty());

    public LabQuirks {
        if (numberingOffset < -9 || numberingOffset > 9) {
            throw new IllegalArgumentException("numbering offset must be within -9..9, got " + numberingOffset);
        }
    }

    public LabQuirks withSkippedFrame(int frame) {
        return new LabQuirks(OptionalInt.of(frame), numberingOffset, scannedTwice);
    }

    public LabQuirks withNumberingOffset(int offset) {
        return new LabQuirks(skippedFrame, offset, scannedTwice);
    }

    public LabQuirks withScannedTwice(int frame) {
        return new LabQuirks(skippedFrame, numberingOffset, OptionalInt.of(frame));
    }
}
