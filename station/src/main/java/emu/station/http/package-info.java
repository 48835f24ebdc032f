/**
 * The HTTP machinery every route shares, with no routes of its own but health, version and the
 * event stream: the server ({@link emu.station.http.ApiServer}), server-sent events
 * ({@link emu.station.http.EventStream}), the one JSON setup and typed body reader
 * ({@link emu.station.http.Json}, {@link emu.station.http.Body}, {@link emu.station.http.Params})
 * and the one exception-to-status mapping ({@link emu.station.http.ApiErrors}). The JSON setup
 * also holds the API's one key style, snake_case in answers and bodies (docs/api.md): add routes'
 * answers through it ({@code ctx.json} or {@link emu.station.http.Json#send}), never another mapper.
 *
 * <p>May import {@code emu.station.errors}, {@code config}, the devices' exception types and
 * Javalin/Jackson; never {@code daemon}, {@code api} or {@code ui}, which build on it.
 */
package emu.station.http;
