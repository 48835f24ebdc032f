package emu.calibration.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a consumer program (transicc, ffmpeg) for a test and returns what it printed. A missing
 * program fails the test with the package to install: nothing is skipped
 * (scripts/install-test-deps.sh installs them).
 */
final class ExternalTool {

    private ExternalTool() {
    }

    static String run(String stdin, String debianPackage, String... command)
            throws IOException, InterruptedException {
        return run(Map.of(), stdin, debianPackage, command);
    }

    /** As {@link #run(String, String, String...)} with {@code env} added to the environment. */
    static String run(Map<String, String> env, String stdin, String debianPackage, String... command)
            throws IOException, InterruptedException {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
            pb.environment().putAll(env);
            p = pb.start();
        } catch (IOException e) {
            return fail(command[0] + " is not installed: run scripts/install-test-deps.sh "
                    + "(Debian package " + debianPackage + ")", e);
        }
        Thread writer = new Thread(() -> {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException ignored) {
                // the program exited early; its output and exit code say why
            }
        });
        writer.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 120 s");
        }
        writer.join();
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + text);
        return text;
    }

    /** Parses every line of {@code text} made of exactly three numbers. */
    static double[] triples(String text) {
        List<Double> v = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3) {
                continue;
            }
            try {
                double a = Double.parseDouble(f[0]);
                double b = Double.parseDouble(f[1]);
                double c = Double.parseDouble(f[2]);
                v.add(a);
                v.add(b);
                v.add(c);
            } catch (NumberFormatException notNumbers) {
                // a banner or heading line
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
