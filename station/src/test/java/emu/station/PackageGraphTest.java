package emu.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The station's package map as docs/architecture.md draws it, checked on the sources: no package
 * cycle; the simulators ({@code emu.devices.sim}) only in the driver wiring and the {@code sim}
 * commands; no file over ~300 lines without a reason at its top; a {@code package-info.java} in
 * every package. Reads the sources (not a mock of them); references in comments do not count.
 */
class PackageGraphTest {
    private static final Path SOURCES = Path.of("src/main/java/emu/station");
    /**
     * Files that may name the simulators: the wiring that picks drivers from config (the virtual
     * bench's camera, rig, film body and lab), the sim commands. Illuminant spectra come from
     * calibration's registry, film through the {@code emu.devices.film} seams.
     */
    private static final Set<String> SIM_ALLOWED = Set.of("bench/Devices.java",
            "cli/SimCommand.java", "cli/DemoCommand.java");
    private static final int MAX_LINES = 320;

    @Test
    void noPackageCycle() throws IOException {
        assertNoCycle(graph(SOURCES, "emu.station"));
    }

    /** The calibration module's packages too (its fit, spectral, linalg and io once formed a cycle). */
    @Test
    void noPackageCycleInCalibration() throws IOException {
        assertNoCycle(graph(Path.of("../calibration/src/main/java/emu/calibration"), "emu.calibration"));
    }

    private static void assertNoCycle(Map<String, Set<String>> graph) {
        List<List<String>> cycles = new ArrayList<>();
        for (String p : graph.keySet()) {
            for (String q : graph.get(p)) {
                if (reaches(graph, q, p, new TreeSet<>())) {
                    cycles.add(List.of(p, q));
                }
            }
        }
        assertEquals(List.of(), cycles, "package pairs on a cycle (p imports q, q reaches p)");
    }

    @Test
    void simulatorsOnlyInTheDriverWiring() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : sources()) {
            String rel = SOURCES.relativize(f).toString();
            if (code(f).matches("(?s).*\\bemu\\.devices\\.sim\\..*") && !SIM_ALLOWED.contains(rel)) {
                offenders.add(rel);
            }
        }
        assertEquals(List.of(), offenders, "station files importing emu.devices.sim outside the driver wiring");
    }

    @Test
    void longFilesSayWhyAtTheTop() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : sources()) {
            List<String> lines = Files.readAllLines(f);
            String head = String.join("\n", lines.subList(0, Math.min(lines.size(), 60)));
            if (lines.size() > MAX_LINES && !head.contains("Over 300 lines")) {
                offenders.add(SOURCES.relativize(f) + " (" + lines.size() + " lines)");
            }
        }
        assertEquals(List.of(), offenders, "files over ~300 lines with no 'Over 300 lines: why' in their header");
    }

    @Test
    void everyPackageSaysWhatLivesThere() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                boolean hasJava;
                try (Stream<Path> fs = Files.list(d)) {
                    hasJava = fs.anyMatch(p -> p.toString().endsWith(".java"));
                }
                if (hasJava && !Files.exists(d.resolve("package-info.java"))) {
                    missing.add(SOURCES.relativize(d).toString());
                }
            }
        }
        assertEquals(List.of(), missing, "packages without a package-info.java");
    }

    /** Package -> the packages under {@code prefix} its code names (imports or qualified names), comments left out. */
    private static Map<String, Set<String>> graph(Path root, String prefix) throws IOException {
        Pattern reference = Pattern.compile("\\b" + Pattern.quote(prefix) + "((?:\\.[a-z]\\w*)*)\\.[A-Z]");
        Map<String, Set<String>> g = new TreeMap<>();
        for (Path f : sources(root)) {
            String code = code(f);
            Matcher pm = Pattern.compile("(?m)^package ([\\w.]+);").matcher(code);
            assertTrue(pm.find(), f + " has no package line");
            String pkg = pm.group(1);
            Set<String> out = g.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher m = reference.matcher(code);
            while (m.find()) {
                String target = prefix + m.group(1);
                if (!target.equals(pkg)) {
                    out.add(target);
                }
            }
        }
        return g;
    }

    private static boolean reaches(Map<String, Set<String>> g, String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String n : g.getOrDefault(from, Set.of())) {
            if (reaches(g, n, to, seen)) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> sources() throws IOException {
        return sources(SOURCES);
    }

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The file without comments (a class named in a comment is no dependency). */
    private static String code(Path f) throws IOException {
        return Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
