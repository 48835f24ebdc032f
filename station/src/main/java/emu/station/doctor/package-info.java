/**
 * {@code station doctor}: what the running user can and cannot reach (data directory, free disk,
 * camera, rig port), each with the fix. Reads the config and the file system only; opens no device,
 * so it is safe beside a running daemon. May import {@code config}; the CLI prints its checks.
 */
package emu.station.doctor;
