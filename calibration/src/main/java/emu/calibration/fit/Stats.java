package emu.calibration.fit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/** Summary of colour differences: count, mean, median, 95th percentile (nearest rank), max. */
public record Stats(int n, double mean, double median, double p95, double max) {

    public static Stats of(double[] values) {
        if (values.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        double p95 = s[Math.max(0, (int) Math.ceil(0.95 * n) - 1)];
        return new Stats(n, sum / n, median, p95, s[n - 1]);
    }

    ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("n", n).put("mean", round(mean)).put("median", round(median))
                .put("p95", round(p95)).put("max", round(max));
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
    }

    /** "mean 1.23  median 1.01  p95 2.90  max 4.10  (n 1200)". */
    String line() {
        return String.format(java.util.Locale.ROOT, "mean %6.3f  median %6.3f  p95 %6.3f  max %6.3f  (n %d)",
                mean, median, p95, max, n);
    }
}
