/** Devices of the bench: the camera ({@code camera}), the illuminant rig ({@code rig}) and the virtual bench ({@code sim}). */
package emu.devices;
