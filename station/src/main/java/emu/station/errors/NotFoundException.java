package emu.station.errors;

/**
 * Something named by id or name does not exist ("no roll 5"). HTTP: 404. An
 * {@link IllegalArgumentException} so the CLI keeps treating it as bad input (exit 2).
 */
public class NotFoundException extends IllegalArgumentException {
    public NotFoundException(String message) {
        super(message);
    }
}
