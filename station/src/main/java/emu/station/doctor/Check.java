package emu.station.doctor;

/**
 * One finding: what was checked, how it went, what was seen, and (unless OK) the command or step
 * that fixes it.
 */
public record Check(String what, Status status, String detail, String fix) {
    public enum Status { OK, WARN, FAIL }

    static Check ok(String what, String detail) {
        return new Check(what, Status.OK, detail, "");
    }

    static Check warn(String what, String detail, String fix) {
        return new Check(what, Status.WARN, detail, fix);
    }

    static Check fail(String what, String detail, String fix) {
        return new Check(what, Status.FAIL, detail, fix);
    }
}
