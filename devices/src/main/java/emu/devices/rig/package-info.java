/**
 * The illuminant rig: the bench's programmable light. {@link emu.devices.rig.IlluminantRig} is
 * the API every driver implements; {@code line} speaks the emu-station rig line protocol
 * ({@code docs/rig-protocol.md}) and holds the simulated firmware; {@code dmx} drives any DMX512
 * fixture through an Enttec DMX USB Pro. Errors are {@link emu.devices.rig.RigException}s.
 */
package emu.devices.rig;
