/**
 * The film side of a set: loading a roll, the film shoot (state machine with operator hand-offs),
 * the roll log (lab), the simulated lab for the virtual bench. May import {@code store},
 * {@code errors}, the device wiring.
 */
package emu.station.rolls;
