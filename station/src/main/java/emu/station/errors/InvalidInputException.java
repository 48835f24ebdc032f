package emu.station.errors;

/**
 * Input that cannot be accepted, naming the field it came from (a JSON key, a CLI option) when
 * there is one; the message says what is wrong and what would be right. HTTP: 400.
 */
public class InvalidInputException extends IllegalArgumentException {
    private final String field;

    /** @param field the offending field's name, or null when the input as a whole is wrong */
    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidInputException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The offending field, or null. */
    public String field() {
        return field;
    }
}
