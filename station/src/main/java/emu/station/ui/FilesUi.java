package emu.station.ui;

import emu.calibration.io.FileNames;
import emu.devices.camera.CapturedFile;
import emu.station.config.StationConfig;
import emu.station.errors.NotFoundException;
import emu.station.http.Params;
import emu.station.bench.Devices;
import emu.station.store.OverviewRepository.StoredFile;
import emu.station.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Captures', scans' and exports' files: thumbnails and downloads, found by database id only (a
 * request never names a path), and only inside the data directory.
 */
final class FilesUi {
    private final Store store;
    private final StationConfig config;
    private final Thumbnails thumbnails;

    FilesUi(Store store, StationConfig config) {
        this.store = store;
        this.config = config;
        this.thumbnails = new Thumbnails(emu.station.files.DataRoot.of(config).benchDir().resolve("cache").resolve("thumbs"));
    }

    void install(RoutesConfig routes) {
        routes.get("/api/ui/captures/{id}/thumb", ctx -> thumb(ctx, store.overview()::captureFile, this::captureTone));
        routes.get("/api/ui/scans/{id}/thumb", ctx -> thumb(ctx, store.overview()::scanFile, f -> Thumbnails.Tone.DISPLAY_ENCODED));
        routes.get("/api/ui/captures/{id}/file", ctx -> download(ctx, store.overview()::captureFile));
        routes.get("/api/ui/scans/{id}/file", ctx -> download(ctx, store.overview()::scanFile));
        routes.get("/api/ui/exports/{id}/file", ctx -> download(ctx, store.overview()::exportFile));
    }

    /**
     * A camera JPEG is display-encoded; any other capture file (the sim camera's TIFF, a developed
     * RAW) is scene-linear with the full scale of the configured camera driver, the same factor
     * the readings are stored with ({@link Devices#captureScale(StationConfig.CameraDriver)}).
     */
    private Thumbnails.Tone captureTone(StoredFile f) {
        return CapturedFile.Kind.ofName(f.file()) == CapturedFile.Kind.JPEG ? Thumbnails.Tone.DISPLAY_ENCODED
                : Thumbnails.Tone.sceneLinear(Devices.captureScale(config.camera().driver()));
    }

    private void thumb(Context ctx, LongFunction<Optional<StoredFile>> lookup,
            Function<StoredFile, Thumbnails.Tone> tone) throws IOException {
        StoredFile f = Params.idIfNumber(ctx).flatMap(lookup::apply).orElseThrow(() -> new NotFoundException("not found"));
        Path p = resolve(f).orElseThrow(() -> new NotFoundException("not found"));
        ctx.contentType("image/jpeg");
        ctx.header("Cache-Control", "private, max-age=86400");
        ctx.result(thumbnails.of(p, f.sha256(), tone.apply(f)));
    }

    private void download(Context ctx, LongFunction<Optional<StoredFile>> lookup) throws IOException {
        Path p = Params.idIfNumber(ctx).flatMap(lookup::apply).flatMap(this::resolve)
                .orElseThrow(() -> new NotFoundException("not found"));
        String name = FileNames.safe(p.getFileName().toString());
        ctx.contentType("application/octet-stream");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.result(Files.readAllBytes(p));
    }

    /** The file of a row, if it exists inside the data directory (rows written by us, checked anyway). */
    Optional<Path> resolve(StoredFile f) {
        return inside(config.station().dataDir(), f.file()).filter(Files::isRegularFile);
    }

    /**
     * {@code relative} (a path from a database row) resolved in {@code dataDir} to its real path,
     * unless it is absent or leads outside, by {@code ..} or by a symlink (issue 16: the text check
     * served {@code exports/link.cube -> /etc/...}).
     */
    static Optional<Path> inside(Path dataDir, String relative) {
        return emu.calibration.io.Confined.existing(dataDir, relative);
    }
}
