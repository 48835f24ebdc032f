package emu.station.http;

import emu.station.errors.InvalidInputException;
import io.javalin.http.Context;
import java.util.Optional;

/** Path parameters. */
public final class Params {
    private Params() {}

    /** The {@code {id}} path parameter; not a number is a 400 naming it. */
    public static long id(Context ctx) {
        return number(ctx, "id");
    }

    /** A numeric path parameter; not a number is a 400 naming it. */
    public static int number(Context ctx, String param) {
        try {
            return Math.toIntExact(Long.parseLong(ctx.pathParam(param)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInputException(param, param + " must be a number, got '" + ctx.pathParam(param) + "'");
        }
    }

    /**
     * The {@code {id}} path parameter when it is a number, else empty: the web UI's read routes
     * answer any id they cannot find, malformed or unknown, with the same 404.
     */
    public static Optional<Long> idIfNumber(Context ctx) {
        String s = ctx.pathParam("id");
        return s.matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(s)) : Optional.empty();
    }
}
