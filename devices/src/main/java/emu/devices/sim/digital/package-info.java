/** The simulated digital camera's colour pipeline: spectral sensor, metering, clipping, noise, fixed white balance and matrix. */
package emu.devices.sim.digital;
