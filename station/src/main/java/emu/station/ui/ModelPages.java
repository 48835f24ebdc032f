package emu.station.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.station.http.Json;
import emu.station.http.Params;
import emu.station.store.Store;
import emu.station.store.TrainingRepository.Export;
import emu.station.store.TrainingRepository.Model;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training run page's read model, {@code GET /api/ui/models/{id}/report}: the model row, its
 * fit report ({@code report.json} of the model directory, {@code emu.calibration.fit.FitReport}
 * as written, so older reports without the newer fields come through as they are and the page
 * says "not recorded"), every exported file with its provenance and how its light is served (V16, null on older
 * rows: "not recorded"), and every planned export that
 * failed with its reason (the model is kept; {@code POST /api/models/{id}/exports} re-exports it),
 * and for a roll-aware fit the roll spread ({@code rolls}: {@code rolls.json}, issue 20).
 *
 * <p>The model is found by database id; its directory comes from the row and must resolve inside
 * the data directory, else 404 as for an unknown id.
 */
final class ModelPages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPORT_FILE = "report.json";

    private final Store store;
    private final Path dataDir;

    ModelPages(Store store, Path dataDir) {
        this.store = store;
        this.dataDir = dataDir;
    }

    void install(RoutesConfig routes) {
        routes.get("/api/ui/models/{id}/report", this::report);
    }

    /** Patch id (the report's, e.g. {@code cc24-18}) to the chart's own label ("18 cyan"); empty for an unknown chart. */
    static Map<String, String> patchLabels(String chart) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            emu.calibration.chart.ChartSpec spec = emu.calibration.chart.ChartSpecs.byName(chart);
            for (int i = 0; i < spec.patchCount(); i++) {
                m.put(spec.patchId(i), spec.patchLabel(i));
            }
        } catch (IllegalArgumentException e) {
            return Map.of(); // a chart this version does not know: the page shows the ids
        }
        return m;
    }

    private void report(Context ctx) throws IOException {
        Optional<Model> model = Params.idIfNumber(ctx).flatMap(store.training()::model);
        Optional<Path> dir = model.flatMap(m -> FilesUi.inside(dataDir, m.dir())).filter(Files::isDirectory);
        if (dir.isEmpty()) {
            UiModule.notFound(ctx);
            return;
        }
        Model m = model.get();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> mj = new LinkedHashMap<>();
        mj.put("id", m.id());
        mj.put("set", m.setId());
        mj.put("version", m.version());
        mj.put("fitter", m.fitter());
        mj.put("held_out_de2000", m.heldOutDe2000());
        mj.put("created_at", m.createdAt().toString());
        out.put("model", mj);
        var set = store.sets().byId(m.setId());
        out.put("set", set.map(s -> Map.of("id", s.id(), "name", s.name())).orElse(null));
        out.put("patch_labels", set.map(s -> patchLabels(s.chart())).orElse(Map.of()));
        // the report file keeps calibration's keys; the API answers them snake_case like every other key
        out.put("report", Json.snakeKeys(readReport(dir.get().resolve(REPORT_FILE))));
        // issue 20: the roll spread of a roll-aware fit (rolls.json as written: snake_case already), null otherwise
        var rolls = emu.calibration.rolls.RollReport.read(dir.get());
        out.put("rolls", rolls == null ? null : rolls.toJson());
        // V15: the set's down-weighted rolls (code to weight, the rest 1), as the next training will use them
        out.put("roll_weights", store.rolls().weights(m.setId()));
        List<Map<String, Object>> exports = new ArrayList<>();
        for (Export e : store.training().exports(m.id())) {
            Optional<Path> file = FilesUi.inside(dataDir, e.file()).filter(Files::isRegularFile);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", e.id());
            x.put("format", e.format());
            x.put("encoding", e.encoding());
            x.put("size", e.size());
            x.put("illuminant", e.illuminant());
            x.put("served", e.served()); // V16: how its light is served; null: not recorded (older row, or a bundle)
            x.put("name", Path.of(e.file()).getFileName().toString());
            x.put("bytes", file.isPresent() ? Files.size(file.get()) : null);
            x.put("sha256", e.sha256());
            x.put("model_version", m.version());
            x.put("held_out_de2000", m.heldOutDe2000());
            x.put("created_at", e.createdAt().toString());
            x.put("previewable", LutPreview.previewable(e.format()).isEmpty());
            exports.add(x);
        }
        out.put("exports", exports);
        List<Map<String, Object>> failures = new ArrayList<>();
        for (var f : store.training().exportFailures(m.id())) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("format", f.format());
            x.put("encoding", f.encoding());
            x.put("size", f.size());
            x.put("illuminant", f.illuminant());
            x.put("reason", f.reason());
            failures.add(x);
        }
        out.put("export_failures", failures);
        ctx.json(out);
    }

    /** The report as written, or {@code null} when the model has none (fitted outside a selection). */
    private static JsonNode readReport(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": the fit report is not valid JSON (" + e.getOriginalMessage()
                    + "); re-train the set to write a new one", e);
        }
    }
}
