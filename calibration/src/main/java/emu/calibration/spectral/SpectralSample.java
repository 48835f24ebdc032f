package emu.calibration.spectral;

/**
 * One training reading as the spectral fits see it: the light's name, the EV, R·L (the patch's reflectance times the
 * light's unit-luminance SPD on the 81-sample grid), the digital and the film RGB.
 */
public record SpectralSample(String light, double ev, double[] rl, double[] d, double[] f) {}
