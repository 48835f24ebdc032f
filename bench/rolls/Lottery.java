import emu.calibration.fit.ColourModel;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.ModelSelection;
import emu.calibration.pairs.PairSet;
import emu.calibration.rolls.RollAwareFit;
import emu.devices.sim.film.Lottery;
import emu.devices.sim.pairs.GeneratedPair;
import emu.devices.sim.pairs.PairsGenerator;
import emu.devices.sim.pairs.PairsSpec;
import java.util.List;
import java.util.Locale;

/**
 * The celluloid lottery figure (issue 20): ROLLS rolls of a stock on the virtual bench, each
 * shooting the whole plan (6 lights x 5 EVs), one developed as if pushed by PUSH stops. Fits the
 * nominal response roll-aware and a pooled model (the same candidates on all pairs as they came),
 * and scores both against the stock's nominal render: the same plan on a roll developed exactly
 * by the datasheet (no roll variation), all 214 patches, same seed. Also scores both on each roll.
 * Usage: java ... bench/rolls/Lottery.java [STOCK] [SEED] [ROLLS] [PUSHED_ROLL] [PUSH] [CANDIDATES]
 */
public class Lottery {
    public static void main(String[] a) {
        String stock = a.length > 0 ? a[0] : "portrait-160";
        long seed = a.length > 1 ? Long.parseLong(a[1]) : 7;
        int rolls = a.length > 2 ? Integer.parseInt(a[2]) : 4;
        int pushed = a.length > 3 ? Integer.parseInt(a[3]) : 3;
        double push = a.length > 4 ? Double.parseDouble(a[4]) : 1.0 / 3;
        List<String> candidates = a.length > 5 ? List.of(a[5].split(",")) : List.of("root-polynomial:degree=3");
        PairsSpec base = PairsSpec.defaults(stock, seed).withIlluminants(PairsSpec.DEFAULT_ILLUMINANTS, List.of())
                .withEvs(PairsSpec.DEFAULT_EVS, List.of());
        emu.devices.sim.film.Lottery lottery = new emu.devices.sim.film.Lottery(1, rolls, pushed, push, 0);
        List<GeneratedPair> shot = PairsGenerator.generate(base.withLottery(lottery));
        PairSet train = PairsGenerator.usable(shot, true).withoutStuckFilm(0.002);
        List<GeneratedPair> nominalShot = PairsGenerator.generate(base.withLottery(new emu.devices.sim.film.Lottery(0, 1, 0, 0, 0)));
        PairSet nominal = new PairSet(nominalShot.stream().filter(p -> !p.digitalClipped()).map(GeneratedPair::toPair).toList())
                .withoutStuckFilm(0.002);
        System.out.printf(Locale.ROOT, "stock %s, seed %d, %d rolls, roll %d pushed %+.3f stops; %d training pairs; candidates %s%n",
                stock, seed, rolls, pushed, push, train.size(), candidates);
        ModelSelection.Settings s = new ModelSelection.Settings(candidates, 5, 1, 0, 2, null);
        long t0 = System.nanoTime();
        RollAwareFit.Result aware = RollAwareFit.run(train, s);
        double tAware = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        ModelSelection.Result pooled = ModelSelection.run(train, s);
        double tPooled = (System.nanoTime() - t0) / 1e9;
        System.out.print(aware.rolls().toText());
        System.out.printf(Locale.ROOT, "%nCIEDE2000 against the stock's nominal render (%d pairs, all 214 patches):%n", nominal.size());
        row("roll-aware nominal", aware.selection().model(), nominal, tAware);
        row("pooled rolls", pooled.model(), nominal, tPooled);
        System.out.println("\nCIEDE2000 against each roll's own pairs (mean):");
        for (var e : train.byRoll().entrySet()) {
            System.out.printf(Locale.ROOT, "  %s  roll-aware nominal %.3f  pooled %.3f%n", e.getKey(),
                    Evaluation.of(aware.selection().model(), e.getValue()).overall().mean(),
                    Evaluation.of(pooled.model(), e.getValue()).overall().mean());
        }
    }

    private static void row(String name, ColourModel m, PairSet pairs, double secs) {
        Evaluation e = Evaluation.of(m, pairs);
        System.out.printf(Locale.ROOT, "  %-20s mean %.3f  median %.3f  p95 %.3f  max %.3f   (fit %.1f s)%n", name,
                e.overall().mean(), e.overall().median(), e.overall().p95(), e.overall().max(), secs);
    }
}
