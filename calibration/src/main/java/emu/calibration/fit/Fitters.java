package emu.calibration.fit;

import emu.calibration.color.LogShaper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The name -> {@link Fitter} registry:
 * <ul>
 *   <li>{@code matrix}: 3x3 + offset on log exposure, then per-channel tone curves;</li>
 *   <li>{@code polynomial}: all monomials of log exposure up to {@code degree} (2 or 3, default 2),
 *       ridge on the curvature terms, then tone curves;</li>
 *   <li>{@code root-polynomial}: Finlayson-Mackiewicz-Hurlbert root terms of linear RGB
 *       ({@code degree} 2 or 3), then fitted tone curves;</li>
 *   <li>{@code rbf}: r^2 ln r radial basis on log exposure with {@code centres} k-means centres
 *       (default 32) and a plain ridge, then tone curves (kept for existing configs and models;
 *       in three dimensions r^2 ln r is not the thin-plate kernel and the ridge is not its
 *       bending energy, which is why it cross-validated poorly);</li>
 *   <li>{@code tps}: a thin-plate regression spline in log exposure straight to film values,
 *       smoothing chosen per channel by cross-validation ({@link TpsFitter});</li>
 *   <li>{@code mlp}: a DeepLearning4J multilayer perceptron ({@link MlpFitter});</li>
 *   <li>{@code grid}: a regular lattice in log exposure ({@code size} nodes per axis, default 33) fitted to the
 *       pairs by least squares with a curvature penalty, smoothing by cross-validation, one per light
 *       ({@code grid:illuminant=per}; {@link GridFitter}, the kind of fit ArgyllCMS colprof makes).</li>
 * </ul>
 */
public final class Fitters {

    private static final Map<String, Fitter> BY_NAME = new LinkedHashMap<>();

    static {
        register(new BasisFitter("matrix", 1e-7, (pairs, o) -> new Basis.Polynomial(1)));
        register(new BasisFitter("polynomial", 1e-4, (pairs, o) -> new Basis.Polynomial(o.integer("degree", 2)), "degree"));
        register(new BasisFitter("root-polynomial", 1e-6,
                (pairs, o) -> new Basis.RootPolynomial(o.integer("degree", 2)), "degree"));
        register(new BasisFitter("rbf", 1e-3, (pairs, o) -> {
            double[] d = pairs.digital();
            for (int i = 0; i < d.length; i++) {
                d[i] = LogShaper.DEFAULT.forward(d[i]);
            }
            return new Basis.Rbf(KMeans.centres(d, o.integer("centres", 32), o.seed(), 12));
        }, "centres"));
        register(new TpsFitter());
        register(new MlpFitter());
        register(new GridFitter());
    }

    private Fitters() {}

    private static void register(Fitter f) {
        BY_NAME.put(f.name(), f);
    }

    /**
     * The fitter registered as {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known fitters if there is none
     */
    public static Fitter get(String name) {
        Fitter f = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (f == null) {
            throw new IllegalArgumentException("unknown fitter '" + name + "'; known: " + String.join(", ", names()));
        }
        return f;
    }

    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(BY_NAME.keySet()));
    }
}
