package emu.devices.sim.lab;

import emu.devices.sim.spectral.Illuminant;

/**
 * One exposed frame of a roll: its number in the camera (1-based), the plan step it belongs to,
 * the light that reached it (the rig's emission at the moment of exposure, intensity and drift
 * included) and the exposure relative to the metered one.
 */
public record ExposedFrame(int number, String step, Illuminant light, double ev) {}
