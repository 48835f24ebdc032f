package emu.station.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory's invariants, read straight from the SQLite file and the disk (a separate
 * read-only connection, so the station's own code is not trusted to check itself): every file under
 * captures/scans/models/exports has its row, every row its file, no duplicate rows, and
 * {@code PRAGMA integrity_check} is ok. A capture's sidecars share its stem; a model row owns its
 * directory; dot-files are in-flight temporaries (AtomicFiles) and not counted.
 */
final class DataInvariants {
    private DataInvariants() {}

    /** The violations found, empty when all hold. */
    static List<String> check(Path data) throws Exception {
        List<String> bad = new ArrayList<>();
        Set<Path> recorded = new HashSet<>();
        Set<Path> modelDirs = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + data.resolve("station.db") + "?mode=ro");
                Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                r.next();
                if (!"ok".equals(r.getString(1))) {
                    bad.add("integrity_check: " + r.getString(1));
                }
            }
            for (String q : List.of("SELECT file FROM captures", "SELECT file FROM drift_references", "SELECT file FROM scans",
                    "SELECT file FROM exports")) {
                try (ResultSet r = s.executeQuery(q)) {
                    while (r.next()) {
                        Path f = data.resolve(r.getString(1)).normalize();
                        recorded.add(f);
                        if (!Files.isRegularFile(f)) {
                            bad.add("row without its file: " + q + " -> " + r.getString(1));
                        }
                    }
                }
            }
            try (ResultSet r = s.executeQuery("SELECT dir FROM models")) {
                while (r.next()) {
                    Path d = data.resolve(r.getString(1)).normalize();
                    modelDirs.add(d);
                    if (!Files.isDirectory(d)) {
                        bad.add("model row without its directory: " + r.getString(1));
                    }
                }
            }
            try (ResultSet r = s.executeQuery("SELECT set_id, step_id, COUNT(*) FROM captures GROUP BY set_id, step_id HAVING COUNT(*) > 1")) {
                while (r.next()) {
                    bad.add("duplicate captures of set " + r.getLong(1) + " step " + r.getString(2) + ": " + r.getInt(3));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT roll_id, frame_id, COUNT(*) FROM scans WHERE frame_id IS NOT NULL AND bad = 0 "
                    + "GROUP BY roll_id, frame_id HAVING COUNT(*) > 1")) {
                while (r.next()) {
                    bad.add("duplicate scans of roll " + r.getLong(1) + " frame " + r.getLong(2) + ": " + r.getInt(3));
                }
            }
        }
        Set<String> stems = new HashSet<>();
        for (Path f : recorded) {
            stems.add(stem(f));
        }
        for (String dir : List.of("captures", "scans", "models", "exports")) {
            Path root = data.resolve(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (f.getFileName().toString().startsWith(".") || recorded.contains(f)
                            || stems.contains(stem(f)) || modelDirs.stream().anyMatch(f::startsWith)) {
                        continue;
                    }
                    bad.add("file without its row: " + data.relativize(f));
                }
            }
        }
        return bad;
    }

    /** The path up to the first dot of the file name: a capture and its sidecars share it. */
    private static String stem(Path f) {
        String n = f.getFileName().toString();
        int dot = n.indexOf('.');
        return f.resolveSibling(dot < 0 ? n : n.substring(0, dot)).toString();
    }
}
