package emu.calibration.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.Illuminants;
import emu.calibration.color.Matrices;
import emu.calibration.color.RgbSpace;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a model's illuminant feature comes from: each light's CIE 1960 (u, v), as an offset
 * from D65 scaled by 20 so that D65 -> A spans about one unit.
 *
 * <p>Known names take their chromaticity from the illuminant registry {@link Illuminants} (CIE tables, {@code nnnnK}
 * Planckian, {@code Dnn} daylight). A name the table does not know is estimated from the pairs
 * themselves: the camera's white balance is fixed, so the mean digital RGB of the patches shot
 * under every light (a grey-world average over the same chart) moves with the light's colour.
 * That mean, taken Rec.709 -> XYZ -> uv, is shifted by the average offset between such
 * camera-seen uv and the table uv of the known lights in the same data, which cancels the
 * chart's own average colour. With no known light in the data the camera-seen uv is used as is.
 */
public final class IlluminantFeatures {

    static final double SCALE = 20;
    private static final double[] D65_UV = Illuminants.uv1960(Illuminants.xy("D65").orElseThrow());

    private final Map<String, double[]> uv;
    private final Map<String, String> source;

    private IlluminantFeatures(Map<String, double[]> uv, Map<String, String> source) {
        this.uv = uv;
        this.source = source;
    }

    /** The illuminants of {@code pairs} with their chromaticities, estimated where unknown. */
    public static IlluminantFeatures from(PairSet pairs) {
        Map<String, double[]> uv = new LinkedHashMap<>();
        Map<String, String> source = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String name : pairs.illuminants()) {
            var xy = Illuminants.xy(name);
            if (xy.isPresent()) {
                uv.put(name, Illuminants.uv1960(xy.get()));
                source.put(name, "table");
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            Map<String, double[]> seen = cameraSeenUv(pairs);
            double du = 0;
            double dv = 0;
            int n = 0;
            for (Map.Entry<String, double[]> e : uv.entrySet()) {
                double[] s = seen.get(e.getKey());
                du += e.getValue()[0] - s[0];
                dv += e.getValue()[1] - s[1];
                n++;
            }
            for (String name : unknown) {
                double[] s = seen.get(name);
                uv.put(name, n == 0 ? s : new double[] {s[0] + du / n, s[1] + dv / n});
                source.put(name, n == 0 ? "estimated from the pairs (camera-seen)" : "estimated from the pairs");
            }
        }
        return new IlluminantFeatures(uv, source);
    }

    /** Grey-world uv per illuminant over the patches every illuminant has, at the EV nearest 0. */
    private static Map<String, double[]> cameraSeenUv(PairSet pairs) {
        Map<String, PairSet> byLight = pairs.byIlluminant();
        Set<String> common = null;
        for (PairSet s : byLight.values()) {
            Set<String> p = new java.util.HashSet<>(s.patches());
            if (common == null) {
                common = p;
            } else {
                common.retainAll(p);
            }
        }
        double[] toXyz = RgbSpace.REC709.toXyz();
        Map<String, double[]> out = new HashMap<>();
        for (Map.Entry<String, PairSet> e : byLight.entrySet()) {
            double bestEv = Double.POSITIVE_INFINITY;
            for (Pair p : e.getValue()) {
                if (Math.abs(p.ev()) < Math.abs(bestEv)) {
                    bestEv = p.ev();
                }
            }
            double[] sum = new double[3];
            Set<String> use = common == null || common.isEmpty() ? null : common;
            for (Pair p : e.getValue()) {
                if (p.ev() == bestEv && (use == null || use.contains(p.patch()))) {
                    sum[0] += Math.max(p.digitalR(), 0);
                    sum[1] += Math.max(p.digitalG(), 0);
                    sum[2] += Math.max(p.digitalB(), 0);
                }
            }
            double[] xyz = Matrices.apply(toXyz, sum);
            double t = xyz[0] + xyz[1] + xyz[2];
            double[] xy = t > 0 ? new double[] {xyz[0] / t, xyz[1] / t} : new double[] {0.3127, 0.3290};
            out.put(e.getKey(), Illuminants.uv1960(xy));
        }
        return out;
    }

    /** Whether {@code name} can be served (stored, or understood by {@link Illuminants}). */
    boolean knows(String name) {
        return uv.containsKey(name) || Illuminants.xy(name).isPresent();
    }

    /** CIE 1960 uv of {@code name}: stored first, then {@link Illuminants}. */
    double[] uv(String name) {
        double[] v = uv.get(name);
        if (v != null) {
            return v.clone();
        }
        return Illuminants.xy(name).map(Illuminants::uv1960).orElseThrow(() -> new IllegalArgumentException(
                "unknown illuminant '" + name + "': not in this model (" + String.join(", ", uv.keySet())
                        + ") and not in the illuminant registry (a CIE name, nnnnK or Dnn); fit with pairs shot under it"));
    }

    /** The two model features of {@code name}. */
    double[] feature(String name) {
        double[] v = uv(name);
        return new double[] {(v[0] - D65_UV[0]) * SCALE, (v[1] - D65_UV[1]) * SCALE};
    }

    List<String> names() {
        return List.copyOf(uv.keySet());
    }

    Map<String, String> sources() {
        return Collections.unmodifiableMap(source);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        uv.forEach((k, v) -> {
            ObjectNode e = o.putObject(k);
            e.put("u", v[0]).put("v", v[1]).put("source", source.get(k));
        });
        return o;
    }

    static IlluminantFeatures fromJson(JsonNode o) {
        Map<String, double[]> u = new LinkedHashMap<>();
        Map<String, String> s = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            u.put(e.getKey(), new double[] {e.getValue().get("u").asDouble(), e.getValue().get("v").asDouble()});
            s.put(e.getKey(), e.getValue().path("source").asText("table"));
        }
        return new IlluminantFeatures(u, s);
    }
}
