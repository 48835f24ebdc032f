package emu.station.fromimages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pairs captures with scans without a manifest, from folder and file names and EXIF.
 *
 * <ul>
 *   <li>Illuminant: each sub-folder of the captures folder is one illuminant and is named after it
 *   ({@code captures/D65/}, {@code captures/A/}); images directly in the captures folder take
 *   {@code --illuminant}.</li>
 *   <li>Scans of an illuminant's frames are looked for in the scans folder's sub-folder of the same
 *   name if there is one, else in the scans folder itself.</li>
 *   <li>A capture's scan has the same file stem (case ignored); failing that, the same last number
 *   in the stem ({@code DSC_0012.NEF} and {@code R1_F12.tif}), which must be unique.</li>
 *   <li>One file per stem: RAW is preferred to TIFF, TIFF to PNG, PNG to JPEG (a camera's RAW+JPEG
 *   pair is one capture).</li>
 *   <li>EV: t · ISO / N² from EXIF, in stops from the illuminant's metered exposure, which is taken
 *   to be the middle of its bracket: the median of its captures' exposures (for an even count, the
 *   lower of the two middle ones), so a bracket -2..+2 reads -2..+2. Rounded to 1/3 stop, the
 *   cameras' step (nominal speeds like 1/125 stand for 2^-7 s).</li>
 *   <li>Roll: the scans folder's name; frame: the scan's file stem.</li>
 * </ul>
 */
public final class FolderPairing {
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");

    private FolderPairing() {}

    /** @throws IllegalArgumentException listing every capture without a scan, every ambiguity */
    public static List<Step> pair(Path captures, Path scans, Optional<String> illuminant) throws IOException {
        Map<String, List<Path>> groups = new LinkedHashMap<>();
        List<Path> loose = images(captures);
        if (!loose.isEmpty()) {
            if (illuminant.isEmpty()) {
                throw new IllegalArgumentException(captures + " holds images directly (" + loose.get(0).getFileName()
                        + ", ...): give --illuminant NAME for them, or put them in a sub-folder named after the illuminant");
            }
            groups.put(illuminant.get(), loose);
        }
        try (Stream<Path> s = Files.list(captures)) {
            for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
                List<Path> in = images(d);
                if (!in.isEmpty()) {
                    groups.merge(d.getFileName().toString(), in, (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
                }
            }
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("--captures " + captures + ": no images (RAW, TIFF, PNG, JPEG) in it"
                    + " or its sub-folders");
        }
        List<Path> all = groups.values().stream().flatMap(List::stream).toList();
        Map<Path, Exif.Exposure> exif = Exif.read(all);
        List<Step> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<Path>> g : groups.entrySet()) {
            Path scanDir = Files.isDirectory(scans.resolve(g.getKey())) ? scans.resolve(g.getKey()) : scans;
            List<Path> candidates = images(scanDir);
            double metered = metered(g.getValue().stream().map(p -> exif.get(p).stops()).toList());
            Set<Path> used = new HashSet<>();
            for (Path c : g.getValue()) {
                Optional<Path> scan = match(c, candidates, problems);
                if (scan.isEmpty()) {
                    continue;
                }
                if (!used.add(scan.get())) {
                    problems.add(c + ": its scan " + scan.get().getFileName() + " is matched by another capture too");
                    continue;
                }
                double ev = Math.round((exif.get(c).stops() - metered) * 3) / 3.0;
                steps.add(new Step(c, scan.get(), g.getKey(), ev, scanDir.getFileName().toString(), stem(scan.get()),
                        c.getFileName() + " + " + scan.get().getFileName()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot pair captures with scans by name (give a --manifest to pair by"
                    + " hand):\n  " + String.join("\n  ", problems));
        }
        return steps;
    }

    /** The median of {@code stops}, the lower middle for an even count. */
    static double metered(List<Double> stops) {
        List<Double> sorted = stops.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static Optional<Path> match(Path capture, List<Path> scans, List<String> problems) {
        String stem = stem(capture).toLowerCase(Locale.ROOT);
        for (Path s : scans) {
            if (stem(s).toLowerCase(Locale.ROOT).equals(stem)) {
                return Optional.of(s);
            }
        }
        Optional<String> number = lastNumber(stem);
        if (number.isEmpty()) {
            problems.add(capture + ": no scan named " + stem(capture) + ".* and no number in the name to match by");
            return Optional.empty();
        }
        List<Path> same = scans.stream().filter(s -> lastNumber(stem(s)).equals(number)).toList();
        if (same.size() != 1) {
            problems.add(capture + ": " + (same.isEmpty() ? "no scan" : same.size() + " scans (" + same.stream()
                    .map(p -> p.getFileName().toString()).reduce((a, b) -> a + ", " + b).orElse("") + ")")
                    + " with frame number " + Integer.parseInt(number.get()) + " in " + (scans.isEmpty() ? "the scans folder"
                    : scans.get(0).getParent()));
            return Optional.empty();
        }
        return Optional.of(same.get(0));
    }

    private static Optional<String> lastNumber(String stem) {
        Matcher m = LAST_NUMBER.matcher(stem);
        return m.find() ? Optional.of(Long.toString(Long.parseLong(m.group(1)))) : Optional.empty();
    }

    /** The file name without its extension. */
    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Images directly in {@code dir}, one per stem (RAW, then TIFF, PNG, JPEG), by name. */
    static List<Path> images(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a folder");
        }
        Map<String, Path> byStem = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(SourceImages::isImage)
                    .sorted(Comparator.comparing(FolderPairing::rank).thenComparing(Path::toString)).toList()) {
                byStem.putIfAbsent(stem(p).toLowerCase(Locale.ROOT), p);
            }
        }
        return byStem.values().stream().sorted().toList();
    }

    private static int rank(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return SourceImages.isRaw(p) ? 0 : n.endsWith(".tif") || n.endsWith(".tiff") ? 1 : n.endsWith(".png") ? 2 : 3;
    }
}
