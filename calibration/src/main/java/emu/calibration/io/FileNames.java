package emu.calibration.io;

/**
 * The one file-name helper: a name portable to every file system and safe in a
 * Content-Disposition header. (An OCIO look name has a stricter rule of its own, in
 * {@code lut.OcioLookFormat}.)
 */
public final class FileNames {
    private FileNames() {}

    /**
     * {@code name} with every run of characters other than ASCII letters, digits, '.', '_' and '-'
     * replaced by one '-'; "." and ".." (which name directories) get a leading '_'.
     */
    public static String safe(String name) {
        String out = name.replaceAll("[^A-Za-z0-9._-]+", "-");
        return out.equals(".") || out.equals("..") ? "_" + out : out;
    }
}
