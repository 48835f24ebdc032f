/**
 * Charts and patch reading: {@link emu.calibration.chart.ChartSpecs} (the chart registry: the
 * ColorChecker 24 and our 190-patch grid), {@link emu.calibration.chart.ChartLocator} (automatic
 * detection or operator corners -> {@link emu.calibration.chart.ChartLocation}), {@link
 * emu.calibration.chart.PatchSampler} (robust per-patch statistics and flags -> {@link
 * emu.calibration.chart.PatchReading}) and {@link emu.calibration.chart.ChartReader}, which does
 * both for an image file; {@link emu.calibration.chart.ChartOverlay} draws what was read onto the
 * image (java.awt only, no file I/O); {@link emu.calibration.chart.ChartSpectra} gives the patches' measured
 * reflectances by patch id (the one copy of the tables, also the simulator's). Images are {@link emu.calibration.chart.RgbImage}s, read through
 * {@link emu.calibration.io.ImageFiles}. No device or database I/O here.
 */
package emu.calibration.chart;
