package emu.station.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.calibration.color.Illuminant;
import emu.calibration.color.Illuminants;
import emu.calibration.export.BundleProvenance;
import emu.calibration.fit.ModelMetadata;
import emu.station.store.RollLogRepository;
import emu.station.store.RollRepository;
import emu.station.store.Store;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The archival bundle's provenance ({@link BundleProvenance}): from a set's roll log when the
 * daemon trains it (lab, process and the dates of each stage), from the model alone when the CLI
 * bundles a model directory. What neither knows (scanner, lens) is recorded as
 * {@value #UNKNOWN}. Spectra come from the illuminant registry ({@link Illuminants#get}), at unit luminance.
 */
public final class BundleSources {
    /** What the station does not know. */
    public static final String UNKNOWN = "unknown";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleSources() {}

    /** Provenance of a model directory made outside the daemon ({@code station fit}). */
    public static BundleProvenance fromModel(ModelMetadata meta) {
        return new BundleProvenance(meta.stock().isBlank() ? UNKNOWN : meta.stock(), null, null, UNKNOWN, UNKNOWN,
                UNKNOWN, Map.of(), UNKNOWN, UNKNOWN, illuminants(meta), meta.codeVersion(),
                Map.of("fitted", meta.createdAt()));
    }

    /**
     * Provenance of a model the daemon trained on set {@code setId}: each roll's lab and process
     * (from its "sent to lab" entry; several rolls' distinct values joined by ", "), the first
     * day each roll stage was reached ({@code loaded}, {@code shot}, {@code sent-to-lab} = the day
     * the operator gave, {@code scanned}), and {@code fitted}.
     */
    public static BundleProvenance forSet(Store store, long setId, ModelMetadata meta) {
        Set<String> labs = new LinkedHashSet<>();
        Set<String> processes = new LinkedHashSet<>();
        Set<String> cameras = new LinkedHashSet<>();
        Map<String, String> dates = new TreeMap<>();
        for (RollRepository.Roll roll : store.rolls().bySet(setId)) {
            for (RollLogRepository.Entry e : store.rollLog().entries(roll.id())) {
                JsonNode d = details(e);
                String day = e.at().atZone(ZoneOffset.UTC).toLocalDate().toString();
                switch (e.stage()) {
                    case LOADED -> {
                        dates.merge("loaded", day, BundleSources::earlier);
                        text(d, "camera").ifPresent(cameras::add);
                    }
                    case SHOT -> dates.merge("shot", day, BundleSources::earlier);
                    case SENT_TO_LAB -> {
                        text(d, "lab").ifPresent(labs::add);
                        text(d, "process").ifPresent(processes::add);
                        dates.merge("sent-to-lab", text(d, "date").orElse(day), BundleSources::earlier);
                    }
                    case SCANS_RECEIVED -> dates.merge("scanned", day, BundleSources::earlier);
                    default -> { }
                }
            }
        }
        dates.put("fitted", meta.createdAt());
        return new BundleProvenance(meta.stock().isBlank() ? UNKNOWN : meta.stock(), null, null, joined(processes),
                joined(labs), UNKNOWN, Map.of(), UNKNOWN, UNKNOWN, illuminants(meta), meta.codeVersion(), dates);
    }

    private static String earlier(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String joined(Set<String> values) {
        return values.isEmpty() ? UNKNOWN : String.join(", ", values);
    }

    private static JsonNode details(RollLogRepository.Entry e) {
        try {
            return e.detailsJson() == null ? JSON.createObjectNode() : JSON.readTree(e.detailsJson());
        } catch (IOException x) {
            return JSON.createObjectNode();
        }
    }

    private static java.util.Optional<String> text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? java.util.Optional.of(v.asText())
                : java.util.Optional.empty();
    }

    private static List<BundleProvenance.Illuminant> illuminants(ModelMetadata meta) {
        List<BundleProvenance.Illuminant> lights = new ArrayList<>();
        for (String name : meta.illuminantNames()) {
            double[] power;
            try {
                power = Illuminants.get(name).unitLuminanceSpd();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("illuminant '" + name + "' of the model has no known spectrum for "
                        + "the bundle's provenance: " + e.getMessage(), e);
            }
            lights.add(new BundleProvenance.Illuminant(name, Illuminant.START_NM, Illuminant.STEP_NM, power));
        }
        return lights;
    }
}
