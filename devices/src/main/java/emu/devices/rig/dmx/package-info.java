/**
 * DMX512 rigs through an Enttec DMX USB Pro: the widget's serial framing ({@link
 * emu.devices.rig.dmx.EnttecFrame}), fixture definitions mapping named illuminants to channel
 * values ({@link emu.devices.rig.dmx.DmxFixture}) and the driver ({@link
 * emu.devices.rig.dmx.EnttecProRig}). Reference: Enttec, "DMX USB Pro Widget API Specification
 * 1.44".
 */
package emu.devices.rig.dmx;
