package emu.station.ui;

import emu.calibration.chart.RgbImage;
import emu.calibration.chart.SamplingOptions;
import emu.calibration.color.Encoding;
import emu.calibration.color.Encodings;
import emu.devices.camera.CapturedFile;
import emu.station.config.StationConfig;
import emu.station.errors.NotFoundException;
import emu.station.http.Params;
import emu.station.bench.Devices;
import emu.station.store.OverviewRepository.StoredFile;
import emu.station.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * {@code /api/ui/captures/{id}/exposure}: what a tethering tool shows beside the last capture,
 * from the file's own values (not the display thumbnail, whose white is diffuse white, not where
 * the sensor clips): the share of pixels with a channel at the clip level the chart reader uses
 * for this camera's captures ({@link Devices#captureSampling(StationConfig.CameraDriver)}; a
 * camera JPEG: {@link SamplingOptions#DEFAULTS}), so the picture and the patch flags agree; a
 * mask of them at thumbnail size (transparent PNG, clipped pixels red, as a data URL: the page's
 * CSP allows {@code data:} images); per-channel histograms of the value relative to that clip
 * level through the sRGB curve (shadows spread out as on a camera's display; the last bin is clipped).
 * Kept in memory per file hash (64 entries): the live page asks again on every server event.
 */
final class ExposureUi {
    static final int BINS = 64;
    private static final Encoding DISPLAY = Encodings.get("srgb");
    private static final int CACHED = 64;
    private final Store store;
    private final StationConfig config;
    private final Function<StoredFile, Optional<Path>> files;
    private final Map<String, Map<String, Object>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
            return size() > CACHED;
        }
    };

    ExposureUi(Store store, StationConfig config, Function<StoredFile, Optional<Path>> files) {
        this.store = store;
        this.config = config;
        this.files = files;
    }

    void install(RoutesConfig routes) {
        routes.get("/api/ui/captures/{id}/exposure", this::exposure);
    }

    private void exposure(Context ctx) throws IOException {
        StoredFile f = Params.idIfNumber(ctx).flatMap(store.overview()::captureFile)
                .orElseThrow(() -> new NotFoundException("not found"));
        Path p = files.apply(f).orElseThrow(() -> new NotFoundException("not found"));
        Map<String, Object> answer;
        synchronized (cache) {
            answer = cache.get(f.sha256());
        }
        if (answer == null) {
            double clip = (CapturedFile.Kind.ofName(f.file()) == CapturedFile.Kind.JPEG ? SamplingOptions.DEFAULTS
                    : Devices.captureSampling(config.camera().driver())).clipLevel();
            answer = analyse(RgbImage.read(p), clip);
            synchronized (cache) {
                cache.put(f.sha256(), answer);
            }
        }
        ctx.header("Cache-Control", "private, max-age=86400");
        ctx.json(answer);
    }

    /** Histograms, clipped share and mask of {@code img} (values 0..1 of the file's range). */
    static Map<String, Object> analyse(RgbImage img, double clipLevel) throws IOException {
        int[] wh = Thumbnails.size(img.width(), img.height());
        BufferedImage mask = new BufferedImage(wh[0], wh[1], BufferedImage.TYPE_INT_ARGB);
        long[][] hist = new long[3][BINS];
        long clipped = 0;
        for (int y = 0; y < img.height(); y++) {
            int my = Math.min(wh[1] - 1, (int) ((long) y * wh[1] / img.height()));
            for (int x = 0; x < img.width(); x++) {
                boolean clip = false;
                for (int c = 0; c < 3; c++) {
                    double v = Math.max(0, Math.min(1, img.get(x, y, c)));
                    hist[c][Math.min(BINS - 1, (int) (DISPLAY.encode(Math.min(1, v / clipLevel)) * BINS))]++;
                    clip |= v >= clipLevel;
                }
                if (clip) {
                    clipped++;
                    mask.setRGB(Math.min(wh[0] - 1, (int) ((long) x * wh[0] / img.width())), my, 0xC8FF0028);
                }
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(mask, "png", png);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", wh[0]);
        m.put("height", wh[1]);
        m.put("clip_level", clipLevel);
        m.put("clipped_share", (double) clipped / ((long) img.width() * img.height()));
        m.put("histogram", hist);
        m.put("mask", "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray()));
        return m;
    }
}
