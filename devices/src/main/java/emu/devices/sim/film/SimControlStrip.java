package emu.devices.sim.film;

/**
 * The virtual lab's control strip (issue 20): a strip of the stock's own emulsion exposed to a
 * neutral at three places and developed in the same run as the roll, so it carries the run's
 * development exactly as the roll's frames do. Read by the lab scanner's channels, which stand in
 * for a status M densitometer (both are narrow-band red, green, blue transmission readings).
 *
 * <ul>
 *   <li>D-min: unexposed film (base + fog);</li>
 *   <li>LD: a neutral {@value #LD_EV} stops from the stock's metered grey, on the straight part of the
 *       curve: what a speed change moves;</li>
 *   <li>HD: {@value #HD_EV} stops, higher on the curve: HD−LD is the contrast.</li>
 * </ul>
 * The positions are the virtual bench's choice (a Kodak strip's LD and HD steps are marked on
 * the strip, not given as exposures); the reference strip of the lot is the same strip developed
 * by the datasheet ({@link Development#NOMINAL}).
 */
public final class SimControlStrip {
    /** The LD step's exposure relative to the metered grey, in stops. */
    public static final double LD_EV = -1;
    /** The HD step's exposure relative to the metered grey, in stops. */
    public static final double HD_EV = 3;

    private SimControlStrip() {}

    /** Nine densities, D-min, LD, HD x R, G, B, of a strip of {@code stock} developed with {@code dev}. */
    public static double[] read(FilmStock stock, Development dev, Scanner scanner) {
        ProcessedRoll p = new ProcessedRoll(stock, dev, scanner);
        double[] out = new double[9];
        double[][] logH = {{-12, -12, -12},
                stock.logExposure(emu.devices.sim.spectral.Spectrum.constant(0.18), stock.balanceIlluminant(), LD_EV),
                stock.logExposure(emu.devices.sim.spectral.Spectrum.constant(0.18), stock.balanceIlluminant(), HD_EV)};
        for (int step = 0; step < 3; step++) {
            double[] d = p.scanDensities(stock.dyeDensities(logH[step], dev));
            System.arraycopy(d, 0, out, step * 3, 3);
        }
        return out;
    }
}
