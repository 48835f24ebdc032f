import emu.calibration.fit.ColourModel;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.ModelSelection;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.RollWeights;
import emu.calibration.rolls.RollAwareFit;
import emu.calibration.rolls.RollSpread;
import emu.devices.sim.film.Lottery;
import emu.devices.sim.pairs.GeneratedPair;
import emu.devices.sim.pairs.PairsGenerator;
import emu.devices.sim.pairs.PairsSpec;
import java.util.List;
import java.util.Locale;

/**
 * The celluloid lottery figure (issue 20): ROLLS rolls of a stock on the virtual bench, each shooting
 * the whole plan (6 lights x 5 EVs, 214 patches; clipped digital and stuck film readings dropped),
 * roll PUSHED developed as if pushed by PUSH stops (0 = none). For each seed: the roll-aware fit
 * (nominal response + per-roll deviations, flags) with its nominal fitted on the corrected pairs and on the
 * in-control rolls' pairs as they came ({@link RollAwareFit.Nominal}), a pooled model (the same candidates on all pairs as
 * they came) and an oracle (the same candidates on ROLLS rolls developed exactly by the datasheet, same
 * seed, same digital noise: what a fit would reach without any roll variation), each scored by mean
 * CIEDE2000 against the stock's nominal render (one datasheet roll, all 214 patches).
 * Usage: java ... bench/rolls/RollLottery.java STOCK SEEDS(1,2,3) [ROLLS] [PUSHED] [PUSH] [CANDIDATES] [--detail]
 *        [--variation X] (the roll-to-roll spread, times the stock's own; default 1)
 *        [--weights W1,W2,...] (instead: the pushed roll down-weighted by each W, {@link RollWeights}, and the
 *        daemon's default roll-aware fit, pooled nominal, scored against the nominal render and against the
 *        oracle's output over the same digital values)
 */
public class RollLottery {
    public static void main(String[] a) {
        String stock = a.length > 0 ? a[0] : "portrait-160";
        List<Long> seeds = List.of((a.length > 1 ? a[1] : "7").split(",")).stream().map(Long::parseLong).toList();
        int rolls = a.length > 2 ? Integer.parseInt(a[2]) : 4;
        int pushed = a.length > 3 ? Integer.parseInt(a[3]) : 3;
        double push = a.length > 4 ? Double.parseDouble(a[4]) : 1.0 / 3;
        List<String> candidates = a.length > 5 ? List.of(a[5].split(",")) : List.of("root-polynomial:degree=3");
        boolean detail = List.of(a).contains("--detail");
        double variation = List.of(a).contains("--variation") ? Double.parseDouble(a[List.of(a).indexOf("--variation") + 1]) : 1;
        if (List.of(a).contains("--weights")) {
            List<Double> weights = List.of(a[List.of(a).indexOf("--weights") + 1].split(",")).stream().map(Double::parseDouble).toList();
            weightSweep(stock, seeds, rolls, pushed, push, candidates, variation, weights);
            return;
        }
        System.out.printf(Locale.ROOT, "stock %s, %d rolls, roll-to-roll spread x%.2f of the stock's, roll %d pushed %+.3f stops;"
                + " candidates %s%n", stock, rolls, variation, pushed, pushed == 0 ? 0 : push, candidates);
        System.out.printf(Locale.ROOT, "%5s %8s %9s %9s %9s %9s  %s%n", "seed", "flagged", "pushed", "its UCL", "others",
                "", "mean dE00 vs nominal render: corrected / in-control-pooled / pooled / oracle; from the oracle's output: corrected / in-control-pooled / pooled");
        for (long seed : seeds) {
            PairsSpec base = PairsSpec.defaults(stock, seed).withIlluminants(PairsSpec.DEFAULT_ILLUMINANTS, List.of())
                    .withEvs(PairsSpec.DEFAULT_EVS, List.of());
            PairSet train = usable(base.withLottery(new Lottery(variation, rolls, pushed, pushed == 0 ? 0 : push, 0)));
            PairSet oracleTrain = usable(base.withLottery(new Lottery(0, rolls, 0, 0, 0)));
            PairSet nominal = usable(base.withLottery(new Lottery(0, 1, 0, 0, 0)));
            ModelSelection.Settings s = new ModelSelection.Settings(candidates, 5, 1, 0, 2, null);
            RollAwareFit.Result aware = RollAwareFit.run(train, s, RollAwareFit.Nominal.CORRECTED);
            RollAwareFit.Result inCtl = RollAwareFit.run(train, s, RollAwareFit.Nominal.IN_CONTROL_POOLED);
            ColourModel pooled = ModelSelection.run(train, s).model();
            ColourModel oracle = ModelSelection.run(oracleTrain, s).model();
            double dA = score(aware.selection().model(), nominal);
            double dI = score(inCtl.selection().model(), nominal);
            double dP = score(pooled, nominal);
            double dO = score(oracle, nominal);
            String name = String.format(Locale.ROOT, "R%04d", pushed);
            RollSpread p = aware.rolls().spread().stream().filter(r -> r.roll().equals(name)).findFirst().orElse(null);
            double others = aware.rolls().spread().stream().filter(r -> !r.roll().equals(name) && r.limit() != null)
                    .mapToDouble(r -> r.limit().statistic()).max().orElse(Double.NaN);
            double[] ref = Evaluation.predict(oracle, nominal);
            double bA = Evaluation.of(nominal, Evaluation.deltaE(new PairSet(withFilm(nominal, ref)), Evaluation.predict(aware.selection().model(), nominal))).overall().mean();
            double bI = Evaluation.of(nominal, Evaluation.deltaE(new PairSet(withFilm(nominal, ref)), Evaluation.predict(inCtl.selection().model(), nominal))).overall().mean();
            double bP = Evaluation.of(nominal, Evaluation.deltaE(new PairSet(withFilm(nominal, ref)), Evaluation.predict(pooled, nominal))).overall().mean();
            System.out.printf(Locale.ROOT, "%5d %8s %9s %9s %9.3f %9s  %.3f / %.3f / %.3f / %.3f; %.3f / %.3f / %.3f%n", seed,
                    aware.rolls().flagged().isEmpty() ? "-" : String.join("+", aware.rolls().flagged()),
                    p == null || p.limit() == null ? "-" : String.format(Locale.ROOT, "%.3f", p.limit().statistic()),
                    p == null || p.limit() == null ? "-" : String.format(Locale.ROOT, "%.3f", p.limit().upper()), others, "",
                    dA, dI, dP, dO, bA, bI, bP);
            if (detail) {
                System.out.print(aware.rolls().toText());
            }
        }
        System.out.println("pushed: the pushed roll's control statistic (mean CIEDE2000 from the other rolls' mean); its UCL: the"
                + " others' Shewhart upper limit; others: the largest other roll's statistic");
    }

