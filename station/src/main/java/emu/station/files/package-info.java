/**
 * The station's files as a whole: free space in the data directory and recognising a full disk.
 * (Path confinement, which {@code calibration} needs too, is {@code emu.calibration.io.Confined}.)
 * May import {@code emu.station.errors} and the JDK.
 */
package emu.station.files;
