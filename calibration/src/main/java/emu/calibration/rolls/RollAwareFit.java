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
 *   <li>The model selection runs on every roll's pairs as they came ({@link Nominal#POOLED}, the
 *       default: a flag is reported and the operator decides whether to leave the roll out), on the
 *       in-control rolls' pairs as they came ({@link Nominal#IN_CONTROL_POOLED}) or on them corrected
 *       by each roll's deviation ({@link Nominal#CORRECTED}): its model is the nominal response, the
 *       one exports use. Every roll's deviation is then estimated against the selected model and
 *       reported with the spread and flags, whichever the variant.</li>
 * </ol>
 *
 * <p>Why pooled is the default (bench/RESULTS.md, "The celluloid lottery", portrait-160, seeds 1-5,
 * mean CIEDE2000 from the oracle's output, i.e. the bias the rolls leave in the model): with no
 * roll pushed, corrected 0.306, in-control-pooled 0.295, pooled 0.192; with one roll pushed 1/3
 * stop, 0.247 / 0.237 / 0.228. Correcting by the estimated deviations never helped on average (it
 * adds the estimates' error to every roll), and leaving a flagged roll out automatically costs more
 * than it saves while the limits come from three other rolls: 2 of 20 natural rolls were flagged
 * falsely, and leaving them out made the nominal worse. Against the nominal render the variants are
 * within the seed-to-seed scatter (2.831 / 2.823 / 2.831 at +1/3 stop, 2.833 / 2.837 / 2.819 with
 * none). So the flag is reported with its numbers, and leaving the roll out is the operator's
 * one click (the station's "leave out and refit"); the other variants stay selectable by name.
 */
public final class RollAwareFit {
    /** The quick model deviations are first measured against: a root polynomial, fitted in a second. */
    static final String REFERENCE = "root-polynomial:degree=2";
    static final int ROUNDS = 3;

    /** The nominal model, the selection's report on the pairs it was fitted on, and the rolls. */
    public record Result(ModelSelection.Result selection, RollReport rolls) {}

    /**
     * Which pairs the nominal model (step 4) is selected on. Deviations, spread and flags are
     * estimated and reported the same way by both.
     */
    public enum Nominal {
        /** Every roll's pairs as they came: flags are reported, no roll is left out automatically. */
        POOLED("pooled"),
        /** The in-control rolls' pairs corrected by each roll's estimated deviation. */
        CORRECTED("corrected"),
        /** The in-control rolls' pairs as they came: the pooled fit with the flagged rolls left out. */
        IN_CONTROL_POOLED("in-control-pooled");

        /** The name settings, the CLI and the bench use. */
        public final String id;

        Nominal(String id) {
            this.id = id;
        }

        /** The variant named {@code id}; the message names the choices. */
        public static Nominal parse(String id) {
            for (Nominal n : values()) {
                if (n.id.equals(id)) {
                    return n;
                }
            }
            throw new IllegalArgumentException("unknown roll-aware nominal '" + id + "': one of pooled, corrected, in-control-pooled");
        }
    }

    /** The variant {@link #run(PairSet, ModelSelection.Settings)} and the daemon use: see the class comment. */
    public static final Nominal DEFAULT = Nominal.POOLED;

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
        return run(pairs, settings, DEFAULT);
    }

    /**
     * Runs the roll-aware fit with the nominal selected on the pairs {@code nominal} names.
     *
     * @throws IllegalArgumentException when the pairs cannot be fitted roll-aware ({@link #notComparable})
     */
    public static Result run(PairSet pairs, ModelSelection.Settings settings, Nominal nominal) {
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
        if (nominal == Nominal.POOLED) {
            inControl.clear();
            inControl.addAll(byRoll.keySet()); // flags stay in the spread; the nominal keeps every roll
        }
        PairSet nominalPairs = switch (nominal) {
            case CORRECTED -> corrected;
            case IN_CONTROL_POOLED -> pairs.filter(p -> inControl.contains(p.roll()));
            case POOLED -> pairs;
        };
        ModelSelection.Result sel = ModelSelection.run(nominalPairs, settings);
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
