/**
 * The digital shoot ({@link emu.station.shoot.ShootRunner}): walks a set's plan, lights each
 * step, brackets and captures, retries, pauses, resumes after a kill; and the bench drift it
 * measures on reference frames ({@link emu.station.shoot.ReferenceFrames},
 * {@link emu.station.shoot.BenchDrift}, issue 20). May import {@code bench} (the devices),
 * {@code store}, {@code config}, {@code readings}, {@code errors}.
 */
package emu.station.shoot;