    /** The pushed roll at each training weight: pairs kept, flag, the nominal's mean CIEDE2000 from the nominal render. */
    private static void weightSweep(String stock, List<Long> seeds, int rolls, int pushed, double push, List<String> candidates,
                                    double variation, List<Double> weights) {
        String name = String.format(Locale.ROOT, "R%04d", pushed);
        System.out.printf(Locale.ROOT, "stock %s, %d rolls, spread x%.2f, roll %s pushed %+.3f stops; candidates %s;"
                + " default roll-aware fit (pooled nominal) with %s down-weighted%n", stock, rolls, variation, name, push, candidates, name);
        System.out.printf(Locale.ROOT, "%5s %7s %8s %8s %12s %12s%n", "seed", "weight", "pairs", "flagged", "dE00 nominal",
                "dE00 oracle");
        for (long seed : seeds) {
            PairsSpec base = PairsSpec.defaults(stock, seed).withIlluminants(PairsSpec.DEFAULT_ILLUMINANTS, List.of())
                    .withEvs(PairsSpec.DEFAULT_EVS, List.of());
            PairSet train = usable(base.withLottery(new Lottery(variation, rolls, pushed, push, 0)));
            PairSet nominal = usable(base.withLottery(new Lottery(0, 1, 0, 0, 0)));
            ModelSelection.Settings s = new ModelSelection.Settings(candidates, 5, 1, 0, 2, null);
            PairSet oracleTrain = usable(base.withLottery(new Lottery(0, rolls, 0, 0, 0)));
            PairSet oracleOut = new PairSet(withFilm(nominal, Evaluation.predict(ModelSelection.run(oracleTrain, s).model(), nominal)));
            for (double w : weights) {
                PairSet weighted = RollWeights.apply(train, java.util.Map.of(name, w), 1);
                RollAwareFit.Result r = RollAwareFit.run(weighted, s); // at weight 0 the roll is gone: as left out
                String flagged = String.join("+", r.rolls().flagged());
                System.out.printf(Locale.ROOT, "%5d %7.2f %8d %8s %12.3f %12.3f%n", seed, w, weighted.size(),
                        flagged.isEmpty() ? "-" : flagged, score(r.selection().model(), nominal), score(r.selection().model(), oracleOut));
            }
        }
    }

    private static PairSet usable(PairsSpec spec) {
        List<GeneratedPair> shot = PairsGenerator.generate(spec);
        return new PairSet(shot.stream().filter(g -> !g.digitalClipped()).map(GeneratedPair::toPair).toList()).withoutStuckFilm(0.002);
    }

    /** The pairs with their film values replaced by {@code film} (row-major n x 3). */
    private static List<emu.calibration.pairs.Pair> withFilm(PairSet pairs, double[] film) {
        List<emu.calibration.pairs.Pair> out = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            var p = pairs.get(i);
            out.add(new emu.calibration.pairs.Pair(p.frame(), p.roll(), p.illuminant(), p.ev(), p.patch(), p.digitalR(), p.digitalG(),
                    p.digitalB(), film[3 * i], film[3 * i + 1], film[3 * i + 2]));
        }
        return out;
    }

    private static double score(ColourModel m, PairSet pairs) {
        return Evaluation.of(m, pairs).overall().mean();
    }
}
