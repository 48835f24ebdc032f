/**
 * Lab process control (issue 20, item 2): the control strips a lab runs with each roll and the
 * strip lots' reference strips ({@link emu.station.labs.ControlStrips}: validation and storage,
 * typed by the operator or delivered by a lab the station drives), and what they say ({@link
 * emu.station.labs.ProcessControl}: a roll's control values and verdict against its process's
 * limits, a lab's Shewhart charts over time). The judging itself is {@code
 * emu.calibration.process}'s. May import {@code store}, {@code errors}, {@code config},
 * {@code emu.calibration.process} and the film seam's {@code emu.devices.film.ControlStrip}.
 */
package emu.station.labs;
