package emu.calibration.fit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a model was chosen: every candidate's cross-validated CIEDE2000 with per-illuminant and
 * per-EV breakdowns and worst patches, the finalists' leave-one-illuminant-out and held-out-EV
 * scores, fit times, and the winner. As JSON ({@link #toJson}) and as text ({@link #toText}).
 */
public record FitReport(int pairs, int folds, long seed, Map<String, String> illuminantSources,
                        List<CandidateReport> candidates, String winner, double refitSeconds, Evaluation training,
                        List<String> tunedOnce) {

    /**
     * @param tunedOnce the candidates whose smoothing was chosen once per light on all pairs and reused by their folds
     *                  ({@link ModelSelection}): their held-out scores are not nested over that choice
     */
    public FitReport {
        tunedOnce = List.copyOf(tunedOnce);
    }

    /** A report of a selection that tuned nothing once. */
    public FitReport(int pairs, int folds, long seed, Map<String, String> illuminantSources,
                     List<CandidateReport> candidates, String winner, double refitSeconds, Evaluation training) {
        this(pairs, folds, seed, illuminantSources, candidates, winner, refitSeconds, training, List.of());
    }

    /**
     * One candidate's scores; {@code error} is set (and the rest null) when it could not be fitted; {@code stopped}
     * is set (and the scores null) when the selection's racing stopped its cross-validation early ({@link Racing}).
     */
    public record CandidateReport(String spec, String error, Evaluation cv, Evaluation leaveOneIlluminantOut,
                                  Evaluation heldOutEv, double fitSeconds, Stopped stopped) {

        /** A candidate that ran (or failed) to the end. */
        public CandidateReport(String spec, String error, Evaluation cv, Evaluation leaveOneIlluminantOut,
                               Evaluation heldOutEv, double fitSeconds) {
            this(spec, error, cv, leaveOneIlluminantOut, heldOutEv, fitSeconds, null);
        }

        /** Mean of the available held-out means: patch CV, and for finalists unseen lights and EVs. */
        public double score() {
            if (cv == null) {
                return Double.POSITIVE_INFINITY;
            }
            double sum = cv.overall().mean();
            int n = 1;
            for (Evaluation e : new Evaluation[] {leaveOneIlluminantOut, heldOutEv}) {
                if (e != null) {
                    sum += e.overall().mean();
                    n++;
                }
            }
            return sum / n;
        }
    }

    /**
     * Why a candidate's cross-validation stopped after {@code foldsDone} of {@code folds} folds: its mean CIEDE2000
     * on those folds against {@code versusMean}, the mean of {@code versus}, the {@code rank}-th best complete
     * candidate, on the same folds ({@link Racing}).
     */
    public record Stopped(int foldsDone, int folds, double mean, String versus, double versusMean, int rank) {

        /** The one-line reason, e.g. "stopped after 2 of 5 folds: mean 3.702 on those folds vs 3.411 for the 2nd best (tps)". */
        public String text() {
            return String.format(Locale.ROOT, "stopped after %d of %d folds: mean %.3f on those folds vs %.3f for the %s best (%s)",
                    foldsDone, folds, mean, versusMean, ordinal(rank), versus);
        }

        static String ordinal(int n) {
            int tens = n % 100;
            String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
                case 1 -> "st";
                case 2 -> "nd";
                case 3 -> "rd";
                default -> "th";
            };
            return n + suffix;
        }

        public ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("foldsDone", foldsDone).put("folds", folds).put("mean", Stats.round(mean)).put("versus", versus)
                    .put("versusMean", Stats.round(versusMean)).put("rank", rank).put("text", text());
            return o;
        }
    }

    /**
     * What the pairs could not teach the model, for the operator to read before trusting an
     * export: with one light, every other light is served by that one alone (bench/RESULTS.md,
     * "Fidelity on unseen data": 4-10 CIEDE2000 on unseen lights against ~2 with eight); with
     * fewer than three exposures the tone curve beyond them is extrapolated from too little.
     */
    public List<String> warnings() {
        List<String> out = new java.util.ArrayList<>();
        if (illuminantSources.size() < 2) {
            out.add("trained under one light only (" + String.join(", ", illuminantSources.keySet()) + "): other"
                    + " lights are served by it alone and will be far less accurate; shoot the chart under more lights");
        }
        if (training.perEv().size() < 3) {
            out.add("trained at " + training.perEv().size() + " exposure(s) only: the tone response beyond them is"
                    + " extrapolated; bracket at least -2..+2 EV");
        }
        return out;
    }

    /** The winner's entry. */
    public CandidateReport winnerReport() {
        return candidates.stream().filter(c -> c.spec().equals(winner)).findFirst().orElseThrow();
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("pairs", pairs).put("folds", folds).put("seed", seed).put("winner", winner)
                .put("refitSeconds", Stats.round(refitSeconds));
        o.putPOJO("illuminants", illuminantSources);
        ArrayNode warnings = o.putArray("warnings");
        warnings().forEach(warnings::add);
        if (!tunedOnce.isEmpty()) {
            tunedOnce.forEach(o.putArray("tunedOnce")::add);
        }
        ArrayNode a = o.putArray("candidates");
        for (CandidateReport c : candidates) {
            ObjectNode n = a.addObject().put("spec", c.spec());
            if (c.error() != null) {
                n.put("error", c.error());
                continue;
            }
            if (c.stopped() != null) { // no score: older readers see neither "error" nor "crossValidationByPatch"
                n.put("fitSecondsPerFold", Stats.round(c.fitSeconds())).set("stopped", c.stopped().toJson());
                continue;
            }
            n.put("score", Stats.round(c.score())).put("fitSecondsPerFold", Stats.round(c.fitSeconds()));
            n.set("crossValidationByPatch", c.cv().toJson());
            if (c.leaveOneIlluminantOut() != null) {
                n.set("leaveOneIlluminantOut", c.leaveOneIlluminantOut().toJson());
            }
            if (c.heldOutEv() != null) {
                n.set("heldOutEv", c.heldOutEv().toJson());
            }
        }
        ArrayNode cmp = o.putArray("comparisonWithBestSingle");
        comparison().forEach(cmp::add);
        o.set("winnerOnTrainingPairs", training.toJson());
        return o;
    }

    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Model selection: %d pairs, %d-fold cross-validation grouped by patch, seed %d%n",
                pairs, folds, seed));
        b.append("Illuminant chromaticities: ");
        illuminantSources.forEach((k, v) -> b.append(k).append(" (").append(v).append(") "));
        b.append("\n\nCIEDE2000 of film values on held-out data (lower is better):\n");
        b.append(String.format(Locale.ROOT, "%-42s %8s %8s %8s %8s %8s %8s %8s%n", "candidate", "CV mean", "median",
                "p95", "max", "LOIO", "EV out", "s/fit"));
        for (CandidateReport c : candidates) {
            if (c.error() != null) {
                b.append(String.format(Locale.ROOT, "%-42s failed: %s%n", c.spec(), c.error()));
                continue;
            }
            if (c.stopped() != null) {
                b.append(String.format(Locale.ROOT, "%-42s %s; %.2f s/fit%n", c.spec(), c.stopped().text(), c.fitSeconds()));
                continue;
            }
            Stats s = c.cv().overall();
            b.append(String.format(Locale.ROOT, "%-42s %8.3f %8.3f %8.3f %8.3f %8s %8s %8.2f%s%n", c.spec(), s.mean(),
                    s.median(), s.p95(), s.max(), mean(c.leaveOneIlluminantOut()), mean(c.heldOutEv()),
                    c.fitSeconds(), c.spec().equals(winner) ? "  <- selected" : ""));
        }
        if (!tunedOnce.isEmpty()) {
            b.append("\nSmoothing chosen once per light on all pairs and reused by every fold (their held-out scores are"
                    + " not nested over it; no optimism measured, bench/RESULTS.md issue 24 session 17): ")
                    .append(String.join(", ", tunedOnce)).append('\n');
        }
        CandidateReport w = winnerReport();
        for (String warning : warnings()) {
            b.append("\nwarning: ").append(warning).append('\n');
        }
        b.append("\nSelected: ").append(winner).append(String.format(Locale.ROOT,
                " (score %.3f = mean of the held-out means; refit on all pairs in %.1f s)%n", w.score(), refitSeconds));
        comparison().forEach(line -> b.append(line).append('\n'));
        b.append("\nSelected model, cross-validation by patch:\n").append(w.cv().toText("  "));
        if (w.leaveOneIlluminantOut() != null) {
            b.append("\nSelected model, each illuminant predicted without having seen it:\n")
                    .append(w.leaveOneIlluminantOut().toText("  "));
        }
        if (w.heldOutEv() != null) {
            b.append("\nSelected model, lowest and highest EV held out:\n").append(w.heldOutEv().toText("  "));
        }
        b.append("\nSelected model on its own training pairs (not a generalisation estimate):\n")
                .append(training.toText("  "));
        return b.toString();
    }

    /**
     * Per held-out protocol, whether the selected model improves (more than 0.5% lower mean),
     * holds (within 0.5%) or is worse than the best single model with the same scores, the one
     * the selection would have chosen without stacking; empty when the winner is a single model.
     */
    public List<String> comparison() {
        CandidateReport w = winnerReport();
        if (!w.spec().startsWith("stack(")) {
            return List.of();
        }
        CandidateReport single = candidates.stream().filter(c -> c.cv() != null && !c.spec().startsWith("stack(")
                        && c.leaveOneIlluminantOut() != null == (w.leaveOneIlluminantOut() != null))
                .min(java.util.Comparator.comparingDouble(CandidateReport::score)).orElse(null);
        if (single == null) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        out.add("Per protocol, selected stack vs the best single model (" + single.spec() + "):");
        String[] names = {"patch cross-validation", "leave-one-illuminant-out", "held-out EVs"};
        Evaluation[] a = {w.cv(), w.leaveOneIlluminantOut(), w.heldOutEv()};
        Evaluation[] b = {single.cv(), single.leaveOneIlluminantOut(), single.heldOutEv()};
        for (int i = 0; i < 3; i++) {
            if (a[i] == null || b[i] == null) {
                continue;
            }
            double x = a[i].overall().mean();
            double y = b[i].overall().mean();
            out.add(verdictLine(names[i], x, y));
        }
        // the exposure ends separately: a stack can help one end and hurt the other (issue 24)
        if (a[2] != null && b[2] != null) {
            for (Double ev : a[2].perEv().keySet()) {
                Stats x = a[2].perEv().get(ev);
                Stats y = b[2].perEv().get(ev);
                if (y != null) {
                    out.add(verdictLine("  EV " + Evaluation.evLabel(ev) + " held out", x.mean(), y.mean()));
                }
            }
        }
        return out;
    }

    private static String verdictLine(String name, double x, double y) {
        String verdict = x < 0.995 * y ? "improves" : x <= 1.005 * y ? "holds" : "worse";
        return String.format(Locale.ROOT, "  %-26s %.3f vs %.3f: %s", name, x, y, verdict);
    }

    private static String mean(Evaluation e) {
        return e == null ? "-" : String.format(Locale.ROOT, "%.3f", e.overall().mean());
    }
}
