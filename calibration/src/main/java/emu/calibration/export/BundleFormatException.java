package emu.calibration.export;

/**
 * A model bundle that cannot be trusted: unreadable, a manifest that breaks the format, or an
 * entry whose size or SHA-256 differs from the manifest. Names the bundle file and the entry.
 * An {@link IllegalArgumentException}: bad input (CLI exit code 2).
 */
public final class BundleFormatException extends IllegalArgumentException {

    public BundleFormatException(String bundle, String problem) {
        super(bundle + ": " + problem);
    }

    public BundleFormatException(String bundle, String problem, Throwable cause) {
        super(bundle + ": " + problem, cause);
    }
}
