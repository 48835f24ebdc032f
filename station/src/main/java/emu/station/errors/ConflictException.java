package emu.station.errors;

/**
 * An action that the current state does not allow ("no shoot is running", "roll 3 is being shot
 * already"), naming that state so a client can show it. HTTP: 409. Not for internal faults: an
 * unexpected {@link IllegalStateException} is a bug and answers 500.
 */
public class ConflictException extends IllegalStateException {
    private final String state;

    /** @param state the state that refused the action (e.g. {@code "idle"}, {@code "waiting"}), or null */
    public ConflictException(String state, String message) {
        super(message);
        this.state = state;
    }

    /** The state that refused the action, or null. */
    public String state() {
        return state;
    }
}
