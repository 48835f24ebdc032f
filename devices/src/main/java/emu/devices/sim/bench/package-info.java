/**
 * The shared state of the virtual bench: the light the simulated rig emits right now
 * ({@link emu.devices.sim.bench.VirtualBench}), driven through the rig's simulated firmware by
 * {@link emu.devices.sim.bench.SpectralLight} and seen by the simulated cameras.
 */
package emu.devices.sim.bench;
