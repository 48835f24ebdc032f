package emu.station.ui;

import emu.calibration.chart.ChartSpecs;
import emu.calibration.color.InputEncoding;
import emu.calibration.io.AtomicFiles;
import emu.calibration.lut.CubeFile;
import emu.calibration.lut.LutInterpolations;
import emu.calibration.lut.ShapedLut;
import emu.station.config.StationConfig;
import emu.station.bench.Devices;
import emu.station.store.CaptureRepository.Capture;
import emu.station.store.ReadingRepository.PairRow;
import emu.station.store.Store;
import emu.station.store.TrainingRepository.Export;
import emu.station.store.TrainingRepository.Model;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The LUT preview, {@code GET /api/ui/preview?capture=ID&export=ID[&size=N][&view=before|after]}:
 * a capture of a set shown as the film would render it through one of the set's exported LUTs.
 *
 * <p>The capture is scene-linear Rec.709 (its codes scaled by the camera driver's full scale,
 * {@link Devices#captureScale}, as the shoot does for its readings), box-averaged down to at
 * most {@code size} px on the long side in linear light ({@link Thumbnails#sceneLinearDown}), then: {@code before} is its sRGB display
 * encoding (IEC 61966-2-1, the film scans' encoding, DESIGN.md); {@code after} is encoded with the
 * export's recorded input encoding ({@link InputEncoding}), mapped through the LUT read by
 * {@link CubeFile} with tetrahedral interpolation, and its output, already film-scan sRGB, is
 * written as it is. 8-bit PNG, cached under {@code cache/preview} of this bench's folder keyed by the capture's
 * SHA-256, the export id, the size and the view (content-addressed: never stale).
 *
 * <p>Ids only, never paths: both rows must exist, belong to the same set, and their files resolve
 * inside the data directory, else 404. Formats without a reader here answer 409 with the reason.
 *
 * <p>{@code GET /api/ui/preview/difference?capture=ID&export=ID[&scan=ID]}: the same pair's
 * per-patch CIEDE2000 between the LUT's prediction and the film scan of the step
 * ({@link PreviewDifference}); the scan is the given one or the step's first paired scan;
 * {@code scan} is null and {@code patches} empty when none is paired yet.
 */
final class LutPreview {
    static final int DEFAULT_SIZE = Thumbnails.MAX_SIDE;
    static final int MIN_SIZE = 16;
    static final int MAX_SIZE = 2048;
    private static final String DISPLAY = "srgb";

    private final Store store;
    private final Path dataDir;
    private final Path cacheDir;
    private final double captureScale;

    LutPreview(Store store, StationConfig config) {
        this.store = store;
        this.dataDir = config.station().dataDir();
        this.cacheDir = emu.station.files.DataRoot.of(config).benchDir().resolve("cache").resolve("preview"); // this bench's own
        this.captureScale = Devices.captureScale(config.camera().driver());
    }

    void install(RoutesConfig routes) {
        routes.get("/api/ui/preview", this::preview);
        routes.get("/api/ui/sets/{id}/preview-exports", this::exports);
        routes.get("/api/ui/preview/difference", this::difference);
    }

    /**
     * The set's exports the preview can show (newest model first), and the others counted by format
     * with the reason, so the page lists only what it can render and says why the rest is missing.
     */
    private void exports(Context ctx) {
        var set = emu.station.http.Params.idIfNumber(ctx).flatMap(store.sets()::byId)
                .orElseThrow(() -> new emu.station.errors.NotFoundException("not found"));
        java.util.List<Map<String, Object>> shown = new java.util.ArrayList<>();
        Map<String, Map<String, Object>> others = new java.util.LinkedHashMap<>();
        java.util.List<Model> models = new java.util.ArrayList<>(store.training().models(set.id()));
        models.sort(java.util.Comparator.comparingInt(Model::version).reversed());
        for (Model m : models) {
            for (Export e : store.training().exports(m.id())) {
                Optional<String> refused = previewable(e.format());
                if (refused.isEmpty()) {
                    Map<String, Object> x = new java.util.LinkedHashMap<>();
                    x.put("id", e.id());
                    x.put("model", m.id());
                    x.put("version", m.version());
                    x.put("format", e.format());
                    x.put("encoding", e.encoding());
                    x.put("size", e.size());
                    x.put("illuminant", e.illuminant());
                    x.put("served", e.served()); // V16; null: not recorded
                    x.put("name", Path.of(e.file()).getFileName().toString());
                    shown.add(x);
                } else {
                    Map<String, Object> o = others.computeIfAbsent(e.format(), f -> new java.util.LinkedHashMap<>(
                            Map.of("format", f, "count", 0, "reason", refused.get())));
                    o.put("count", (Integer) o.get("count") + 1);
                }
            }
        }
        ctx.json(Map.of("exports", shown, "not_previewable", others.values()));
    }

    /** Why exports of {@code format} cannot be previewed, or empty when they can. */
    static Optional<String> previewable(String format) {
        if (format.equals("cube")) {
            return Optional.empty();
        }
        if (format.startsWith("cube-")) {
            return Optional.of("a " + format + " export maps to an HDR output, not the film scan's sRGB display encoding");
        }
        return Optional.of("no reader for " + format + " exports here; preview a cube export of the same model");
    }

    private void preview(Context ctx) throws IOException {
        Optional<Long> captureId = queryId(ctx, "capture");
        Optional<Long> exportId = queryId(ctx, "export");
        String view = Optional.ofNullable(ctx.queryParam("view")).orElse("after");
        if (!view.equals("before") && !view.equals("after")) {
            ctx.status(400).json(Map.of("error", "view must be before or after, got '" + view + "'"));
            return;
        }
        int size;
        try {
            size = Integer.parseInt(Optional.ofNullable(ctx.queryParam("size")).orElse(String.valueOf(DEFAULT_SIZE)));
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < MIN_SIZE || size > MAX_SIZE) {
            ctx.status(400).json(Map.of("error", "size must be a whole number of pixels " + MIN_SIZE + ".." + MAX_SIZE
                    + ", got '" + ctx.queryParam("size") + "'"));
            return;
        }
        Optional<Capture> capture = captureId.flatMap(store.captures()::byId);
        Optional<Export> export = exportId.flatMap(store.training()::export);
        Optional<Model> model = export.flatMap(e -> store.training().model(e.modelId()));
        Optional<Path> captureFile = capture.flatMap(c -> FilesUi.inside(dataDir, c.file())).filter(Files::isRegularFile);
        Optional<Path> lutFile = export.flatMap(e -> FilesUi.inside(dataDir, e.file())).filter(Files::isRegularFile);
        if (captureFile.isEmpty() || lutFile.isEmpty() || model.isEmpty() || model.get().setId() != capture.get().setId()) {
            UiModule.notFound(ctx);
            return;
        }
        Optional<String> refused = previewable(export.get().format());
        if (refused.isPresent()) {
            ctx.status(409).json(Map.of("error", refused.get()));
            return;
        }
        String sha = capture.get().sha256();
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new IOException("bad content hash in the database for capture " + capture.get().id() + ": " + sha);
        }
        Path cached = cacheDir.resolve(sha + "-e" + export.get().id() + "-" + size + "-" + view + ".png");
        byte[] png;
        if (Files.isRegularFile(cached)) {
            png = Files.readAllBytes(cached);
        } else {
            png = render(captureFile.get(), size, view.equals("before") ? null : export.get(), lutFile.get());
            Files.createDirectories(cacheDir);
            AtomicFiles.write(cached, png);
        }
        ctx.contentType("image/png");
        ctx.header("Cache-Control", "private, max-age=86400");
        ctx.result(png);
    }

    private void difference(Context ctx) throws IOException {
        Optional<Capture> capture = queryId(ctx, "capture").flatMap(store.captures()::byId);
        Optional<Export> export = queryId(ctx, "export").flatMap(store.training()::export);
        Optional<Model> model = export.flatMap(e -> store.training().model(e.modelId()));
        Optional<Path> lutFile = export.flatMap(e -> FilesUi.inside(dataDir, e.file())).filter(Files::isRegularFile);
        var set = capture.flatMap(c -> store.sets().byId(c.setId()));
        if (capture.isEmpty() || lutFile.isEmpty() || model.isEmpty() || set.isEmpty()
                || model.get().setId() != capture.get().setId()) {
            UiModule.notFound(ctx);
            return;
        }
        Optional<String> refused = previewable(export.get().format());
        if (refused.isPresent()) {
            ctx.status(409).json(Map.of("error", refused.get()));
            return;
        }
        String scanParam = ctx.queryParam("scan");
        if (scanParam != null && !scanParam.matches("[0-9]{1,18}")) {
            ctx.status(400).json(Map.of("error", "scan must be a scan id, got '" + scanParam + "'"));
            return;
        }
        long captureId = capture.get().id();
        java.util.List<PairRow> rows = store.readings().pairs(set.get().id()).stream()
                .filter(r -> r.captureId() == captureId).toList();
        Long scan = scanParam != null ? Long.valueOf(scanParam) : rows.isEmpty() ? null : rows.get(0).scanId();
        rows = rows.stream().filter(r -> scan != null && r.scanId() == scan).toList();
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("capture", captureId);
        out.put("export", export.get().id());
        out.put("scan", rows.isEmpty() ? null : scan);
        out.putAll(PreviewDifference.of(rows, CubeFile.read(lutFile.get()).lut(), export.get().encoding(),
                ChartSpecs.byName(set.get().chart())));
        ctx.json(out);
    }

    /** The capture as PNG: display-encoded when {@code export} is null, else through its LUT. */
    private byte[] render(Path captureFile, int size, Export export, Path lutFile) throws IOException {
        Thumbnails.LinearImage linear = Thumbnails.sceneLinearDown(captureFile, captureScale, size);
        int dw = linear.width();
        int dh = linear.height();
        float[] rgb;
        if (export == null) {
            rgb = toFloats(InputEncoding.get(DISPLAY).fromRec709Linear(linear.rgb()));
        } else {
            ShapedLut lut = CubeFile.read(lutFile).lut();
            rgb = toFloats(InputEncoding.get(export.encoding()).fromRec709Linear(linear.rgb()));
            lut.apply(rgb, 0, dw * dh, LutInterpolations.TETRAHEDRAL);
        }
        BufferedImage out = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < dw * dh; i++) {
            out.setRGB(i % dw, i / dw, byte8(rgb[3 * i]) << 16 | byte8(rgb[3 * i + 1]) << 8 | byte8(rgb[3 * i + 2]));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        return bytes.toByteArray();
    }

    static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static int byte8(float v) {
        return (int) Math.round(Math.max(0, Math.min(1, Double.isNaN(v) ? 0 : v)) * 255);
    }

    private static Optional<Long> queryId(Context ctx, String name) {
        String s = ctx.queryParam(name);
        return s != null && s.matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(s)) : Optional.empty();
    }
}
