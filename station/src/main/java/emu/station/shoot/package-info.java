/**
 * The digital shoot ({@link emu.station.shoot.ShootRunner}): walks a set's plan, lights each
 * step, brackets and captures, retries, pauses, resumes after a kill. May import {@code bench}
 * (the devices), {@code store}, {@code config}, {@code readings}, {@code errors}.
 */
package emu.station.shoot;
