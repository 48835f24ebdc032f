package emu.devices.film;

import java.util.Objects;

/**
 * What a film body recorded for one frame: enough to develop the roll later, in another process
 * (the station stores it with the frame, so a restart loses no exposed frame).
 *
 * @param frame the frame's number on the roll, from 1
 * @param step the plan step's code the frame belongs to (what a slate shows)
 * @param light the name of the light it was exposed under ({@code dark} before any preset)
 * @param spectrum the spectrum that reached the film, 380-780 nm in 5 nm steps, as emitted
 *     (intensity and warm-up drift in it)
 * @param ev stops from the metered exposure
 */
public record FilmExposure(int frame, String step, String light, double[] spectrum, double ev) {
    public FilmExposure {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(light, "light");
        spectrum = spectrum.clone();
    }

    @Override
    public double[] spectrum() {
        return spectrum.clone();
    }
}
