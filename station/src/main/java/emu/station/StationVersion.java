package emu.station;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, from {@code version.properties} (filled in by Maven at build time). */
public final class StationVersion {
    private static final String VERSION = load();

    private StationVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = StationVersion.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "");
            return v.isEmpty() || v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
