import emu.calibration.color.InputEncoding;
import emu.calibration.fit.DigitalClip;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.FittedModel;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.lut.LatticeMonotone;
import emu.calibration.lut.LutBaker;
import emu.calibration.lut.ShapedLut;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import emu.devices.sim.spectral.Spectrum;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 24 session 6: where the highlight rebuild costs the bright unclipped exposures, on the TRAINING
 * side only (training reflectances under the trained lights, rendered as bench/fidelity/Highlights.java
 * does; nothing Fidelity holds out is read). For a run directory whose model has no rebuild, compares the
 * model and its cubes (acescct, HL_SIZES, default 33,65) without and with the rebuild at each strength
 * (HL_VARIANTS strength:channels[:gate_from], default 1:1,0.5:1,0.25:1), with and without the own-channel monotone pass inside the lattice box the training readings span:
 * clipped readings, unclipped readings at EV 0 / +2 / +3, EV +3 split by the distance of the reading's
 * brightest raw channel to the estimated clip in lattice cells, and the share of falling own-channel
 * lattice steps.
 *
 * <p>Usage: {@code HL_MAIN=HighlightLattice bench/fidelity/highlights.sh RUN_WORKDIR [STOCKS]}; with {@code HL_WRAP=DIR}
 * it writes the rebuilt models instead (see {@link #wrap}).
 */
public class HighlightLattice {

    /** ACEScct stops per unit of code above its toe (Academy S-2016-001: code = (log2 x + 9.72) / 17.52). */
    static final double STOPS_PER_CODE = 17.52;

    public static void main(String[] args) throws Exception {
        String wrapTo = System.getenv("HL_WRAP");
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (wrapTo != null) {
                wrap(Path.of(args[i + 1]), Path.of(wrapTo).resolve(Path.of(args[i + 1]).getFileName()));
            } else {
                run(args[i], Path.of(args[i + 1]));
            }
        }
    }

    /**
     * HL_WRAP=DIR: writes DIR/RUN/model, the run's selected model behind the rebuild estimated from its
     * train.csv, as `station fit --highlights rebuild` writes it (the selection is deterministic: same
     * inner model byte for byte), so bench/fidelity/run.sh DIR scores it without refitting.
     */
    static void wrap(Path run, Path out) throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(run.resolve("model/model.json").toFile());
        FittedModel base = ModelDirectory.load(run.resolve("model")).model();
        FittedModel wrapped = DigitalClip.rebuildHighlights(base, PairsCsv.read(run.resolve("train.csv")));
        java.nio.file.Files.createDirectories(out.resolve("model"));
        root.set("model", wrapped.toJson(out.resolve("model")));
        mapper.writeValue(out.resolve("model/model.json").toFile(), root);
        for (String f : new String[] {"report.json", "report.txt"}) {
            java.nio.file.Files.copy(run.resolve("model").resolve(f), out.resolve("model").resolve(f),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        for (String f : new String[] {"fit.time", "fit.log"}) {
            java.nio.file.Files.copy(run.resolve(f), out.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println("wrapped " + run + " -> " + out + (wrapped == base ? " (no clip seen: unchanged)" : ""));
    }

    static void run(String stockName, Path dir) throws Exception {
        System.out.printf(Locale.ROOT, "== %s (%s)%n", stockName, dir);
        FittedModel base = ModelDirectory.load(dir.resolve("model")).model();
        DigitalClip clip = DigitalClip.estimate(PairsCsv.read(dir.resolve("train.csv"))).clip();
        if (clip == null) {
            System.out.println("  no clip estimated");
            return;
        }
        List<Fidelity.Patch> patches = Fidelity.patches(11);
        Map<String, Spectrum> training = new HashMap<>();
        patches.stream().filter(p -> !p.heldOut()).forEach(p -> training.put(p.id(), p.reflectance()));
        List<Pair> all = Fidelity.render(Fidelity.stock(stockName), patches, Fidelity.TRAIN_LIGHTS, 1).stream()
                .filter(p -> training.containsKey(p.patch()) && Fidelity.TRAIN_LIGHTS.contains(p.illuminant())).toList();
        Map<String, List<Pair>> groups = new LinkedHashMap<>();
        groups.put("clipped", all.stream().filter(Fidelity::clipped).toList());
        for (double ev : new double[] {0, 2, 3}) {
            groups.put(String.format(Locale.ROOT, "EV %+.0f", ev), all.stream().filter(p -> !Fidelity.clipped(p) && p.ev() == ev).toList());
        }
        List<Pair> ev3 = groups.get("EV +3");

        Map<String, FittedModel> models = new LinkedHashMap<>();
        models.put("none", base);
        // HL_VARIANTS: strength:channels[:gate_from] of the rebuild (DigitalClip.withStrength / withChannels / withGateFrom)
        for (String v : System.getenv().getOrDefault("HL_VARIANTS", "1:1,0.5:1,0.25:1").split(",")) {
            String[] sc = v.split(":");
            DigitalClip c = clip.withStrength(Double.parseDouble(sc[0])).withChannels(Integer.parseInt(sc[1]));
            models.put("rebuild " + v, (sc.length > 2 ? c.withGateFrom(Double.parseDouble(sc[2])) : c).around(base));
        }
        System.out.printf(Locale.ROOT, "  %-34s %8s %8s %8s %8s | EV +3 by cells below the clip: %s | falls%n", "variant",
                "clipped", "EV 0", "EV +2", "EV +3", "<0.5 0.5-1 1-2 >2 (n)");
        for (var m : models.entrySet()) {
            StringBuilder sb = new StringBuilder();
            for (List<Pair> g : groups.values()) {
                sb.append(String.format(Locale.ROOT, " %8.3f", Highlights.meanDe(m.getValue(), g)));
            }
            System.out.printf(Locale.ROOT, "  %-34s%s |%n", "model, " + m.getKey(), sb);
        }
        InputEncoding enc = InputEncoding.get("acescct");
        for (String size : System.getenv().getOrDefault("HL_SIZES", "33,65").split(",")) {
            int n = Integer.parseInt(size);
            double cellStops = STOPS_PER_CODE / (n - 1);
            int[][] box = trainingBox(PairsCsv.read(dir.resolve("train.csv")), enc, n);
            int[] bin = new int[ev3.size()];
            int[] count = new int[4];
            for (int i = 0; i < ev3.size(); i++) {
                double[] r = clip.clipUnits(ev3.get(i).digital());
                double cells = -Math.log(Math.max(r[0], Math.max(r[1], r[2]))) / Math.log(2) / cellStops;
                bin[i] = cells < 0.5 ? 0 : cells < 1 ? 1 : cells < 2 ? 2 : 3;
                count[bin[i]]++;
            }
            for (var m : models.entrySet()) {
                Map<String, ShapedLut> luts = new HashMap<>();
                Map<String, ShapedLut> mono = new HashMap<>();
                double before = 0;
                double after = 0;
                for (String l : Fidelity.TRAIN_LIGHTS) {
                    ShapedLut lut = LutBaker.bake(m.getValue(), l, enc, n).lut();
                    luts.put(l, lut);
                    ShapedLut fixed = new ShapedLut(lut.shaper(), LatticeMonotone.ownChannel(lut.cube(), box[0], box[1]));
                    mono.put(l, fixed);
                    before += LatticeMonotone.fallingShare(lut.cube()) / Fidelity.TRAIN_LIGHTS.size();
                    after += LatticeMonotone.fallingShare(fixed.cube()) / Fidelity.TRAIN_LIGHTS.size();
                }
                for (int pass = 0; pass < 2; pass++) {
                    Map<String, ShapedLut> use = pass == 0 ? luts : mono;
                    StringBuilder sb = new StringBuilder();
                    for (List<Pair> g : groups.values()) {
                        sb.append(String.format(Locale.ROOT, " %8.3f", avg(Highlights.lutDeltaE(use, g))));
                    }
                    double[] de = Highlights.lutDeltaE(use, ev3);
                    double[] sum = new double[4];
                    for (int i = 0; i < de.length; i++) {
                        sum[bin[i]] += de[i];
                    }
                    StringBuilder bins = new StringBuilder();
                    for (int b = 0; b < 4; b++) {
                        bins.append(String.format(Locale.ROOT, " %.3f(%d)", sum[b] / count[b], count[b]));
                    }
                    System.out.printf(Locale.ROOT, "  %-34s%s |%s | %s%n", n + "^3 cube, " + m.getKey() + (pass == 1 ? ", monotone" : ""),
                            sb, bins, pass == 0 ? String.format(Locale.ROOT, "%.1f%% of own-channel steps", 100 * before)
                                    : String.format(Locale.ROOT, "%.1f%%", 100 * after));
                }
            }
        }
    }

    /** Lattice indices (from, to per input channel) of the box the training readings' ACEScct codes span. */
    static int[][] trainingBox(PairSet train, InputEncoding enc, int n) {
        int[][] box = {{n - 1, n - 1, n - 1}, {0, 0, 0}};
        for (Pair p : train) {
            double[] code = enc.fromRec709Linear(p.digital());
            for (int c = 0; c < 3; c++) {
                double at = Math.max(0, Math.min(1, code[c])) * (n - 1);
                box[0][c] = Math.min(box[0][c], (int) Math.floor(at));
                box[1][c] = Math.max(box[1][c], (int) Math.ceil(at));
            }
        }
        return box;
    }

    static double avg(double[] v) {
        return java.util.Arrays.stream(v).average().orElse(Double.NaN);
    }
}
