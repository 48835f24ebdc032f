package emu.calibration.rolls;

import emu.calibration.fit.Candidate;
import emu.calibration.fit.ColourModel;
import emu.calibration.fit.IlluminantFeatures;
import emu.calibration.fit.ModelSelection;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fits the stock's nominal response and each roll's deviation from it (issue 20).
 *
 * <ol>
 *   <li>A quick reference response ({@value #REFERENCE}) is fitted on the pairs; each roll's
 *       deviation from it is estimated ({@link RollEstimator}).</li>
 *   <li>The deviations are centred on the in-control rolls (the first time on the
 *       parameter-wise median, robust to one bad roll; then on the mean of the rolls not
 *       flagged), so the nominal is what a typical roll of the stock gives; each roll's
 *       distance from that centre is measured and compared with the others' control limits
 *       ({@link RollSpread}).</li>
 *   <li>Every in-control roll's pairs are brought to nominal terms (digital values shifted,
 *       scan values with the roll's contrast and offset undone) and the reference refitted;
 *       steps 1-3 repeat {@value #ROUNDS} times.</li>
 *   <li>The model selection runs on the corrected pairs of the in-control rolls: its model is
 *       the nominal response, the one exports use. A flagged roll is left out of it (its
 *       corrected pairs would still carry what the nine parameters cannot describe); every
 *       roll's deviation is then estimated against the selected model and reported with the
 *       spread and flags.</li>
 * </ol>
 */
public final class RollAwareFit {
    /** The quick model deviations are first measured against: a root polynomial, fitted in a second. */
    static final String REFERENCE = "root-polynomial:degree=2";
    static final int ROUNDS = 3;

    /** The nominal model, the selection's report on the corrected pairs, and the rolls. */
    public record Result(ModelSelection.Result selection, RollReport rolls) {}

    private RollAwareFit() {}

    /** The distinct roll names of {@code pairs}, first seen first (a blank roll name counts as a roll). */
    public static List<String> rolls(PairSet pairs) {
        return List.copyOf(pairs.byRoll().keySet());
    }

    /** Share of the pairs' (light, EV) steps every roll must cover for the rolls to be compared. */
    static final double COVERAGE = 0.8;

    /**
     * Why these pairs cannot be fitted roll-aware, or empty when they can: two or more rolls, each
     * covering at least {@value #COVERAGE} of the (light, EV) steps of all the pairs. A plan split
     * over rolls (the first roll the daylights, the next the tungsten) cannot tell a roll's
     * deviation from a light's rendering: such rolls are fitted pooled, as before.
     */
    public static java.util.Optional<String> notComparable(PairSet pairs) {
        Map<String, PairSet> byRoll = pairs.byRoll();
        if (byRoll.size() < 2) {
            return java.util.Optional.of("a roll-aware fit needs pairs from two or more rolls (the pairs CSV's 'roll' column);"
                    + " these come from " + byRoll.size() + ": " + String.join(", ", byRoll.keySet()));
        }
        Set<String> steps = steps(pairs);
        List<String> partial = new ArrayList<>();
        byRoll.forEach((roll, p) -> {
            int n = steps(p).size();
            if (n < COVERAGE * steps.size()) {
                partial.add(roll + " (" + n + " of " + steps.size() + ")");
            }
        });
        return partial.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("the rolls do not repeat the plan, so a"
                + " roll's deviation cannot be told from a light's or an exposure's rendering: each roll must cover at least "
                + Math.round(COVERAGE * 100) + "% of the (light, EV) steps; " + String.join(", ", partial));
    }

    private static Set<String> steps(PairSet pairs) {
        Set<String> out = new LinkedHashSet<>();
        pairs.forEach(p -> out.add(p.illuminant() + "@" + p.ev()));
        return out;
    }

    /**
     * Runs the roll-aware fit.
     *
     * @throws IllegalArgumentException when the pairs cannot be fitted roll-aware ({@link #notComparable})
     */
    public static Result run(PairSet pairs, ModelSelection.Settings settings) {
        notComparable(pairs).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        Map<String, PairSet> byRoll = pairs.byRoll();
        IlluminantFeatures lights = IlluminantFeatures.from(pairs);
        Candidate reference = Candidate.parse(REFERENCE);
        Set<String> inControl = new LinkedHashSet<>(byRoll.keySet());
        PairSet corrected = pairs;
        List<RollDeviation> centred = List.of();
        for (int round = 0; round < ROUNDS; round++) {
            ColourModel ref = reference.fit(corrected, settings.seed(), lights);
            List<RollDeviation> raw = new ArrayList<>();
            byRoll.forEach((roll, p) -> raw.add(RollEstimator.estimate(roll, ref, p)));
            List<RollDeviation> basis = raw.stream().filter(d -> inControl.contains(d.roll())).toList();
            RollDeviation centre = RollDeviation.centre("centre", basis, round == 0);
            centred = raw.stream().map(d -> d.relativeTo(centre)).toList();
            List<RollSpread> spread = spread(ref, centred, byRoll);
            inControl.clear();
            spread.stream().filter(s -> !s.flagged()).forEach(s -> inControl.add(s.roll()));
            if (inControl.isEmpty()) {
                inControl.addAll(byRoll.keySet()); // no roll in control: none stands out, keep them all
            }
            settings.progress().accept(String.format(java.util.Locale.ROOT,
                    "rolls, round %d/%d: spread %s; flagged: %s", round + 1, ROUNDS, summary(spread),
                    inControl.size() == byRoll.size() ? "none" : String.join(", ", flaggedNames(spread))));
            corrected = correct(byRoll, centred, inControl);
        }
        ModelSelection.Result sel = ModelSelection.run(corrected, settings);
        List<RollDeviation> finals = new ArrayList<>();
        byRoll.forEach((roll, p) -> finals.add(RollEstimator.estimate(roll, sel.model(), p)));
        List<RollSpread> spread = spread(sel.model(), finals, byRoll);
        List<String> leftOut = byRoll.keySet().stream().filter(r -> !inControl.contains(r)).toList();
        return new Result(sel, new RollReport(finals, spread, List.copyOf(inControl), leftOut, List.of()));
    }

    /** Each roll's distance from {@code nominal} and its flag against the others' limits ({@link RollControl}). */
    static List<RollSpread> spread(ColourModel nominal, List<RollDeviation> devs, Map<String, PairSet> byRoll) {
        Map<String, RollSpread.Limit> limits = RollControl.limits(nominal, devs, byRoll);
        List<RollSpread> out = new ArrayList<>();
        for (RollDeviation d : devs) {
            out.add(RollSpread.measure(nominal, d, byRoll.get(d.roll())).withLimit(limits.get(d.roll())));
        }
        return out;
    }

    /** The pairs of the rolls in {@code keep} brought to nominal terms by their deviations. */
    static PairSet correct(Map<String, PairSet> byRoll, List<RollDeviation> devs, Set<String> keep) {
        List<Pair> out = new ArrayList<>();
        for (RollDeviation d : devs) {
            if (!keep.contains(d.roll())) {
                continue;
            }
            PairSet p = byRoll.get(d.roll());
            double[] digital = d.shiftInput(p.digital());
            double[] film = d.undoScanSide(p.film());
            for (int i = 0; i < p.size(); i++) {
                Pair o = p.get(i);
                out.add(new Pair(o.frame(), o.roll(), o.illuminant(), o.ev(), o.patch(), digital[3 * i], digital[3 * i + 1],
                        digital[3 * i + 2], film[3 * i], film[3 * i + 1], film[3 * i + 2]));
            }
        }
        return new PairSet(out);
    }

    private static String summary(List<RollSpread> spread) {
        StringBuilder b = new StringBuilder();
        for (RollSpread s : spread) {
            b.append(b.length() == 0 ? "" : ", ").append(s.roll()).append(String.format(java.util.Locale.ROOT, " %.2f", s.meanDeltaE()));
        }
        return b.toString();
    }

    private static List<String> flaggedNames(List<RollSpread> spread) {
        return spread.stream().filter(RollSpread::flagged).map(RollSpread::roll).toList();
    }
}
