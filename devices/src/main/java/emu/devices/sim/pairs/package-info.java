/** The pairs generator: the virtual bench at patch level, written as the pairs CSV (DESIGN.md) with held-out splits. */
package emu.devices.sim.pairs;
