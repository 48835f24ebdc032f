package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.rig.line.PtyBridge;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code station doctor} on real files and a real socat pty as the rig port: every check passes
 * and exits 0; a data directory under a plain file, a missing rig port, an absent USB camera node
 * and too little free disk each fail with their fix, exit 1. (The tests run as root, which reaches
 * every device node, so the plugdev/dialout group findings are not reached here; scripts/check-deb.sh
 * runs the packaged doctor as {@code nobody} for a real permission failure on the data directory.)
 */
class DoctorCommandTest {
    @TempDir Path dir;

    @Test
    void everythingReachableExitsZero() throws Exception {
        Path host = dir.resolve("rig");
        PtyBridge bridge = PtyBridge.pair(host, dir.resolve("rig.far"));
        try {
            Path cfg = Files.writeString(dir.resolve("config.toml"), String.join("\n", "[station]", "data_dir = \"data\"",
                    "[rig]", "driver = \"serial-line\"", "port = \"" + host + "\"", ""));
            CliRun r = CliRun.of("doctor", "--config", cfg.toString(), "--min-free-gb", "0");
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("OK   data directory " + dir.resolve("data")), r.out());
            assertTrue(r.out().contains("OK   rig port " + host), r.out());
            assertTrue(r.out().contains("OK   camera: sim driver"), r.out());
            assertTrue(r.out().contains("OK   training candidates: 12 specs, 6 fitted per light"), r.out());
            assertTrue(r.out().contains("all checks passed"), r.out());
            assertTrue(Files.isDirectory(dir.resolve("data")));
            try (var files = Files.list(dir.resolve("data"))) {
                assertEquals(0, files.count(), "the write probe is removed");
            }
        } finally {
            bridge.close();
        }
    }

    /** The candidates shipped before issue 24 session 12 (conditional fits only) warn, naming the fix; exit 0. */
    @Test
    void theOldConditionalOnlyCandidatesWarn() throws Exception {
        Path cfg = Files.writeString(dir.resolve("config.toml"), String.join("\n", "[station]", "data_dir = \"data\"",
                "[training]", "candidates = [\"matrix\", \"polynomial\", \"root-polynomial\", \"tps\", \"mlp\"]", ""));
        CliRun r = CliRun.of("doctor", "--config", cfg.toString(), "--min-free-gb", "0");
        assertTrue(r.out().contains("WARN training candidates: none of matrix, polynomial, root-polynomial, tps, mlp is"
                + " fitted per light"), r.out());
        assertTrue(r.out().contains("fix: use the [training] candidates list of the shipped config.toml"), r.out());
    }

    @Test
    void eachUnreachableThingFailsWithItsFix() throws Exception {
        Files.writeString(dir.resolve("blocker"), "a file, not a folder");
        Path cfg = Files.writeString(dir.resolve("config.toml"), String.join("\n", "[station]", "data_dir = \"blocker/data\"",
                "[camera]", "driver = \"gphoto2\"", "model = \"Nikon DSC D750\"", "port = \"usb:999,999\"",
                "[rig]", "driver = \"serial-line\"", "port = \"" + dir.resolve("no-such-tty") + "\"", ""));
        CliRun r = CliRun.of("doctor", "--config", cfg.toString(), "--min-free-gb", "100000000");
        assertEquals(1, r.exit(), r.out() + r.err());
        String out = r.out();
        assertTrue(out.contains("FAIL data directory " + dir.resolve("blocker/data")), out);
        assertTrue(out.contains("fix: sudo install -d -o "), out);
        assertTrue(out.contains("FAIL free disk"), out);
        assertTrue(out.contains("FAIL camera usb:999,999: /dev/bus/usb/999/999 does not exist"), out);
        assertTrue(out.contains("FAIL rig port " + dir.resolve("no-such-tty")), out);
        assertTrue(out.contains("fix: connect the rig"), out);
        assertTrue(out.contains("some checks failed"), out);
    }

    @Test
    void aBadConfigOrOptionExitsTwo() throws Exception {
        Path cfg = Files.writeString(dir.resolve("config.toml"), "[station]\ndata_dri = \"x\"\n");
        CliRun r = CliRun.of("doctor", "--config", cfg.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("data_dri"), r.err());
        assertEquals(2, CliRun.of("doctor", "--config", cfg.toString(), "--min-free-gb", "-1").exit());
    }
}
