package emu.station.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code station camera ...} as a user runs it: each case is a child JVM on this test's classpath, so
 * each loads its own libgphoto2 (Debian's stock one with no camera, or the virtual-camera build from
 * scripts/build-vcamera.sh, which needs IOLIBS, CAMLIBS and the working directory holding {@code >rec}).
 */
class CameraCommandTest {
    private static final Path STOCK = Path.of("/usr/lib/x86_64-linux-gnu/libgphoto2.so.6");
    @TempDir Path out;

    record Run(int exit, String stdout, String stderr, long millis) {}

    @Test
    void captureWithNoCameraFailsWithAClearMessage() throws Exception {
        assertTrue(Files.isRegularFile(STOCK), STOCK + " missing: run scripts/install-test-deps.sh");
        Run r = station(Map.of(), null, "camera", "capture", "--out", out.toString(),
                "--library-path", STOCK.toString());
        assertEquals(1, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("error: no camera to open; no camera detected: check the USB cable"), r.stderr());
        System.out.println("station camera capture, no camera: exit " + r.exit() + " after " + r.millis() + " ms");
    }

    @Test
    void captureWritesTheVirtualCamerasPicture() throws Exception {
        Path home = vcamera();
        Run r = station(vcameraEnv(home), home.resolve("run"), "camera", "capture", "--out", out.toString(),
                "--name", "shot", "--capture-target", "ram", "--model", "Nikon DSC D750", "--port", "usb:>rec",
                "--library-path", home.resolve("prefix/lib").toString());
        assertEquals(0, r.exit(), r.stderr());
        byte[] source = Files.readAllBytes(
                home.resolve("prefix/share/libgphoto2_port/0.12.1/vcamera/DCIM/100GPHOT/EMU00001.JPG"));
        assertArrayEquals(source, Files.readAllBytes(out.resolve("shot.jpg")));
        assertTrue(r.stdout().startsWith(out.resolve("shot.jpg") + "  " + source.length + " bytes  sha256 "), r.stdout());
    }

    @Test
    void summaryAndConfigAgainstTheVirtualCamera() throws Exception {
        Path home = vcamera();
        String[] cam = {"--model", "Nikon DSC D750", "--port", "usb:>rec", "--library-path",
                home.resolve("prefix/lib").toString()};
        Run summary = station(vcameraEnv(home), home.resolve("run"), concat(List.of("camera", "summary"), cam));
        assertEquals(0, summary.exit(), summary.stderr());
        assertTrue(summary.stdout().contains("serial:   0.1"), summary.stdout());
        assertTrue(summary.stdout().contains("storage:  /store_00010001 GPVC Storage"), summary.stdout());

        Run list = station(vcameraEnv(home), home.resolve("run"), concat(List.of("camera", "config"), cam));
        assertEquals(0, list.exit(), list.stderr());
        assertTrue(list.stdout().contains(
                "/settings/capturetarget = Internal RAM  [radio]  choices: Internal RAM | Memory card"), list.stdout());
        assertTrue(list.stdout().contains("/status/serialnumber = 0.1  [text, read-only]"), list.stdout());

        Run set = station(vcameraEnv(home), home.resolve("run"),
                concat(List.of("camera", "config", "--set", "f-number=f/8"), cam));
        assertEquals(0, set.exit(), set.stderr());
        assertEquals("f-number = f/8", set.stdout().strip());

        Run bad = station(vcameraEnv(home), home.resolve("run"),
                concat(List.of("camera", "config", "--set", "f-number=f/1"), cam));
        assertEquals(2, bad.exit(), bad.stderr());
        assertTrue(bad.stderr().contains("does not accept 'f/1'; choices: f/2.8"), bad.stderr());
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, Main.execute("camera", "config", "--set", "noequals"));
        assertEquals(2, Main.execute("camera", "capture"));
        assertEquals(2, Main.execute("camera", "detect", "--model", "Nikon DSC D750"));
        assertEquals(2, Main.execute("camera", "detect", "--driver", "nope"));
        assertEquals(2, Main.execute("camera"));
        assertEquals(2, Main.execute("camera", "capture", "--out", "x", "--capture-target", "sd"));
        assertEquals(2, Main.execute("camera", "capture", "--out", "x", "--name", "../up"));
    }

    private static Path vcamera() {
        // surefire runs in the station module folder; the cache sits at the repository root
        Path home = Path.of("").toAbsolutePath().getParent().resolve(".cache/vcamera");
        assertTrue(Files.isRegularFile(home.resolve("prefix/lib/libgphoto2.so.6")) && Files.isRegularFile(home.resolve("run/>rec")),
                "libgphoto2's virtual camera is not built in " + home + ": run scripts/install-test-deps.sh");
        return home;
    }

    private static Map<String, String> vcameraEnv(Path home) {
        return Map.of("IOLIBS", home.resolve("iolibs").toString(),
                "CAMLIBS", home.resolve("prefix/lib/libgphoto2/2.5.30").toString());
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private Run station(Map<String, String> env, Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("IOLIBS");
        pb.environment().remove("CAMLIBS");
        pb.environment().putAll(env);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Path stdout = out.resolveSibling(out.getFileName() + ".stdout");
        Path stderr = out.resolveSibling(out.getFileName() + ".stderr");
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        // a hang guard, not a timing assertion
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("station " + String.join(" ", args) + " did not finish within 120 s");
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Run(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8), ms);
    }
}
