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
            ScanSource src = scanSource(ctx, w.dataDir(), w.config().http().maxUploadBytes(),
                    w.config().station().minFreeBytes());
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
    private static ScanSource scanSource(Context ctx, Path dataDir, long limit, long minFree) throws IOException {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("application/zip") || type.startsWith("application/octet-stream")) {
            return new ScanSource(upload(ctx, dataDir, limit, minFree), true);
        }
        return new ScanSource(inInbox(dataDir, Json.body(ctx).text("path", true)), false);
    }

    /**
     * Streams the body to a temp file in the data directory, never holding it in memory (Javalin's
     * {@code bodyAsBytes} is capped at 1 MiB, which refused a single scan: issue 16). Refused with
     * 413 before reading when the declared length is over {@code limit}, or as soon as a chunked body
     * passes it; the zip itself is checked by the import before anything is unpacked.
     */
    static Path upload(Context ctx, Path dataDir, long limit, long minFree) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw new io.javalin.http.HttpResponseException(413, "the upload is " + declared + " bytes; the limit is "
                    + limit + " (http.max_upload_mb)");
        }
        if (declared > 0) {
            new emu.station.files.DiskSpace(dataDir, declared + minFree).require("an upload of " + declared + " bytes");
        }
        Path tmp = Files.createTempFile(dataDir, ".upload-", ".zip");
        boolean ok = false;
        try (var in = ctx.req().getInputStream(); var out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw new io.javalin.http.HttpResponseException(413, "the upload passed the limit of " + limit
                            + " bytes (http.max_upload_mb)");
                }
                out.write(buf, 0, n);
            }
            ok = true;
            return tmp;
        } catch (IOException e) {
            if (emu.station.files.DiskSpace.isDiskFull(e)) {
                throw new emu.station.errors.DiskFullException("the disk filled up receiving the upload; free some space", e);
            }
            throw e;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
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
