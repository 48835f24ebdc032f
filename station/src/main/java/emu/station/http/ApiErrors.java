package emu.station.http;

import emu.devices.camera.CameraException;
import emu.devices.rig.RigException;
import emu.station.errors.ConflictException;
import emu.station.errors.DeviceFaultException;
import emu.station.errors.InvalidInputException;
import emu.station.errors.NotFoundException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place exceptions become HTTP answers, always {@code {"error": "..."}} plus, when known,
 * the {@code field} (400), the {@code state} (409) or the {@code id} (500):
 * <ul>
 *   <li>{@link InvalidInputException} 400, {@link NotFoundException} 404,
 *       {@link ConflictException} 409, a full disk ({@code DiskFullException}) 507, a device fault ({@link DeviceFaultException}, the devices'
 *       {@code CameraException}/{@code RigException}) 503;</li>
 *   <li>Javalin's own {@link HttpResponseException}s (the login guard's 401/403) and Jetty's
 *       {@code BadMessageException}s (a body below {@code http.min_body_bytes_per_second}: 408) their status;</li>
 *   <li>anything else is an internal fault: 500 with a short id that is also logged with the stack
 *       trace, so a report can be matched to the log. A stray {@link IllegalStateException} or
 *       {@link IllegalArgumentException} is such a fault, not a conflict or bad input.</li>
 * </ul>
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {}

    static void install(RoutesConfig routes) {
        routes.exception(InvalidInputException.class, (e, ctx) -> answer(ctx, 400, e.getMessage(), "field", e.field()));
        routes.exception(NotFoundException.class, (e, ctx) -> answer(ctx, 404, e.getMessage(), null, null));
        routes.exception(emu.station.errors.DiskFullException.class, (e, ctx) -> answer(ctx, 507, e.getMessage(), null, null));
        routes.exception(ConflictException.class, (e, ctx) -> answer(ctx, 409, e.getMessage(), "state", e.state()));
        routes.exception(DeviceFaultException.class, (e, ctx) -> device(ctx, e));
        routes.exception(CameraException.class, (e, ctx) -> device(ctx, e));
        routes.exception(RigException.class, (e, ctx) -> device(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), e.getMessage(), null, null));
        // Jetty's own refusals raised while a handler reads the body (408 too slow, 400 bad chunking, 413): theirs, not 500.
        routes.exception(org.eclipse.jetty.http.BadMessageException.class, (e, ctx) -> {
            ctx.header("Connection", "close");
            answer(ctx, e.getCode(), e.getReason(), null, null);
        });
        routes.exception(Exception.class, (e, ctx) -> {
            String id = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("internal error {} answering {} {}", id, ctx.method(), ctx.path(), e);
            answer(ctx, 500, "internal error " + id + ": see the station log", "id", id);
        });
    }

    private static void device(Context ctx, Exception e) {
        LOG.warn("device fault answering {} {}: {}", ctx.method(), ctx.path(), e.toString());
        answer(ctx, 503, e.getMessage(), null, null);
    }

    private static void answer(Context ctx, int status, String message, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message == null || message.isBlank() ? "error" : message);
        if (key != null && value != null) {
            m.put(key, value);
        }
        Json.send(ctx.status(status), m);
    }
}
