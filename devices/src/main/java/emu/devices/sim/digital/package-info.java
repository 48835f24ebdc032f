/**
 * The simulated digital camera's colour pipeline: spectral sensor, metering, clipping, noise, fixed white balance and
 * matrix. Cameras by name ({@code DigitalCameraModel.named}): {@code nikon-d5100}, the simulator's camera everywhere,
 * and {@code moved}, an invented sensor for benches that must not measure only the D5100. Imports calibration's colour
 * maths and the devices' spectral simulation only.
 */
package emu.devices.sim.digital;
