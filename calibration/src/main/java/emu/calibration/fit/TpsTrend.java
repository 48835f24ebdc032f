package emu.calibration.fit;

import emu.calibration.pairs.PairSet;
import java.util.Map;

/**
 * The parametric trend under a thin-plate spline ({@code tps:trend=SPEC}, SPEC a candidate with '/' for
 * ':', e.g. {@code root-polynomial/degree=3}): a semiparametric fit (Ruppert, Wand &amp; Carroll 2003,
 * "Semiparametric Regression", ch. 4 and 13; in kriging terms "universal kriging", the trend carrying the
 * large-scale shape): the trend's fitter is fitted on the pairs first, with the spline's illuminant mode,
 * and the penalised spline then models its residuals, film - trend. The plain spline's own trend is its
 * null space, affine in log exposure, which is what it extrapolates with past its knots; the trend here
 * follows the tone curve instead (bench/RESULTS.md, issue 24 session 10).
 *
 * <p>Far from the knots: the kernel weights satisfy sum_j w_j = 0 and sum_j w_j kappa_j = 0 (the null-space
 * parameterisation), so sum_j w_j |s - kappa_j| = O(1 / |s|) as |s| grows (expand |s - kappa| = |s| -
 * s^.kappa + O(1/|s|)): the kernel part fades by itself. The spline's linear terms in s would not, so with a
 * trend they are left out and only its constant (per light feature, when conditional) is fitted, unless
 * {@code trend-linear=true}: far out the prediction is the trend plus a constant offset.
 *
 * <p>Not in the default selection: on the bench's training CSVs it is the best single candidate, but as the default
 * spline it displaces the stacks and root polynomials that hold the middle and dark exposures on held-out reflectances
 * (bench/RESULTS.md, "Issue 24, session 10: a spline on a polynomial trend").
 *
 * <p>The smoothing's inner cross-validation scores the spline on residuals of a trend fitted on all the
 * pairs (the held-out patches included): a small optimism in the choice of lambda only; the outer model
 * selection refits everything per fold.
 */
final class TpsTrend {

    private TpsTrend() {}

    /** The trend's candidate of {@code options} ({@code trend}), or null when there is none. */
    static Candidate candidate(FitOptions options) {
        String spec = options.text("trend", null);
        if (spec == null) {
            return null;
        }
        Candidate c;
        try {
            c = Candidate.parse(spec.replace('/', ':'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("candidate '" + options.spec() + "': trend: " + e.getMessage(), e);
        }
        if (c.fitter() instanceof TpsFitter || c.perIlluminant() || c.hybrid() || c.params().containsKey("illuminant")) {
            throw new IllegalArgumentException("candidate '" + options.spec() + "': trend must be a non-tps candidate"
                    + " without an illuminant mode (it takes the spline's), got '" + spec + "'");
        }
        return c;
    }

    /** Fits the trend on {@code pairs} with the spline's light features (null: illuminant-blind). */
    static FittedModel fit(Candidate trend, PairSet pairs, FitOptions options) {
        Map<String, String> params = trend.params();
        return trend.fitter().fit(pairs, new FitOptions(options.seed(), params, trend.spec(), options.illuminants(),
                false));
    }

    /** The trend's film values on the pairs, n x 3, each pair under its own light. */
    static double[] predict(FittedModel trend, PairSet pairs) {
        double[] out = new double[3 * pairs.size()];
        double[] d = pairs.digital();
        // Grouped by light: one predict call per light rather than per pair.
        Map<String, PairSet> byLight = pairs.byIlluminant();
        for (String light : byLight.keySet()) {
            int count = 0;
            for (int i = 0; i < pairs.size(); i++) {
                if (pairs.get(i).illuminant().equals(light)) {
                    count++;
                }
            }
            int[] idx = new int[count];
            double[] in = new double[3 * count];
            int j = 0;
            for (int i = 0; i < pairs.size(); i++) {
                if (pairs.get(i).illuminant().equals(light)) {
                    idx[j] = i;
                    System.arraycopy(d, 3 * i, in, 3 * j, 3);
                    j++;
                }
            }
            double[] p = trend.predict(in, light);
            for (int t = 0; t < count; t++) {
                System.arraycopy(p, 3 * t, out, 3 * idx[t], 3);
            }
        }
        return out;
    }

    /**
     * Which of the {@code pa} affine columns ({@link TpsModel#affineRow}: [1, s] per light-feature value) the
     * spline fits: all without a trend or with {@code trend-linear=true}; else the constants only.
     */
    static boolean[] fittedAffine(int pa, boolean trend, FitOptions options) {
        String linear = options.text("trend-linear", "false");
        if (!linear.equals("true") && !linear.equals("false")) {
            throw new IllegalArgumentException("candidate '" + options.spec() + "': trend-linear must be true or false");
        }
        boolean[] keep = new boolean[pa];
        for (int t = 0; t < pa; t++) {
            keep[t] = !trend || linear.equals("true") || t % 4 == 0;
        }
        return keep;
    }
}
