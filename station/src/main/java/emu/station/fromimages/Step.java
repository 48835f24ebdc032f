package emu.station.fromimages;

import java.nio.file.Path;

/**
 * One plan step shot elsewhere: the capture, the scan of the film frame shot at the same step, and
 * what the pairs CSV needs to know of it.
 *
 * @param source where the pairing came from, for messages (e.g. {@code manifest.csv line 4})
 */
public record Step(Path capture, Path scan, String illuminant, double ev, String roll, String frame, String source) {}
