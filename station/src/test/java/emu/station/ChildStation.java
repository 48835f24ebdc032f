package emu.station;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code station run} as its own JVM (what {@code bin/station run} execs, on the test classpath), for
 * tests that kill it for real (SIGKILL): its stdout and stderr go to {@code dir/NAME.out} and {@code .err}.
 */
public final class ChildStation {
    private ChildStation() {}

    /** Starts {@code emu.station.cli.Main run --config cfg} with a 512 MiB heap. */
    public static Process start(Path cfg, Path dir, String name) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "emu.station.cli.Main", "run", "--config",
                cfg.toString());
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    /** The URL the station prints once it listens; fails naming its stderr when it does not within two minutes. */
    public static String awaitUrl(Process p, Path dir, String name) throws Exception {
        String prefix = "station listening on ";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            for (String line : Files.readAllLines(dir.resolve(name + ".out"))) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length()).split(" ")[0];
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no URL printed; stderr: " + Files.readString(dir.resolve(name + ".err")));
    }
}
