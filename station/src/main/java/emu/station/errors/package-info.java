/**
 * The station's exceptions that carry a meaning a caller can act on: something asked for does not
 * exist ({@link emu.station.errors.NotFoundException}), an action conflicts with the current state
 * ({@link emu.station.errors.ConflictException}, naming the state), input is invalid
 * ({@link emu.station.errors.InvalidInputException}, naming the field), a device failed
 * ({@link emu.station.errors.DeviceFaultException}). Anything else thrown is an internal fault.
 *
 * <p>Workflows throw these; the HTTP layer maps them to status codes in one place
 * ({@code emu.station.http.ApiErrors}) and the CLI to exit codes ({@code cli.ExitCodes}). The
 * bad-input kinds extend {@link java.lang.IllegalArgumentException} and the conflict
 * {@link java.lang.IllegalStateException} so callers that already caught those keep working.
 *
 * <p>Imports nothing of the station: every package may use it.
 */
package emu.station.errors;
