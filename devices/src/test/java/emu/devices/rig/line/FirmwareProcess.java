package emu.devices.rig.line;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines to run {@link SimFirmwareMain} (or another main of this module) as a child JVM. */
final class FirmwareProcess {
    private FirmwareProcess() {}

    static List<String> java(String mainClass, String... args) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A small, quick-starting JVM: these children only shuffle a few lines.
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", cp, mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static List<String> firmware(String... args) {
        return java(SimFirmwareMain.class.getName(), args);
    }
}
