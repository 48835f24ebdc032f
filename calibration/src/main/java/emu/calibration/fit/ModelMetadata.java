package emu.calibration.fit;

import java.util.List;
import java.util.Map;

/**
 * What a model directory says about its model, for provenance (LUT titles, the station's
 * database): {@code id} is derived from the source pairs' checksum, the selected spec and the
 * seed, so the same fit gives the same id.
 *
 * @param stock film stock name, "" when not given
 * @param set profiling set name, "" when not given
 * @param spec the selected candidate spec
 * @param createdAt ISO-8601 instant of the fit
 * @param codeVersion emu-station version that fitted it
 * @param pairsSha256 SHA-256 (hex) of the source pairs CSV bytes
 * @param inputEncoding what predict() takes: always {@code linear} (scene-linear Rec.709)
 * @param outputEncoding what predict() returns: {@code srgb} (the film scan's encoding)
 * @param illuminants trained light -> where its chromaticity came from
 * @param heldOutMeanDeltaE the selected candidate's cross-validated mean CIEDE2000
 * @param heldOutP95DeltaE its 95th percentile
 */
public record ModelMetadata(String id, String stock, String set, String spec, String createdAt, String codeVersion,
                            long seed, String pairsSha256, int pairsCount, String inputEncoding,
                            String outputEncoding, Map<String, String> illuminants, double heldOutMeanDeltaE,
                            double heldOutP95DeltaE) {

    public ModelMetadata {
        // insertion order kept: Map.copyOf's iteration order changes from one JVM to the next, and model.json
        // is written in it, so the same fit gave different bytes
        illuminants = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(illuminants));
        stock = stock == null ? "" : stock;
        set = set == null ? "" : set;
    }

    /** The trained light names, sorted. */
    public List<String> illuminantNames() {
        return illuminants.keySet().stream().sorted().toList();
    }
}
