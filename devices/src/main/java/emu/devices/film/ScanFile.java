package emu.devices.film;

import java.nio.file.Path;

/**
 * One delivered scan: the camera frame it really shows (the truth a test compares pairing
 * against), the number the lab printed in the file name, and the two files.
 */
public record ScanFile(int frame, int labeledNumber, Path tiff, Path jpeg) {}
