/**
 * Chart readings: finding the chart in a capture or scan and reading its patches
 * ({@code ChartReadings}, operator corners when detection fails) and re-reading a whole set as a
 * job ({@code Reread}). May import {@code store}, {@code errors}, the job queue, {@code emu.calibration}.
 */
package emu.station.readings;
