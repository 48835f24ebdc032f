package emu.calibration.spectral;

/**
 * A pairs set the spectral fit cannot use, with the reason, so that serving can fall back to the blend of the
 * trained lights' models.
 */
public final class SpectralRefusedException extends IllegalArgumentException {
    /** Why the fit was refused. */
    public enum Reason {
        /** Too few of the pairs' patch ids name a patch with a known reflectance. */
        UNKNOWN_PATCHES,
        /** None of the pairs' lights has a known SPD. */
        UNKNOWN_LIGHTS
    }

    private final Reason reason;

    SpectralRefusedException(Reason reason, String message) {
        super("spectral fit refused (" + reason + "): " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
