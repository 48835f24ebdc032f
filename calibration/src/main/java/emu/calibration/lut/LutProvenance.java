package emu.calibration.lut;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where an exported LUT came from, written into every file (DESIGN.md ".cube": stock, set, model
 * version, encodings, fit error): .cube {@code TITLE} and {@code #} comments, CLF
 * {@code Description}, PNG {@code tEXt} chunks, OCIO comments.
 *
 * @param stock the film stock, e.g. {@code Portra 400}
 * @param set the profiling set id
 * @param modelVersion the fitted model's version or id
 * @param illuminant the illuminant this LUT was baked for
 * @param inputEncoding the LUT input encoding name (e.g. {@code acescct})
 * @param outputEncoding what the output values are (the film scan encoding)
 * @param heldOutDeltaE the model's held-out CIEDE2000 mean, or NaN when not measured
 */
public record LutProvenance(String stock, String set, String modelVersion, String illuminant,
        String inputEncoding, String outputEncoding, double heldOutDeltaE) {

    public LutProvenance {
        for (String v : new String[] {stock, set, modelVersion, illuminant, inputEncoding, outputEncoding}) {
            Objects.requireNonNull(v, "provenance fields must not be null");
            // every format stores these on one line; a line break would end the comment early
            if (v.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                throw new IllegalArgumentException("provenance value has a control character: '" + v + "'");
            }
        }
    }

    /** The provenance with another input encoding (one model, many exports). */
    public LutProvenance withInputEncoding(String encoding) {
        return new LutProvenance(stock, set, modelVersion, illuminant, encoding, outputEncoding, heldOutDeltaE);
    }

    /** The provenance for another illuminant of the same model. */
    public LutProvenance withIlluminant(String name) {
        return new LutProvenance(stock, set, modelVersion, name, inputEncoding, outputEncoding, heldOutDeltaE);
    }

    /** One line naming the LUT; no double quotes, so it fits a .cube {@code TITLE "..."}. */
    public String title() {
        return ("emu-station " + stock + " / " + set + " / " + illuminant + " / " + inputEncoding + " -> "
                + outputEncoding).replace('"', '\'');
    }

    /** Key -> value pairs in a stable order, for comments and metadata. */
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("stock", stock);
        m.put("set", set);
        m.put("model-version", modelVersion);
        m.put("illuminant", illuminant);
        m.put("input-encoding", inputEncoding);
        m.put("output-encoding", outputEncoding);
        m.put("held-out-ciede2000-mean", Double.isNaN(heldOutDeltaE)
                ? "not measured" : String.format(Locale.ROOT, "%.3f", heldOutDeltaE));
        m.put("generator", "emu-station");
        return m;
    }
}
