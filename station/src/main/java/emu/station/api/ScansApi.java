package emu.station.api;

import static emu.station.http.Json.send;

import emu.station.Workflows;
import emu.station.errors.InvalidInputException;
import emu.station.errors.NotFoundException;
import emu.station.http.Body;
import emu.station.http.Json;
import emu.station.http.Params;
import emu.station.store.RollRepository.Roll;
import emu.station.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A roll's scans: import (a zip in the body, or a folder or zip in the data directory's
 * {@code lab-inbox/}), pairing scans with frames (conflicts, an offset, one scan to one frame) and
 * setting a scan aside (a duplicate, a wrong file) or taking it back.
 */
final class ScansApi {
    private ScansApi() {}

    private record ScanSource(Path path, boolean temporary) {}

    static void register(RoutesConfig routes, Workflows w) {
        Store store = w.store();
        routes.post("/api/rolls/{id}/scans", ctx -> {
            Roll r = Found.roll(store, Params.id(ctx));
            ScanSource src = scanSource(ctx, w.dataDir());
            try {
                var report = w.scans().importScans(r.id(), src.path());
                r.setId().ifPresent(w::setChanged);
                send(ctx, report);
            } finally {
                if (src.temporary()) {
                    Files.deleteIfExists(src.path());
                }
            }
        });
        routes.get("/api/rolls/{id}/pairing", ctx -> send(ctx, w.pairing().conflicts(Found.roll(store, Params.id(ctx)).id())));
        routes.post("/api/rolls/{id}/pairing", ctx -> {
            Roll r = Found.roll(store, Params.id(ctx));
            Body b = Json.body(ctx);
            Map<String, Object> m = new LinkedHashMap<>();
            if (b.has("offset")) {
                m.put("paired", w.pairing().applyOffset(r.id(), b.integer("offset", 0)));
            } else if (b.has("scan") && b.has("frame")) {
                w.pairing().pair(r.id(), b.integer("scan", 0), b.integer("frame", 0));
                m.put("paired", 1);
            } else {
                throw new InvalidInputException(null, "give {\"offset\": N} or {\"scan\": ID, \"frame\": N}");
            }
            r.setId().ifPresent(w::setChanged);
            m.put("conflicts", w.pairing().conflicts(r.id()));
            send(ctx, m);
        });
        routes.post("/api/scans/{id}/bad", ctx -> {
            long id = Params.id(ctx);
            store.scans().byId(id).orElseThrow(() -> new NotFoundException("no scan " + id));
            BadMark mark = BadMark.of(Json.body(ctx));
            send(ctx, w.markScanBad(id, mark.bad(), mark.reason()));
        });
    }

    /** A zip in the body ({@code application/zip}), or {@code {"path": "..."}} naming a folder or zip on the station. */
    private static ScanSource scanSource(Context ctx, Path dataDir) throws IOException {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("application/zip") || type.startsWith("application/octet-stream")) {
            Path tmp = Files.createTempFile(dataDir, ".upload-", ".zip");
            Files.write(tmp, ctx.bodyAsBytes());
            return new ScanSource(tmp, true);
        }
        return new ScanSource(inInbox(dataDir, Json.body(ctx).text("path", true)), false);
    }

    /**
     * A request may name scans only inside the data directory's {@code lab-inbox/} (where labs'
     * deliveries are dropped and the simulated lab delivers): no request reaches the rest of the
     * filesystem. Relative names resolve against the inbox; anything outside it is a 404, as if absent.
     */
    static Path inInbox(Path dataDir, String requested) throws IOException {
        Path inbox = dataDir.resolve("lab-inbox");
        Files.createDirectories(inbox);
        Path root = inbox.toRealPath();
        Path asked = root.resolve(requested).normalize();
        if (!asked.startsWith(root)) {
            throw new NotFoundException("no scans at '" + requested + "': imports read only from " + root);
        }
        if (!Files.exists(asked)) {
            throw new InvalidInputException("path", "no scans at '" + requested + "' (looked in " + root + ")");
        }
        if (!asked.toRealPath().startsWith(root)) {
            throw new NotFoundException("no scans at '" + requested + "': imports read only from " + root);
        }
        return asked;
    }
}
