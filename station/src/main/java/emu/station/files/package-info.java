/**
 * The station's files as a whole: free space in the data directory and recognising a full disk;
 * the data directory as a data root several benches may share ({@link emu.station.files.DataRoot}:
 * each bench's own folder, the root's marker file). (Path confinement, which {@code calibration}
 * needs too, is {@code emu.calibration.io.Confined}.) May import {@code emu.station.errors},
 * {@code emu.station.config}, {@code emu.calibration.io} and the JDK.
 */
package emu.station.files;
