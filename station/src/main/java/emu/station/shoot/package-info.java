/**
 * The digital shoot ({@code ShootRunner}: walks a set's plan, lights each step, brackets and
 * captures, retries, pauses, resumes after a kill) and the device wiring ({@code Devices}: picks
 * the camera and rig drivers from config, the virtual bench when configured; the one station class
 * that builds simulators, with {@code SimFilmBench}, the virtual bench's film camera and lab). May import {@code store}, {@code config}, {@code readings}, {@code errors}
 * and the devices.
 */
package emu.station.shoot;
