package emu.calibration.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real LUT consumer (ffmpeg, ImageMagick, OpenColorIO tools). A missing tool fails the
 * test with the install command: these tests are the point and are never skipped.
 */
final class ExternalTool {
    private ExternalTool() {}

    /** Runs {@code cmd}, asserts exit 0 within a minute, returns stdout + stderr. */
    static String run(String... cmd) throws IOException, InterruptedException {
        Path exe = which(cmd[0]);
        List<String> full = new ArrayList<>(List.of(cmd));
        full.set(0, exe.toString());
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish in 60 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + " failed:\n" + text);
        return text;
    }

    static Path which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return fail(tool + " is not installed; these consumer tests need it: run scripts/install-test-deps.sh");
    }
}
