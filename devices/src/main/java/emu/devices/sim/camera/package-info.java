/** The simulated digital camera: the {@code Camera} API over the virtual bench ({@code sim} driver). */
package emu.devices.sim.camera;
