import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.Matrices;
import emu.calibration.fit.ColourModel;
import emu.calibration.fit.DigitalClip;
import emu.calibration.pairs.ExposureSeries;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.devices.sim.digital.DigitalCameraModel;
import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.Spectrum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Part D of {@link ClipProbe} (bench/fidelity/clip.sh): candidate clip-plane estimates scored by the rebuild they give. */
final class ClipCandidates {

    private ClipCandidates() {}

    /**
     * D: candidate estimates, each scored by its planes and by the rebuild it gives the selected model (the model as
     * fitted, without any rebuild, behind a highlights step with those planes, as Finishing builds it) on the clipped
     * training readings (full: rendered, never in train.csv; dense: train.csv's own clipped readings, in-sample).
     * P0 today's; P1 the series filter's evidence (past = a series' last reading ExposureSeries keeps, scaled to its
     * first flagged EV; kept = the readings it keeps; the pairs before the stuck-film filter); P2 P1's past with every
     * reading kept (clipped ones sit on their plane); P3 P0 with each plane fewer than 12 past readings lie past first (under
     * P0's own planes) moved out to twice its distance (no evidence it clipped: not rebuilt); P4 the same plane moved
     * out to the furthest past reading along it (the least claim of clipping the readings allow); P5 P0/P1/P2 with each plane rescaled to pass through
     * the all-clipped point (dense: the reading most pairs share; full: the true one, an oracle); true planes.
     */
    static void proposals(String stockName, Path dir, DigitalCameraModel cam, PairSet csv, PairSet fitted, double[] aTrue,
                          double[] sat, double[] aEst) throws Exception {
        PairSet unflagged = ExposureSeries.withoutClipped(csv, ExposureSeries.TOLERANCE);
        List<double[]> past1 = past(unflagged);
        Map<String, double[]> planes = new java.util.LinkedHashMap<>();
        if (aEst != null) {
            planes.put("P0 today", aEst);
        }
        DigitalClip p1 = DigitalClip.estimate(unflagged).clip();
        if (p1 != null) {
            planes.put("P1 series flags", matrix(p1));
        }
        var fit = Class.forName("emu.calibration.fit.ClipPlanes").getDeclaredMethod("fit", List.class, List.class);
        fit.setAccessible(true);
        if (past1.size() >= 12) {
            planes.put("P2 flags, all kept", (double[]) fit.invoke(null, new ArrayList<>(csv.asList().stream().map(Pair::digital).toList()), past1));
        }
        if (aEst != null) {
            double[] a3 = aEst.clone();
            int[] first = new int[3];
            for (double[] x : past(fitted)) {
                double[] r = Matrices.apply(aEst, x);
                int arg = r[1] > r[0] ? 1 : 0;
                arg = r[2] > r[arg] ? 2 : arg;
                first[arg]++;
            }
            double[] a4 = aEst.clone();
            double[] keptTop = new double[3];
            for (Pair p : fitted) {
                double[] r = Matrices.apply(aEst, p.digital());
                for (int c = 0; c < 3; c++) {
                    keptTop[c] = Math.max(keptTop[c], r[c]);
                }
            }
            for (int c = 0; c < 3; c++) {
                if (first[c] < 12) { // DigitalClip.MIN_PAST: too few readings past it to place it
                    double far = 0;
                    for (double[] x : past(fitted)) {
                        far = Math.max(far, Matrices.apply(aEst, x)[c]);
                    }
                    for (int j = 0; j < 3; j++) {
                        a3[3 * c + j] *= 0.5;
                        a4[3 * c + j] /= Math.max(1, far);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "  D. past readings by P0's own furthest plane R/G/B: %d/%d/%d%n", first[0], first[1], first[2]);
            System.out.printf(Locale.ROOT, "  D. kept readings' largest units under P0's planes R/G/B: %.3f/%.3f/%.3f%n",
                    keptTop[0], keptTop[1], keptTop[2]);
            planes.put("P3 P0, unbracketed x0.5", a3);
            planes.put("P4 P0, unbracketed hull", a4);
        }
        // P5: P0's rows each rescaled to pass through the all-clipped point: seen in the CSV as the one reading many
        // patches share (a dense CSV keeps clipped readings), else (full) the camera's true one, as an oracle
        Map<String, Integer> same = new HashMap<>();
        Map<String, double[]> sameX = new HashMap<>();
        for (Pair p : csv) {
            String k = String.format(Locale.ROOT, "%.5g/%.5g/%.5g", p.digitalR(), p.digitalG(), p.digitalB());
            same.merge(k, 1, Integer::sum);
            sameX.put(k, p.digital());
        }
        String mode = same.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        boolean seen = same.get(mode) >= 12;
        double[] xs = seen ? sameX.get(mode) : sat;
        System.out.printf(Locale.ROOT, "  D. the reading most pairs share: %s x%d (%s)%n", mode, same.get(mode),
                seen ? "taken as the all-clipped point" : "too few: the true all-clipped point used, an oracle");
        for (String key : new ArrayList<>(planes.keySet())) {
            if (!key.startsWith("P0") && !key.startsWith("P1") && !key.startsWith("P2")) {
                continue;
            }
            double[] a5 = planes.get(key).clone();
            double[] r = Matrices.apply(a5, xs);
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < 3; j++) {
                    a5[3 * c + j] /= r[c];
                }
            }
            planes.put("P5 " + key.substring(0, 2) + " through " + (seen ? "seen" : "true") + " pt", a5);
        }
        planes.put("true planes", aTrue);

        Path model = dir.resolve("model");
        JsonNode root = ClipProbe.JSON.readTree(model.resolve("model.json").toFile());
        JsonNode innerModel = "highlights".equals(root.path("model").path("type").asText())
                ? root.path("model").path("model") : root.path("model");
        var greysM = DigitalClip.class.getDeclaredMethod("greys", PairSet.class);
        greysM.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<String, double[]> greys = (Map<String, double[]>) greysM.invoke(null, fitted);
        Path tmp = ClipProbe.tempDir();
        ObjectNode inner = root.deepCopy();
        inner.set("model", innerModel);
        ColourModel none = ClipProbe.load(model, tmp.resolve("none"), inner);

        Map<String, Spectrum> training = new HashMap<>();
        Fidelity.patches(11).stream().filter(p -> !p.heldOut()).forEach(p -> training.put(p.id(), p.reflectance()));
        boolean full = dir.getFileName().toString().startsWith("full-");
        List<Pair> source = full ? Fidelity.render(Fidelity.stock(stockName), Fidelity.patches(11), Fidelity.TRAIN_LIGHTS, 1)
                .stream().filter(p -> training.containsKey(p.patch()) && Fidelity.TRAIN_LIGHTS.contains(p.illuminant())).toList()
                : csv.asList();
        Map<String, List<Pair>> groups = new java.util.LinkedHashMap<>();
        for (Pair p : source) {
            double[] raw = cam.raw(training.get(p.patch()), Illuminants.get(p.illuminant().equals("studio-lamp")
                    ? "LED-B4" : p.illuminant()), p.ev());
            int n = 0;
            for (double v : raw) {
                n += v >= cam.whiteLevel() ? 1 : 0;
            }
            if (n > 0) {
                groups.computeIfAbsent("all clipped", k -> new ArrayList<>()).add(p);
                groups.computeIfAbsent(n + " ch", k -> new ArrayList<>()).add(p);
            } else if (p.ev() >= 1.0 && !(full && Fidelity.clipped(p))) {
                groups.computeIfAbsent("unclipped EV>=+1", k -> new ArrayList<>()).add(p);
            }
        }
        List<String> keys = List.of("all clipped", "1 ch", "2 ch", "3 ch", "unclipped EV>=+1");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  D. %-24s %-22s", "planes", "all-clipped pt (units)"));
        for (String k : keys) {
            head.append(String.format(Locale.ROOT, " | %s n=%d", k, groups.getOrDefault(k, List.of()).size()));
        }
        System.out.println(head + "   (mean dE00 of the selected model behind the rebuild; " + (full
                ? "rendered clipped training readings)" : "train.csv's own readings, in-sample)"));
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "     %-24s %-22s", "no rebuild", "-"));
        for (String k : keys) {
            row.append(String.format(Locale.ROOT, " | %6.2f", ClipProbe.mean(none, groups.getOrDefault(k, List.of()))));
        }
        System.out.println(row);
        int i = 0;
        for (var e : planes.entrySet()) {
            ObjectNode j = root.deepCopy();
            ObjectNode h = j.putObject("model");
            h.put("type", "highlights");
            ObjectNode clip = h.putObject("clip");
            ArrayNode a = clip.putArray("planes");
            for (double v : e.getValue()) {
                a.add(v);
            }
            clip.put("evidence", 0);
            clip.put("strength", 1.0);
            clip.put("channels", 2);
            clip.put("gate_from", 0.97);
            ObjectNode g = clip.putObject("greys");
            greys.forEach((k, v) -> {
                ArrayNode arr = g.putArray(k);
                for (double d : v) {
                    arr.add(d);
                }
            });
            h.set("model", innerModel);
            ColourModel m = ClipProbe.load(model, tmp.resolve("p" + i++), j);
            // CLIP_WRITE=P3 CLIP_WRITE_TO=WORK: that candidate's model.json into WORK/<run dir name>/model/ (a copy of
            // the run made beforehand), so run.sh scores it held out without refitting
            String write = System.getenv("CLIP_WRITE");
            if (write != null && e.getKey().startsWith(write + " ")) {
                Path to = Path.of(System.getenv("CLIP_WRITE_TO")).resolve(dir.getFileName()).resolve("model").resolve("model.json");
                ClipProbe.JSON.writerWithDefaultPrettyPrinter().writeValue(to.toFile(), j);
                System.out.println("     (written to " + to + ")");
            }
            double[] s = Matrices.apply(e.getValue(), sat);
            row = new StringBuilder(String.format(Locale.ROOT, "     %-24s %-22s", e.getKey(),
                    String.format(Locale.ROOT, "%.3f/%.3f/%.3f", s[0], s[1], s[2])));
            for (String k : keys) {
                row.append(String.format(Locale.ROOT, " | %6.2f", ClipProbe.mean(m, groups.getOrDefault(k, List.of()))));
            }
            System.out.println(row);
        }
    }

    /** Clip units matrix of an estimate. */
    static double[] matrix(DigitalClip clip) {
        double[] a = new double[9];
        for (int j = 0; j < 3; j++) {
            double[] e = new double[3];
            e[j] = 1;
            double[] col = clip.clipUnits(e);
            for (int r = 0; r < 3; r++) {
                a[3 * r + j] = col[r];
            }
        }
        return a;
    }

    /** DigitalClip.estimate's past readings: a series' top reading scaled to its light's next EV, when that is missing. */
    static List<double[]> past(PairSet pairs) {
        Map<String, TreeSet<Double>> evs = new HashMap<>();
        Map<String, Map<Double, Pair>> series = new HashMap<>();
        for (Pair p : pairs) {
            String lr = p.illuminant() + "\u0000" + p.roll();
            evs.computeIfAbsent(lr, k -> new TreeSet<>()).add(p.ev());
            series.computeIfAbsent(lr + "\u0000" + p.patch(), k -> new HashMap<>()).put(p.ev(), p);
        }
        List<double[]> out = new ArrayList<>();
        for (Map.Entry<String, Map<Double, Pair>> e : series.entrySet()) {
            String lr = e.getKey().substring(0, e.getKey().lastIndexOf('\u0000'));
            double top = e.getValue().keySet().stream().max(Double::compare).orElseThrow();
            Double next = evs.get(lr).higher(top);
            if (next != null) {
                double[] x = e.getValue().get(top).digital();
                double k = Math.pow(2, next - top);
                out.add(new double[] {x[0] * k, x[1] * k, x[2] * k});
            }
        }
        return out;
    }
}
