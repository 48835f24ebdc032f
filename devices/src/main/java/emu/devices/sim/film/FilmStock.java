package emu.devices.sim.film;

import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.Spectrum;
import java.util.Objects;

/**
 * A colour-negative stock: what the emulsion sees and what it forms. Layers are indexed red,
 * green, blue (the red-sensitive layer forms cyan dye, green magenta, blue yellow).
 *
 * <ul>
 *   <li>{@code sensitivity}: the spectral sensitivity of each layer (relative; the stock is
 *       balanced so a neutral under {@code balance} exposes all layers equally);</li>
 *   <li>{@code curves}: each layer's characteristic curve;</li>
 *   <li>{@code interlayer}: DIR-coupler inhibition, {@code interlayer[i][j]} = density removed
 *       from layer i per unit density developed in layer j (diagonal 0); see {@link #dyeDensities}; a neutral keeps its
 *       contrast and only colour differences are exaggerated
 *       (Hanson &amp; Horton 1952, "Subtractive color reproduction: interimage effects");</li>
 *   <li>{@code dyes}: the spectral density of each dye at unit peak density, including its
 *       unwanted absorptions;</li>
 *   <li>{@code masks}: the spectral density of each layer's coloured coupler where no dye formed;
 *       consumed in proportion to dye formed, it cancels the dye's unwanted absorption (the
 *       orange mask, Hanson &amp; Vittum 1947);</li>
 *   <li>{@code base}: the base + fog spectral density;</li>
 *   <li>{@code fog}: dye density formed without exposure, per layer;</li>
 *   <li>{@code variation}: the roll-to-roll development spread (1 = typical lab);</li>
 *   <li>{@code granularity}: RMS dye-density noise of one scan pixel at unit density;</li>
 *   <li>{@code printContrast}: exponent of the lab's display tone curve for this stock.</li>
 * </ul>
 */
public record FilmStock(String name, String description, String balance, Spectrum[] sensitivity,
        CharacteristicCurve[] curves, double[][] interlayer, Spectrum[] dyes, Spectrum[] masks, Spectrum base,
        double[] fog, double variation, double granularity, double printContrast) {

    public FilmStock {
        Objects.requireNonNull(name, "name");
        Illuminants.get(balance);
        if (sensitivity.length != 3 || curves.length != 3 || interlayer.length != 3 || dyes.length != 3
                || masks.length != 3 || fog.length != 3) {
            throw new IllegalArgumentException("stock " + name + ": three layers expected");
        }
        for (int i = 0; i < 3; i++) {
            if (interlayer[i][0] + interlayer[i][1] + interlayer[i][2] >= 0.5) {
                throw new IllegalArgumentException("stock " + name + ": interlayer inhibition of layer " + i + " must sum below 0.5");
            }
            if (interlayer[i][i] != 0) {
                throw new IllegalArgumentException("stock " + name + ": a layer cannot inhibit itself (interlayer[" + i + "][" + i + "])");
            }
        }
    }

    /** The illuminant the stock is balanced for. */
    public Illuminant balanceIlluminant() {
        return Illuminants.get(balance);
    }

    /**
     * log10 exposure of each layer for a surface under {@code light} at {@code ev} stops from the
     * metered exposure: H_i = b_i · 2^EV · ∫ S_i R E dλ with E at unit luminance (a light meter
     * reads luminance) and b_i chosen so an 18% grey under the balance illuminant gives
     * H = 0.18 in every layer.
     */
    public double[] logExposure(Spectrum reflectance, Illuminant light, double ev) {
        Spectrum balanceSpd = balanceIlluminant().spd();
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            double b = 1 / sensitivity[i].integrate(balanceSpd);
            double h = b * Math.pow(2, ev) * sensitivity[i].integrate(reflectance, light.spd());
            out[i] = Math.log10(Math.max(h, 1e-12));
        }
        return out;
    }

    /**
     * Dye density formed in each layer (in units of the dye's peak density, fog included) for
     * log exposures {@code logH} under {@code dev}. DIR inhibitors released where layer j
     * develops hold back development in layer i; modelled as a loss of effective log exposure,
     * x_i' = x_i − Σ_j k_ij D_j(x_j) / γ_j, then D_i = C_i(x₀ + (x_i' − x₀)/(1 − Σ_j k_ij)), C_i steepened
     * about its foot x₀ so a neutral keeps its contrast. Since D_j rises no faster than γ_j·x_j
     * and Σ_j k_ij &lt; 0.5, x_i' (hence D_i) still rises with exposure: inhibition exaggerates
     * colour differences without ever reversing a tone.
     */
    public double[] dyeDensities(double[] logH, Development dev) {
        CharacteristicCurve[] developed = new CharacteristicCurve[3];
        double[] free = new double[3];
        for (int i = 0; i < 3; i++) {
            developed[i] = curves[i].developed(dev.gammaFactor()[i], dev.speedShift()[i]);
            free[i] = developed[i].density(logH[i]);
        }
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            double inhibition = 0;
            double x = logH[i];
            for (int j = 0; j < 3; j++) {
                inhibition += interlayer[i][j];
                x -= interlayer[i][j] * free[j] / developed[j].gamma();
            }
            CharacteristicCurve c = developed[i];
            double foot = c.foot();
            // the curve steepened about its foot: C'(x') = C(foot + (x' − foot) / (1 − K))
            double d = c.density(foot + (x - foot) / (1 - inhibition));
            out[i] = d + fog[i] + dev.fog()[i];
        }
        return out;
    }

    /** The negative's spectral density for dye densities {@code dye}: base, dyes, and what is left of the masks. */
    public Spectrum spectralDensity(double[] dye) {
        Spectrum d = base;
        for (int i = 0; i < 3; i++) {
            double left = Math.max(0, 1 - dye[i] / curves[i].range());
            d = d.plus(dyes[i].scale(dye[i])).plus(masks[i].scale(left));
        }
        return d;
    }

    @Override
    public Spectrum[] sensitivity() {
        return sensitivity.clone();
    }

    @Override
    public CharacteristicCurve[] curves() {
        return curves.clone();
    }

    @Override
    public String toString() {
        return "FilmStock[" + name + "]";
    }
}
