import emu.calibration.pairs.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 24, session 7 (bench study): a spectral model of the camera and of the film estimated from
 * training pairs whose patches have known reflectances, shot under lights with known spectra. Nothing
 * of the simulator's own camera or film is read: only pairs, reflectances and SPDs.
 *
 * <ul>
 *   <li>Camera: digital_c = s_L 2^ev Σ_λ R(λ) L(λ) S_c(λ), S_c on the 81-sample grid (effective: white
 *       balance and matrix included, so any sign), second-difference smoothness penalty (Whittaker
 *       smoother, Eilers 2003), relative errors; s_L a per-light scale (the camera's metering). An
 *       unseen light gets s_U from the metering rule the pairs imply: 18% grey reads luminance 0.18 at EV 0
 *       (ColourModel's input contract), the fitted s_L printed beside the rule's.</li>
 *   <li>Film: x_c = log2(2^ev Σ R L F_c), F_c ≥ 0 smooth; x'_c = x_c + Σ_d A_cd (x_c − x_d) + o_Lc (interimage
 *       crosstalk, a neutral unchanged, Hanson &amp; Horton 1952; o_Lc each trained roll's speed shift, Σ_L o_Lc = 0,
 *       0 for an unseen light); film_c = g_c(x'_c), g_c monotone (non-negative sums of logistic steps).
 *       Fitted by alternation: g by NNLS; targets x' = g⁻¹(film); A and o by weighted least squares; F by
 *       NNLS on the linearised exposures, each row weighted by g' (film error ≈ g'·Δx).</li>
 * </ul>
 * SPDs at unit luminance (calibration's {@code Illuminant.unitLuminanceSpd}), 380-780 nm in 5 nm steps.
 */
final class SpectralFit {
    static final int N = 81;
    static final double[] LUMA = {0.2126, 0.7152, 0.0722};

    /** One training reading: the light, EV, R·L on the grid, digital and film RGB. */
    record Sample(String light, double ev, double[] rl, double[] d, double[] f) {}

    final double[][] cam = new double[3][];
    final double[][] film = new double[3][N];
    final Curve[] curve = new Curve[3];
    final double[][] cross = new double[3][3];
    final Map<String, Double> scale = new LinkedHashMap<>();
    final Map<String, double[]> offset = new LinkedHashMap<>();
    /** SPECTRAL_MIX=1: film = B g(x'), a 3x3 B after the curves (the dyes' unwanted absorptions in the scan); else B = I. */
    static final boolean MIX = "1".equals(System.getenv("SPECTRAL_MIX"));
    double[][] mix = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    /**
     * Interimage through the film's own response (SPECTRAL_DIR=0: off), x'_c += Σ_{d≠c} K_cd f_d (inhibition grows with the
     * density formed in the other layers and saturates with it, Hanson &amp; Horton 1952; f the film reading as its
     * proxy, observed in training, solved by fixed-point iteration in prediction).
     */
    static final boolean DIR = !"0".equals(System.getenv("SPECTRAL_DIR"));
    final double[][] dir = new double[3][3];

    /** Fits both models on {@code samples}; {@code lamCam}, {@code lamFilm}: smoothness relative to the data term. */
    static SpectralFit fit(List<Sample> samples, double lamCam, double lamFilm, int iterations) {
        SpectralFit m = new SpectralFit();
        m.fitCamera(samples, lamCam);
        m.fitFilm(samples, lamFilm, iterations);
        return m;
    }

    // ---------------------------------------------------------------- camera

    /** Readings the camera fit left out: off it by more than 5% (clipped: a training CSV may keep them). */
    int cameraDropped;

    void fitCamera(List<Sample> all, double lam) {
        // Start from the darker half (a clipped reading is a bright one), then keep what the fit explains within 5%,
        // three rounds: a CSV with clipped readings (the evaluator's) must not bend the sensitivities.
        double[] ys = all.stream().mapToDouble(SpectralFit::luminance).sorted().toArray();
        double median = ys[ys.length / 2];
        List<Sample> kept = all.stream().filter(s -> luminance(s) <= median).toList();
        for (int round = 0; round < 4; round++) {
            fitCamera(kept, lam, 8);
            List<Sample> next = new ArrayList<>();
            for (Sample s : all) {
                double[] d = digital(s.rl(), s.ev(), scale.get(s.light()));
                boolean off = false;
                for (int c = 0; c < 3; c++) {
                    off |= Math.abs(d[c] - s.d()[c]) > 0.05 * (Math.max(luminance(s), 0) + 0.01);
                }
                if (!off) {
                    next.add(s);
                }
            }
            kept = next;
        }
        fitCamera(kept, lam, 8);
        cameraDropped = all.size() - kept.size();
    }

    static double luminance(Sample s) {
        return LUMA[0] * s.d()[0] + LUMA[1] * s.d()[1] + LUMA[2] * s.d()[2];
    }

    void fitCamera(List<Sample> samples, double lam, int iterations) {
        Map<String, List<Sample>> by = byLight(samples);
        by.keySet().forEach(l -> scale.put(l, 1.0));
        double[][] pen = penalty();
        for (int it = 0; it < iterations; it++) {
            for (int c = 0; c < 3; c++) {
                double[][] h = new double[N][N];
                double[] b = new double[N];
                for (Sample s : samples) {
                    double k = scale.get(s.light()) * Math.pow(2, s.ev());
                    double w = weight(s);
                    addOuter(h, b, s.rl(), k, w, s.d()[c]);
                }
                cam[c] = solve(addPenalty(h, pen, lam), b, false);
            }
            for (String l : by.keySet()) { // s_L by least squares, then the geometric mean of s fixed at 1
                double num = 0;
                double den = 0;
                for (Sample s : by.get(l)) {
                    for (int c = 0; c < 3; c++) {
                        double q = Math.pow(2, s.ev()) * dot(s.rl(), cam[c]);
                        num += weight(s) * q * s.d()[c];
                        den += weight(s) * q * q;
                    }
                }
                scale.put(l, num / den);
            }
            double gm = Math.exp(scale.values().stream().mapToDouble(Math::log).average().orElse(0));
            scale.replaceAll((l, v) -> v / gm);
            for (double[] sc : cam) {
                for (int i = 0; i < N; i++) {
                    sc[i] *= gm;
                }
            }
        }
    }

    /** Relative errors: each reading weighted by 1 / (its luminance + 0.01)². */
    static double weight(Sample s) {
        double y = LUMA[0] * s.d()[0] + LUMA[1] * s.d()[1] + LUMA[2] * s.d()[2];
        return 1 / Math.pow(Math.max(y, 0) + 0.01, 2);
    }

    /** The metering rule: the scale at which a flat 18% grey under {@code spd} reads luminance 0.18 at EV 0. */
    double meteredScale(double[] spd) {
        double y = 0;
        for (int c = 0; c < 3; c++) {
            y += LUMA[c] * dot(spd, cam[c]);
        }
        return 1 / y;
    }

    double[] digital(double[] rl, double ev, double s) {
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            out[c] = s * Math.pow(2, ev) * dot(rl, cam[c]);
        }
        return out;
    }

    // ---------------------------------------------------------------- film

    void fitFilm(List<Sample> samples, double lam, int iterations) {
        for (int c = 0; c < 3; c++) { // start: broad bands at 600 / 545 / 450 nm
            double peak = new double[] {600, 545, 450}[c];
            for (int i = 0; i < N; i++) {
                double nm = 380 + 5 * i - peak;
                film[c][i] = Math.exp(-nm * nm / (2 * 35 * 35));
            }
        }
        List<String> lights = new ArrayList<>(byLight(samples).keySet());
        lights.forEach(l -> offset.put(l, new double[3]));
        double[][] pen = penalty();
        int n = samples.size();
        for (int it = 0; it < iterations; it++) {
            double[][] x = new double[n][];
            double[][] xp = new double[n][];
            for (int p = 0; p < n; p++) {
                x[p] = logExposure(samples.get(p).rl(), samples.get(p).ev());
                xp[p] = crossed(x[p], offset.get(samples.get(p).light()), samples.get(p).f());
            }
            for (int c = 0; c < 3; c++) {
                double[] xs = new double[n];
                double[] fs = new double[n];
                for (int p = 0; p < n; p++) {
                    xs[p] = xp[p][c];
                    fs[p] = unmixed(samples.get(p).f())[c];
                }
                curve[c] = Curve.fit(xs, fs);
            }
            if (MIX) {
                fitMix(samples, xp);
            }
            double[][] y = new double[n][3];
            double[][] g = new double[n][3];
            for (int p = 0; p < n; p++) {
                for (int c = 0; c < 3; c++) {
                    y[p][c] = curve[c].inverse(unmixed(samples.get(p).f())[c]);
                    g[p][c] = Math.max(curve[c].slope(y[p][c]), 1e-3);
                }
            }
            fitCrossAndOffsets(samples, lights, x, y, g);
            for (int c = 0; c < 3; c++) { // F_c: Σ R L F 2^ev / E_target ≈ 1, weighted by g'
                double[][] h = new double[N][N];
                double[] b = new double[N];
                for (int p = 0; p < n; p++) {
                    Sample s = samples.get(p);
                    double[] o = offset.get(s.light());
                    double t = y[p][c] - o[c];
                    for (int d = 0; d < 3; d++) {
                        t -= cross[c][d] * (x[p][c] - x[p][d]) + dir[c][d] * s.f()[d];
                    }
                    double k = Math.pow(2, s.ev() - t);
                    addOuter(h, b, s.rl(), k, g[p][c] * g[p][c], 1);
                }
                double[] next = solve(addPenalty(h, pen, lam), b, true);
                for (int i = 0; i < N; i++) {
                    film[c][i] = it == 0 ? next[i] : 0.5 * (film[c][i] + next[i]);
                }
            }
        }
        double[][] x = new double[samples.size()][];
        for (int p = 0; p < samples.size(); p++) {
            x[p] = crossed(logExposure(samples.get(p).rl(), samples.get(p).ev()), offset.get(samples.get(p).light()),
                    samples.get(p).f());
        }
        for (int c = 0; c < 3; c++) { // the last curve fitted on the final exposures
            double[] xs = new double[x.length];
            double[] fs = new double[x.length];
            for (int p = 0; p < x.length; p++) {
                xs[p] = x[p][c];
                fs[p] = unmixed(samples.get(p).f())[c];
            }
            curve[c] = Curve.fit(xs, fs);
        }
    }

    /** y_c − x_c = Σ_{d≠c} A_cd (x_c − x_d) + o_Lc, o coded sum-to-zero over the lights; weighted by g'². */
    void fitCrossAndOffsets(List<Sample> samples, List<String> lights, double[][] x, double[][] y, double[][] g) {
        int nl = lights.size();
        for (int c = 0; c < 3; c++) {
            int nd = DIR ? 2 : 0;
            int k = 2 + nd + nl - 1;
            double[][] h = new double[k][k];
            double[] b = new double[k];
            for (int p = 0; p < samples.size(); p++) {
                double[] f = new double[k];
                int q = 0;
                for (int d = 0; d < 3; d++) {
                    if (d != c) {
                        f[q++] = x[p][c] - x[p][d];
                    }
                }
                for (int d = 0; d < 3 && DIR; d++) {
                    if (d != c) {
                        f[q++] = samples.get(p).f()[d];
                    }
                }
                int li = lights.indexOf(samples.get(p).light());
                for (int j = 0; j < nl - 1; j++) {
                    f[2 + nd + j] = li == j ? 1 : li == nl - 1 ? -1 : 0;
                }
                double w = g[p][c] * g[p][c];
                double r = y[p][c] - x[p][c];
                for (int i = 0; i < k; i++) {
                    b[i] += w * f[i] * r;
                    for (int j = 0; j < k; j++) {
                        h[i][j] += w * f[i] * f[j];
                    }
                }
            }
            for (int i = 0; i < k; i++) {
                h[i][i] += 1e-9 * (h[i][i] + 1);
            }
            double[] sol = solve(h, b, false);
            int q = 0;
            for (int d = 0; d < 3; d++) {
                cross[c][d] = d == c ? 0 : sol[q++];
            }
            for (int d = 0; d < 3 && DIR; d++) {
                dir[c][d] = d == c ? 0 : sol[q++];
            }
            double last = 0;
            for (int j = 0; j < nl - 1; j++) {
                offset.get(lights.get(j))[c] = sol[2 + nd + j];
                last -= sol[2 + nd + j];
            }
            offset.get(lights.get(nl - 1))[c] = last;
        }
    }

    double[] logExposure(double[] rl, double ev) {
        double[] x = new double[3];
        for (int c = 0; c < 3; c++) {
            x[c] = ev + Math.log(Math.max(dot(rl, film[c]), 1e-12)) / Math.log(2);
        }
        return x;
    }

    double[] crossed(double[] x, double[] o, double[] f) {
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            out[c] = x[c] + o[c];
            for (int d = 0; d < 3; d++) {
                out[c] += cross[c][d] * (x[c] - x[d]) + dir[c][d] * f[d];
            }
        }
        return out;
    }

    /** Film RGB of R·L at {@code ev}; {@code light} null (an unseen light: no roll offset) or a trained one. */
    double[] film(double[] rl, double ev, String light) {
        double[] x = logExposure(rl, ev);
        double[] o = light == null ? new double[3] : offset.get(light);
        double[] g = new double[3];
        for (int it = 0; it < (DIR ? 20 : 1); it++) { // the film reading the inhibition depends on: fixed point
            double[] xp = crossed(x, o, g);
            g = new double[] {curve[0].at(xp[0]), curve[1].at(xp[1]), curve[2].at(xp[2])};
        }
        double[] out = new double[3];
        for (int r = 0; r < 3; r++) {
            out[r] = mix[r][0] * g[0] + mix[r][1] * g[1] + mix[r][2] * g[2];
        }
        return out;
    }

    /** B⁻¹ f: the curves' outputs that B mixes into the film reading f. */
    double[] unmixed(double[] f) {
        if (!MIX) {
            return f;
        }
        double[][] h = new double[3][];
        for (int r = 0; r < 3; r++) {
            h[r] = mix[r].clone();
        }
        return solveGeneral(h, f.clone());
    }

    /** B by least squares: f_r ≈ Σ_c B_rc g_c(x'_c), the curves as just fitted. */
    void fitMix(List<Sample> samples, double[][] xp) {
        double[][] h = new double[3][3];
        double[][] b = new double[3][3];
        for (int p = 0; p < samples.size(); p++) {
            double[] g = {curve[0].at(xp[p][0]), curve[1].at(xp[p][1]), curve[2].at(xp[p][2])};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    h[i][j] += g[i] * g[j];
                }
                for (int r = 0; r < 3; r++) {
                    b[r][i] += g[i] * samples.get(p).f()[r];
                }
            }
        }
        double[][] prev = mix;
        double[][] next = new double[3][];
        for (int r = 0; r < 3; r++) {
            double[][] hc = new double[3][];
            for (int i = 0; i < 3; i++) {
                hc[i] = h[i].clone();
            }
            double[] row = solve(hc, b[r], false);
            next[r] = new double[3];
            for (int i = 0; i < 3; i++) {
                next[r][i] = 0.5 * (prev[r][i] + row[i]); // damped, as the sensitivities
            }
        }
        mix = next;
    }

    /** A small general system by Gaussian elimination with partial pivoting. */
    static double[] solveGeneral(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            double tb = b[col];
            b[col] = b[piv];
            b[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[r][k] -= f * a[col][k];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double v = b[r];
            for (int k = r + 1; k < n; k++) {
                v -= a[r][k] * x[k];
            }
            x[r] = v / a[r][r];
        }
        return x;
    }

    /** Synthetic pairs under {@code light} (unit-luminance {@code spd}) for these reflectances and EVs. */
    List<Pair> synthesise(String light, double[] spd, Map<String, double[]> refl, List<Double> evs, double clip) {
        double s = meteredScale(spd);
        List<Pair> out = new ArrayList<>();
        for (double ev : evs) {
            for (Map.Entry<String, double[]> e : refl.entrySet()) {
                double[] rl = times(e.getValue(), spd);
                double[] d = digital(rl, ev, s);
                if (Math.max(d[0], Math.max(d[1], d[2])) > clip) {
                    continue; // the training CSV leaves clipped readings out: so do the synthetic pairs
                }
                double[] f = film(rl, ev, null);
                out.add(new Pair("syn", "syn", light, ev, e.getKey(), d[0], d[1], d[2], f[0], f[1], f[2]));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- algebra

    static Map<String, List<Sample>> byLight(List<Sample> samples) {
        Map<String, List<Sample>> by = new LinkedHashMap<>();
        samples.forEach(s -> by.computeIfAbsent(s.light(), k -> new ArrayList<>()).add(s));
        return by;
    }

    /** h += w k² a aᵀ, b += w k a t. */
    static void addOuter(double[][] h, double[] b, double[] a, double k, double w, double t) {
        for (int i = 0; i < a.length; i++) {
            double ai = w * k * a[i];
            b[i] += ai * t;
            for (int j = 0; j < a.length; j++) {
                h[i][j] += ai * k * a[j];
            }
        }
    }

    /** Second differences DᵀD (Whittaker smoother). */
    static double[][] penalty() {
        double[][] p = new double[N][N];
        for (int i = 0; i + 2 < N; i++) {
            double[] d = new double[N];
            d[i] = 1;
            d[i + 1] = -2;
            d[i + 2] = 1;
            addOuter(p, new double[N], d, 1, 1, 0);
        }
        return p;
    }

    /** h + lam · (tr h / tr p) · p: the smoothness weight relative to the data term. */
    static double[][] addPenalty(double[][] h, double[][] p, double lam) {
        double th = 0;
        double tp = 0;
        for (int i = 0; i < N; i++) {
            th += h[i][i];
            tp += p[i][i];
        }
        double k = lam * th / tp;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                h[i][j] += k * p[i][j];
            }
            h[i][i] += 1e-10 * th / N;
        }
        return h;
    }

    /** Solves h x = b (symmetric positive definite), or with {@code nonNeg} x ≥ 0 by cyclic coordinate descent. */
    static double[] solve(double[][] h, double[] b, boolean nonNeg) {
        int n = b.length;
        if (!nonNeg) {
            double[][] a = new double[n][];
            for (int i = 0; i < n; i++) {
                a[i] = Arrays.copyOf(h[i], n + 1);
                a[i][n] = b[i];
            }
            for (int col = 0; col < n; col++) { // Gaussian elimination (SPD: no pivoting needed)
                for (int r = col + 1; r < n; r++) {
                    double f = a[r][col] / a[col][col];
                    for (int k = col; k <= n; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
            double[] x = new double[n];
            for (int r = n - 1; r >= 0; r--) {
                double s = a[r][n];
                for (int k = r + 1; k < n; k++) {
                    s -= a[r][k] * x[k];
                }
                x[r] = s / a[r][r];
            }
            return x;
        }
        double[] x = solve(h, b, false);
        for (int i = 0; i < n; i++) {
            x[i] = Math.max(0, x[i]);
        }
        for (int sweep = 0; sweep < 2000; sweep++) {
            double change = 0;
            double scale = 0;
            for (int i = 0; i < n; i++) {
                double g = -b[i];
                for (int j = 0; j < n; j++) {
                    g += h[i][j] * x[j];
                }
                double next = Math.max(0, x[i] - g / h[i][i]);
                change = Math.max(change, Math.abs(next - x[i]));
                scale = Math.max(scale, Math.abs(next));
                x[i] = next;
            }
            if (change <= 1e-10 * scale) {
                break;
            }
        }
        return x;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] times(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    /** A monotone curve: c0 + Σ_k b_k σ((x − t_k) / h), b_k ≥ 0, knots spread over the data's range. */
    record Curve(double c0, double[] b, double[] t, double h) {
        static final int K = 16;

        static Curve fit(double[] x, double[] f) {
            double lo = Arrays.stream(x).min().orElse(0);
            double hi = Arrays.stream(x).max().orElse(1);
            double[] t = new double[K];
            for (int k = 0; k < K; k++) {
                t[k] = lo + (hi - lo) * (k + 0.5) / K;
            }
            double h = (hi - lo) / K;
            // c0 via a very large column of ones that is non-negative after shifting f by its minimum
            double fmin = Arrays.stream(f).min().orElse(0);
            double[][] hh = new double[K + 1][K + 1];
            double[] bb = new double[K + 1];
            double[] row = new double[K + 1];
            for (int p = 0; p < x.length; p++) {
                row[0] = 1;
                for (int k = 0; k < K; k++) {
                    row[k + 1] = sig((x[p] - t[k]) / h);
                }
                addOuter(hh, bb, row, 1, 1, f[p] - fmin + 1);
            }
            for (int i = 0; i <= K; i++) {
                hh[i][i] += 1e-8 * (hh[i][i] + 1);
            }
            double[] sol = solve(hh, bb, true);
            return new Curve(sol[0] + fmin - 1, Arrays.copyOfRange(sol, 1, K + 1), t, h);
        }

        static double sig(double z) {
            return 1 / (1 + Math.exp(-z));
        }

        double at(double x) {
            double s = c0;
            for (int k = 0; k < b.length; k++) {
                s += b[k] * sig((x - t[k]) / h);
            }
            return s;
        }

        double slope(double x) {
            double s = 0;
            for (int k = 0; k < b.length; k++) {
                double g = sig((x - t[k]) / h);
                s += b[k] * g * (1 - g) / h;
            }
            return s;
        }

        /** x with at(x) = v, by bisection over the knots' range widened by 4 steps (clamped at its ends). */
        double inverse(double v) {
            double lo = t[0] - 4 * h;
            double hi = t[t.length - 1] + 4 * h;
            for (int i = 0; i < 60; i++) {
                double mid = 0.5 * (lo + hi);
                if (at(mid) < v) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return 0.5 * (lo + hi);
        }
    }
}
