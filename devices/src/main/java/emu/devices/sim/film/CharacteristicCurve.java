package emu.devices.sim.film;

/**
 * One layer's characteristic (H&amp;D) curve: density above base + fog as a function of log10
 * exposure, with a smooth toe, a straight line of slope {@code gamma} and a smooth shoulder
 * saturating at {@code range} (Hurter &amp; Driffield 1890; shape as in James, The Theory of the
 * Photographic Process, 4th ed., ch. 17).
 *
 * <p>D(x) = softmin(t·softplus(γ(x − x₀)/t), D_range; s) where softplus(u) = ln(1 + eᵘ) and
 * softmin(a, b; s) = −s·ln(e^(−a/s) + e^(−b/s)). Both pieces are increasing, so the curve is
 * strictly monotone; {@code toe} (t) and {@code shoulder} (s) are the softness of each bend in
 * density units.
 *
 * @param foot log10 exposure x₀ where the straight line meets zero density (relative to an
 *     18% grey at the metered exposure, log10 0.18 = −0.745)
 * @param gamma slope of the straight line
 * @param toe softness of the toe, density
 * @param range maximum density above fog
 * @param shoulder softness of the shoulder, density
 */
public record CharacteristicCurve(double foot, double gamma, double toe, double range, double shoulder) {
    public CharacteristicCurve {
        if (!(gamma > 0 && toe > 0 && range > 0 && shoulder > 0)) {
            throw new IllegalArgumentException("characteristic curve needs positive gamma, toe, range and shoulder: " + this);
        }
    }

    /** Density above base + fog at log10 exposure {@code logH}. */
    public double density(double logH) {
        double u = gamma * (logH - foot) / toe;
        double toeD = toe * (u > 30 ? u : Math.log1p(Math.exp(u)));
        double a = toeD / shoulder;
        double b = range / shoulder;
        double m = Math.min(a, b);
        return -shoulder * (-m + Math.log(Math.exp(-(a - m)) + Math.exp(-(b - m))));
    }

    /** This curve developed differently: slope scaled by {@code gammaFactor}, shifted by {@code speedShift} in log exposure. */
    public CharacteristicCurve developed(double gammaFactor, double speedShift) {
        return new CharacteristicCurve(foot - speedShift, gamma * gammaFactor, toe, range * Math.sqrt(gammaFactor), shoulder);
    }
}
