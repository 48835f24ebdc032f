import emu.calibration.color.Illuminant;
import emu.calibration.color.Illuminants;
import emu.calibration.fit.Candidate;
import emu.calibration.fit.ColourModel;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.IlluminantFeatures;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 24, session 5: is an untrained light better served by ONE model fitted on its neighbours'
 * pooled pairs than by the blend of their per-light models' predictions? Compared on TRAINING pairs
 * only: each trained light with a known spectrum is left out and its own training pairs are
 * predicted from the other lights (refits here, because a pooled fit is a new fit). The neighbours
 * are the station's rule (the two nearest in CIE 1960 uv of the same spectral family, all lights
 * when the family has no other member), weights inverse uv distance. Schemes:
 * <ul>
 *   <li>blend: the station's current serving (inverse-distance blend of the two per-light models);
 *   <li>pool: one model fitted on the two neighbours' pairs together (unweighted);
 *   <li>poolw: the same with the nearer neighbour's pairs repeated in proportion to its weight
 *       (weights rounded to quarters);
 *   <li>poolr: the rule tried in the station: the farther neighbour's pairs once, the nearer's round(w_near / w_far)
 *       times, at most 3;
 *   <li>poolfam: one model on every other light of the family;
 * </ul>
 * The D50 row is the in-between case from training lights only (D50 lies between D65 and A).
 * Nothing held out is read. (poolr was tried in the station, issue 24 session 5: it won here for the
 * daylight/tungsten lights on four stocks and three candidates, lost on bench/fidelity's held-out
 * unseen lights, and was reverted; bench/RESULTS.md.)
 *
 * <p>Usage: {@code java -cp CP bench/fidelity/PooledServing.java CANDIDATE TRAIN_CSV...}, CANDIDATE a
 * per-light spec such as {@code root-polynomial:degree=3:illuminant=per}.
 */
public class PooledServing {

    public static void main(String[] args) throws Exception {
        Candidate cand = Candidate.parse(args[0]);
        for (int i = 1; i < args.length; i++) {
            run(cand, Path.of(args[i]));
        }
    }

    static void run(Candidate cand, Path csv) throws Exception {
        PairSet train = PairsCsv.read(csv);
        Map<String, PairSet> by = train.byIlluminant();
        List<String> all = new ArrayList<>(by.keySet());
        Map<String, ColourModel> own = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (String l : all) {
            own.put(l, pooled(cand, List.of(by.get(l))));
        }
        System.out.printf(Locale.ROOT, "%s, %s: per-light fits %.1f s; leave-one-light-out mean CIEDE2000 on training pairs%n",
                csv, cand.spec(), (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "  %-8s %-18s %7s %7s %7s %7s %7s%n", "light", "neighbours", "blend", "pool",
                "poolw", "poolr", "poolfam");
        double[] sums = new double[5];
        int n = 0;
        for (String l : all) {
            if (Illuminants.find(l).isEmpty()) {
                continue;
            }
            List<String> rest = all.stream().filter(k -> !k.equals(l) && Illuminants.find(k).isPresent()).toList();
            List<String> fam = rest.stream().filter(k -> family(k).equals(family(l))).toList();
            List<String> pool = fam.isEmpty() ? rest : fam;
            double[] u = uv(l);
            List<String> near = new ArrayList<>(pool);
            near.sort(Comparator.comparingDouble(k -> d(uv(k), u)));
            near = near.subList(0, Math.min(2, near.size()));
            PairSet ps = by.get(l);
            double[] w = new double[near.size()];
            double tw = 0;
            for (int q = 0; q < near.size(); q++) {
                w[q] = 1 / Math.max(1e-9, d(uv(near.get(q)), u));
                tw += w[q];
            }
            double[] blend = new double[3 * ps.size()];
            for (int q = 0; q < near.size(); q++) {
                double[] p = own.get(near.get(q)).predict(ps.digital(), near.get(q));
                for (int i = 0; i < p.length; i++) {
                    blend[i] += w[q] / tw * p[i];
                }
            }
            List<PairSet> parts = new ArrayList<>();
            List<PairSet> partsW = new ArrayList<>();
            for (int q = 0; q < near.size(); q++) {
                parts.add(by.get(near.get(q)));
                int rep = (int) Math.max(1, Math.round(4 * w[q] / tw / (w[w.length - 1] / tw)));
                rep = Math.min(rep, 8);
                for (int r = 0; r < rep; r++) {
                    partsW.add(by.get(near.get(q)));
                }
            }
            // The rule tried in the station: the farther neighbour once, the nearer round(w_near / w_far) times, at most 3.
            List<PairSet> partsR = new ArrayList<>();
            for (int q = 0; q < near.size(); q++) {
                int rep = (int) Math.min(3, Math.max(1, Math.round(w[q] / w[w.length - 1])));
                for (int r = 0; r < rep; r++) {
                    partsR.add(by.get(near.get(q)));
                }
            }
            List<PairSet> famParts = new ArrayList<>();
            pool.forEach(k -> famParts.add(by.get(k)));
            double[] row = {
                mean(ps, blend),
                mean(ps, pooled(cand, parts).predict(ps.digital(), "pool")),
                mean(ps, pooled(cand, partsW).predict(ps.digital(), "pool")),
                mean(ps, pooled(cand, partsR).predict(ps.digital(), "pool")),
                mean(ps, pooled(cand, famParts).predict(ps.digital(), "pool")),
            };
            System.out.printf(Locale.ROOT, "  %-8s %-18s", l, String.join("+", near));
            for (int q = 0; q < row.length; q++) {
                System.out.printf(Locale.ROOT, " %7.3f", row[q]);
                sums[q] += row[q];
            }
            System.out.println();
            n++;
        }
        System.out.printf(Locale.ROOT, "  %-8s %-18s", "mean", "");
        for (double s : sums) {
            System.out.printf(Locale.ROOT, " %7.3f", s / n);
        }
        System.out.println();
    }

    /** One illuminant-blind model of the candidate on the union of {@code parts} (relabelled "pool"). */
    static ColourModel pooled(Candidate cand, List<PairSet> parts) {
        List<Pair> out = new ArrayList<>();
        int k = 0;
        for (PairSet s : parts) {
            k++;
            for (Pair p : s) {
                out.add(new Pair(p.frame() + "#" + k, p.roll(), "pool", p.ev(), p.patch(), p.digitalR(), p.digitalG(),
                        p.digitalB(), p.filmR(), p.filmG(), p.filmB()));
            }
        }
        PairSet ps = new PairSet(out);
        return cand.fit(ps, 1, IlluminantFeatures.from(ps));
    }

    static String family(String n) {
        return n.matches("FL?[789]") || n.startsWith("LED-V") ? "broadband" : n.startsWith("FL") ? "fluorescent"
                : n.startsWith("LED") ? "led" : "broadband";
    }

    static double[] uv(String n) {
        return Illuminants.uv1960(Illuminants.find(n).map(Illuminant::xy).orElseThrow());
    }

    static double d(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    static double mean(PairSet ps, double[] pred) {
        return Arrays.stream(Evaluation.deltaE(ps, pred)).average().orElse(Double.NaN);
    }
}
