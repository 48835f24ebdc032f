package emu.calibration.chart;

/** No chart of the asked kind could be located in an image; the message says what was seen. */
public final class ChartNotFoundException extends Exception {
    ChartNotFoundException(String message) {
        super(message);
    }
}
