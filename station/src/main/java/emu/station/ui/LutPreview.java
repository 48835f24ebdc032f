package emu.station.ui;

import emu.calibration.color.InputEncoding;
import emu.calibration.io.AtomicFiles;
import emu.calibration.lut.CubeFile;
import emu.calibration.lut.LutImages;
import emu.calibration.lut.LutInterpolations;
import emu.calibration.lut.ShapedLut;
import emu.devices.sim.camera.SimCamera;
import emu.station.config.StationConfig;
import emu.station.store.CaptureRepository.Capture;
import emu.station.store.Store;
import emu.station.store.TrainingRepository.Export;
import emu.station.store.TrainingRepository.Model;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
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
 * <p>The capture is scene-linear Rec.709 (the sim camera's TIFF codes are scaled by
 * {@link SimCamera#TIFF_FULL_SCALE}, as the shoot does for its readings), box-averaged down to at
 * most {@code size} px on the long side in linear light, then: {@code before} is its sRGB display
 * encoding (IEC 61966-2-1, the film scans' encoding, DESIGN.md); {@code after} is encoded with the
 * export's recorded input encoding ({@link InputEncoding}), mapped through the LUT read by
 * {@link CubeFile} with tetrahedral interpolation, and its output, already film-scan sRGB, is
 * written as it is. 8-bit PNG, cached under {@code data_dir/cache/preview} keyed by the capture's
 * SHA-256, the export id, the size and the view (content-addressed: never stale).
 *
 * <p>Ids only, never paths: both rows must exist, belong to the same set, and their files resolve
 * inside the data directory, else 404. Formats without a reader here answer 409 with the reason.
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
        this.cacheDir = dataDir.resolve("cache").resolve("preview");
        // the same rule as the shoot's readings (Devices#open): the sim camera's TIFF full scale
        this.captureScale = config.camera().driver() == StationConfig.CameraDriver.SIM ? SimCamera.TIFF_FULL_SCALE : 1.0;
    }

    void install(RoutesConfig routes) {
        routes.get("/api/ui/preview", this::preview);
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
        Optional<Path> captureFile = capture.flatMap(c -> UiModule.inside(dataDir, c.file())).filter(Files::isRegularFile);
        Optional<Path> lutFile = export.flatMap(e -> UiModule.inside(dataDir, e.file())).filter(Files::isRegularFile);
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

    /** The capture as PNG: display-encoded when {@code export} is null, else through its LUT. */
    private byte[] render(Path captureFile, int size, Export export, Path lutFile) throws IOException {
        BufferedImage src = LutImages.read(captureFile);
        int w = src.getWidth();
        int h = src.getHeight();
        double scale = Math.min(1.0, (double) size / Math.max(w, h));
        int dw = Math.max(1, (int) Math.round(w * scale));
        int dh = Math.max(1, (int) Math.round(h * scale));
        double[] linear = boxDown(src, dw, dh);
        float[] rgb;
        if (export == null) {
            rgb = toFloats(InputEncoding.get(DISPLAY).fromRec709Linear(linear));
        } else {
            ShapedLut lut = CubeFile.read(lutFile).lut();
            rgb = toFloats(InputEncoding.get(export.encoding()).fromRec709Linear(linear));
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

    /**
     * Scene-linear RGB (row-major n x 3) of {@code src} averaged over boxes down to {@code dw x dh}:
     * averaging in linear light keeps the mean exposure a chart patch had.
     */
    private double[] boxDown(BufferedImage src, int dw, int dh) throws IOException {
        Raster r = src.getRaster();
        int w = src.getWidth();
        int h = src.getHeight();
        if (src.getColorModel().getNumColorComponents() != 3) {
            throw new IOException("capture is not an RGB image (" + src.getColorModel().getNumColorComponents()
                    + " colour components)");
        }
        double max = (1L << src.getColorModel().getComponentSize(0)) - 1;
        double[] sum = new double[3 * dw * dh];
        int[] count = new int[dw * dh];
        int[] row = new int[w * r.getNumBands()];
        int bands = r.getNumBands();
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, row);
            int dy = (int) ((long) y * dh / h);
            for (int x = 0; x < w; x++) {
                int d = dy * dw + (int) ((long) x * dw / w);
                for (int c = 0; c < 3; c++) {
                    sum[3 * d + c] += row[bands * x + c];
                }
                count[d]++;
            }
        }
        for (int d = 0; d < count.length; d++) {
            for (int c = 0; c < 3; c++) {
                sum[3 * d + c] = sum[3 * d + c] / count[d] / max * captureScale;
            }
        }
        return sum;
    }

    private static float[] toFloats(double[] v) {
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
