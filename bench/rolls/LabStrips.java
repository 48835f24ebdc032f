import emu.calibration.process.ControlValue;
import emu.calibration.process.ControlValues;
import emu.calibration.process.Evaluation;
import emu.calibration.process.ProcessLimits;
import emu.calibration.process.StripDensities;
import emu.calibration.process.Verdict;
import emu.devices.sim.film.Development;
import emu.devices.sim.film.FilmStock;
import emu.devices.sim.film.FilmStocks;
import emu.devices.sim.film.Lottery;
import emu.devices.sim.film.Scanner;
import emu.devices.sim.film.SimControlStrip;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The lab process-control figure (issue 20, item 2): VISITS visits of one roll each to a simulated C-41
 * lab whose process mean walks between visits ({@link Lottery}: the stock's own roll-to-roll spread,
 * DRIFT one-sigma steps of drift per visit), visit PUSHED mis-processed by PUSH stops. Each visit's
 * control strip is read from the same development as its roll ({@link SimControlStrip}), compared with
 * the lot's reference (the datasheet run) and judged against the C-41 limits ({@link
 * ProcessLimits#C41_Z131}). Prints one row per visit and a text X chart of LD (green), weekly dates.
 * Usage: java ... bench/rolls/LabStrips.java [STOCK] [SEED] [VISITS] [DRIFT] [PUSHED] [PUSH]
 */
public class LabStrips {
    public static void main(String[] a) {
        String stockName = a.length > 0 ? a[0] : "portrait-160";
        long seed = a.length > 1 ? Long.parseLong(a[1]) : 7;
        int visits = a.length > 2 ? Integer.parseInt(a[2]) : 20;
        double drift = a.length > 3 ? Double.parseDouble(a[3]) : 1;
        int pushed = a.length > 4 ? Integer.parseInt(a[4]) : 12;
        double push = a.length > 5 ? Double.parseDouble(a[5]) : 1.0 / 3;
        FilmStock stock = FilmStocks.get(stockName);
        Lottery lottery = new Lottery(1, 0, pushed, pushed == 0 ? 0 : push, drift);
        ProcessLimits limits = ProcessLimits.C41_Z131;
        Scanner scanner = Scanner.labScanner();
        StripDensities reference = StripDensities.ofFlat(SimControlStrip.read(stock, Development.NOMINAL, scanner));
        System.out.printf(Locale.ROOT, "stock %s, seed %d, %d visits, drift %.2f sigma/visit, visit %d mis-processed %+.3f stops%n",
                stockName, seed, visits, drift, pushed, pushed == 0 ? 0 : push);
        System.out.printf(Locale.ROOT, "limits: %s%n", limits.source());
        System.out.printf(Locale.ROOT, "%5s %10s  %-23s %-23s %-23s %s%n", "visit", "date", "D-min r/g/b", "LD r/g/b", "HD-LD r/g/b",
                "verdict (breaches)");
        int out = 0;
        int action = 0;
        double[] ldG = new double[visits];
        Verdict[] verdicts = new Verdict[visits];
        LocalDate day = LocalDate.parse("2026-01-05");
        for (int v = 0; v < visits; v++) {
            Development dev = lottery.development(stock, seed, v);
            ControlValues cv = ControlValues.of(StripDensities.ofFlat(SimControlStrip.read(stock, dev, scanner)), reference);
            Evaluation e = Evaluation.of(cv, limits);
            out += e.outOfControl() ? 1 : 0;
            action += e.verdict() == Verdict.BEYOND_ACTION ? 1 : 0;
            ldG[v] = cv.ld()[1];
            verdicts[v] = e.verdict();
            System.out.printf(Locale.ROOT, "%5d %10s  %-23s %-23s %-23s %s%s%n", v + 1, day.plusWeeks(v), fmt(cv.dmin()),
                    fmt(cv.ld()), fmt(cv.hdMinusLd()), e.verdict().name().toLowerCase(Locale.ROOT),
                    e.breaches().isEmpty() ? "" : " (" + e.breaches().size() + ": " + e.breaches().get(0).describe() + ")");
        }
        System.out.printf(Locale.ROOT, "flagged out of control: %d of %d visits; beyond an action limit only: %d%n", out, visits, action);
        chart("LD (speed) G", ldG, verdicts, limits.of(ControlValue.LD));
    }

    /** A text X chart: one row per visit, the aim at '|', action limits ':', control limits '#', the point 'o' (or 'X' out of control). */
    private static void chart(String title, double[] d, Verdict[] verdicts, ProcessLimits.Limit limit) {
        double top = Math.max(limit.control() * 1.5, java.util.Arrays.stream(d).map(Math::abs).max().orElse(0) * 1.05);
        int half = 30;
        System.out.printf(Locale.ROOT, "%n%s deviation from aim, %.4f per column; ':' action ±%.2f, '#' control ±%.2f%n", title,
                top / half, limit.action(), limit.control());
        for (int v = 0; v < d.length; v++) {
            char[] row = new char[2 * half + 1];
            java.util.Arrays.fill(row, ' ');
            row[half] = '|';
            for (double l : new double[] {limit.action(), -limit.action()}) {
                row[col(l, top, half)] = ':';
            }
            for (double l : new double[] {limit.control(), -limit.control()}) {
                row[col(l, top, half)] = '#';
            }
            row[col(d[v], top, half)] = verdicts[v] == Verdict.OUT_OF_CONTROL ? 'X' : 'o';
            System.out.printf(Locale.ROOT, "%5d %s %+.3f%n", v + 1, new String(row), d[v]);
        }
    }

    private static int col(double v, double top, int half) {
        return Math.max(0, Math.min(2 * half, half + (int) Math.round(v / top * half)));
    }

    private static String fmt(double[] v) {
        return String.format(Locale.ROOT, "%+.3f/%+.3f/%+.3f", v[0], v[1], v[2]);
    }
}
