/**
 * Lab process control (issue 20, item 2): a lab's control strip for C-41, E-6 or ECN-2 read as
 * status M densities ({@link emu.calibration.process.StripDensities}: D-min, LD, HD per channel; or read
 * from the strip's scan, {@link emu.calibration.process.StripScan}),
 * compared with the strip lot's reference strip as control values ({@link
 * emu.calibration.process.ControlValues}: D-min, LD (speed), HD-LD (contrast) deviations per
 * channel, and the colour-balance spreads), judged against the process's action and control limits
 * ({@link emu.calibration.process.ProcessLimits}, {@link emu.calibration.process.Evaluation}), and
 * laid out as the Shewhart X charts a lab manager reads ({@link emu.calibration.process.ControlChart}).
 * Pure logic: imports nothing of ours, no I/O (a scan arrives as a decoded image); the station stores strips and serves the charts.
 */
package emu.calibration.process;
