/**
 * The digital shoot ({@link emu.station.shoot.ShootRunner}): walks a set's plan, lights each
 * step, brackets and captures, retries, pauses, resumes after a kill. The runner walks the steps;
 * its state machine and progress, which the operator's calls and the step loop share, are
 * {@link emu.station.shoot.ShootControl}, under that object's monitor alone. The work of one step
 * (light, capture, verify, record, clean a half capture) is {@link emu.station.shoot.StepShot}, and
 * what the bench holds the shoot for (a full disk, a camera gone) and when that clears is
 * {@link emu.station.shoot.Holds}; both take no lock. The bench drift it measures on reference
 * frames ({@link emu.station.shoot.ReferenceFrames}, {@link emu.station.shoot.BenchDrift}, issue 20),
 * and re-shooting the steps that drifted past the threshold ({@link emu.station.shoot.DriftReshoot}:
 * supersedes their captures, starts the runner); each rig light's lamp hours
 * ({@link emu.station.shoot.LampClock}). A run holds its set's lease in the catalogue
 * ({@link emu.station.shoot.SetLease}, taken through this bench's {@code SetLease.Keeper}, issue 21):
 * one bench at a time shoots a set. The resume marker is {@link emu.station.shoot.ShootMarker}. May
 * import {@code bench} (the devices), {@code store}, {@code config}, {@code readings}, {@code errors},
 * {@code files}, the camera API ({@code emu.devices.camera}) and {@code emu.calibration}.
 */
package emu.station.shoot;
