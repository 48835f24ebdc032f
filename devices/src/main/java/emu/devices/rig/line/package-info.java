/**
 * The rig line protocol ({@code docs/rig-protocol.md}): the host driver {@link emu.devices.rig.line.LineRig}
 * (with {@link emu.devices.rig.line.LineFrame} for framing and CRC-8,
 * {@link emu.devices.rig.line.LineAssembler} splitting the byte stream into lines and
 * {@link emu.devices.rig.line.LineReplies} reading replies' arguments), and the simulated firmware the
 * tests and the virtual bench talk to: {@link emu.devices.rig.line.SimFirmware} over any byte streams,
 * run as a process by {@link emu.devices.rig.line.SimFirmwareMain} behind a pty pair
 * ({@link emu.devices.rig.line.PtyBridge}), driving a {@link emu.devices.rig.line.FirmwareLight} such as
 * {@link emu.devices.rig.line.PlainLight}. May import {@code emu.devices.rig} (the rig API, the serial
 * link and its supervisor); nothing of the station.
 */
package emu.devices.rig.line;
