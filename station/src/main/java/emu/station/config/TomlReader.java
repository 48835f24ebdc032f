package emu.station.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Typed, range-checked reads from a parsed TOML document that never stop at the first problem.
 *
 * <p>Every read records the key as known; {@link #reportUnknownKeys()} then flags whatever the file
 * holds that no read asked for, so the loader's reads are the one definition of the schema. A
 * problem makes the read return the default, which lets validation go on and find the rest.
 *
 * <p>Over 300 lines: one typed reader per TOML value kind, each reporting its problem with
 * line and key; they are alike and read best side by side.
 */
final class TomlReader {
    private final Path file;
    private final TomlParseResult root;
    private final List<ConfigProblem> problems = new ArrayList<>();
    /** Every key path asked for, with all its prefixes (the sections). */
    private final Set<List<String>> known = new HashSet<>();
    /** The strict prefixes of those: tables whose keys the walk for unknown keys descends into. */
    private final Set<List<String>> sections = new HashSet<>();
    /** Tables whose keys are free names (fixtures, channel numbers) rather than schema keys. */
    private final Set<List<String>> openTables = new HashSet<>();
    /** Sections found holding a scalar, reported once however many of their keys are read. */
    private final Set<List<String>> notTables = new HashSet<>();

    TomlReader(Path file, TomlParseResult root) {
        this.file = file;
        this.root = root;
        root.errors().forEach(e -> problems.add(new ConfigProblem(file, e.position().line(), e.position().column(),
                "", "TOML syntax: " + e.getMessage())));
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    static List<String> key(String dotted) {
        return List.of(dotted.split("\\."));
    }

    static List<String> key(List<String> parent, String... children) {
        List<String> out = new ArrayList<>(parent);
        out.addAll(List.of(children));
        return List.copyOf(out);
    }

    static String dotted(List<String> path) {
        return String.join(".", path);
    }

    /** Records a problem at the key, or at its nearest ancestor present in the file. */
    void problem(List<String> path, String message) {
        problemAt(path, position(path), message);
    }

    private void problemAt(List<String> path, TomlPosition pos, String message) {
        problems.add(new ConfigProblem(file, pos.line(), pos.column(), dotted(path), message));
    }

    /**
     * Records a problem at the element of the array at {@code key} that reads {@code value}
     * (line and column of that element), or at the key when no element does.
     */
    void problemAtElement(String key, String value, String message) {
        List<String> path = key(key);
        Object v = root.get(path);
        if (v instanceof TomlArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (String.valueOf(array.get(i)).equals(value)) {
                    problemAt(path, array.inputPositionOf(i), message);
                    return;
                }
            }
        }
        problem(path, message);
    }

    /** Whether the file gives {@code key} (which is then known, not reported as unknown). */
    boolean present(String key) {
        return raw(key(key)) != null;
    }

    /**
     * Records a problem between keys (e.g. a port the driver needs). Skipped when the file has
     * syntax errors: the parser drops broken lines, and a "missing" key that is really a broken
     * line would be reported twice, once misleadingly.
     */
    void inconsistent(String key, String message) {
        if (root.errors().isEmpty()) {
            problem(key(key), message);
        }
    }

    private TomlPosition position(List<String> path) {
        for (int n = path.size(); n > 0; n--) {
            TomlPosition p = root.inputPositionOf(path.subList(0, n));
            if (p != null) {
                return p;
            }
        }
        return TomlPosition.positionAt(1, 1);
    }

    private Object raw(List<String> path) {
        for (int n = 1; n <= path.size(); n++) {
            known.add(List.copyOf(path.subList(0, n)));
            if (n < path.size()) {
                sections.add(List.copyOf(path.subList(0, n)));
            }
        }
        for (int n = 1; n < path.size(); n++) {
            Object parent = root.get(path.subList(0, n));
            if (parent != null && !(parent instanceof TomlTable)) {
                List<String> section = List.copyOf(path.subList(0, n));
                if (notTables.add(section)) {
                    problem(section, "expected a table (section), found " + describe(parent));
                }
                return null;
            }
        }
        return root.get(path);
    }

    private <T> T typed(List<String> path, Class<T> type, String typeName, T def) {
        Object v = raw(path);
        if (v == null) {
            return def;
        }
        if (type == Double.class && v instanceof Long) {
            return type.cast(((Long) v).doubleValue());
        }
        if (!type.isInstance(v)) {
            problem(path, "expected " + typeName + ", found " + describe(v));
            return def;
        }
        return type.cast(v);
    }

    String string(String key, String def) {
        return typed(key(key), String.class, "a string", def);
    }

    boolean bool(String key, boolean def) {
        return typed(key(key), Boolean.class, "true or false", def);
    }

    long integer(String key, long def, long min, long max) {
        return integer(key(key), def, min, max);
    }

    /** As {@link #integer(String, long, long, long)}, for paths with user-chosen names that may hold dots. */
    long integer(List<String> path, long def, long min, long max) {
        long v = typed(path, Long.class, "an integer", def);
        if (v < min || v > max) {
            problem(path, v + " is out of range " + min + ".." + max);
            return def;
        }
        return v;
    }

    double number(String key, double def, double min, double max) {
        List<String> path = key(key);
        double v = typed(path, Double.class, "a number", def);
        if (!(v >= min && v <= max)) {
            problem(path, fmt(v) + " is out of range " + fmt(min) + ".." + fmt(max));
            return def;
        }
        return v;
    }

    /** One of the enum's constants, spelled in lower case with '-' for '_' ({@link #configName}). */
    <E extends Enum<E>> E choice(String key, Class<E> type, E def) {
        List<String> path = key(key);
        Map<String, E> byName = new LinkedHashMap<>();
        for (E e : type.getEnumConstants()) {
            byName.put(configName(e), e);
        }
        String s = typed(path, String.class, "a string", configName(def));
        E e = byName.get(s);
        if (e == null) {
            problem(path, badName(s, byName.keySet()));
            return def;
        }
        return e;
    }

    static String configName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** An array of strings, each one of {@code allowed} when that is given, without duplicates. */
    List<String> names(String key, List<String> def, Collection<String> allowed) {
        return checkedNames(key, def, allowed == null ? v -> null : v -> allowed.contains(v) ? null : badName(v, allowed));
    }

    /**
     * An array of strings without duplicates, each passing {@code problemOf} (what is wrong with an element, or null):
     * a bad element is reported at its own line.
     */
    List<String> checkedNames(String key, List<String> def, java.util.function.Function<String, String> problemOf) {
        List<String> path = key(key);
        TomlArray array = typed(path, TomlArray.class, "an array of strings", null);
        if (array == null) {
            return def;
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < array.size(); i++) {
            Object v = array.get(i);
            TomlPosition pos = array.inputPositionOf(i);
            if (!(v instanceof String)) {
                problemAt(path, pos, "element " + (i + 1) + ": expected a string, found " + describe(v));
                ok = false;
            } else if (((String) v).isBlank()) {
                problemAt(path, pos, "element " + (i + 1) + " is empty");
                ok = false;
            } else if (problemOf.apply((String) v) != null) {
                problemAt(path, pos, problemOf.apply((String) v));
                ok = false;
            } else if (out.contains(v)) {
                problemAt(path, pos, "\"" + v + "\" is listed twice");
                ok = false;
            } else {
                out.add((String) v);
            }
        }
        return ok ? List.copyOf(out) : def;
    }

    /** An array of integers within [min, max]. */
    List<Integer> integers(String key, List<Integer> def, int min, int max) {
        List<String> path = key(key);
        TomlArray array = typed(path, TomlArray.class, "an array of integers", null);
        if (array == null) {
            return def;
        }
        List<Integer> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < array.size(); i++) {
            Object v = array.get(i);
            TomlPosition pos = array.inputPositionOf(i);
            if (!(v instanceof Long)) {
                problemAt(path, pos, "element " + (i + 1) + ": expected an integer, found " + describe(v));
                ok = false;
            } else if ((Long) v < min || (Long) v > max) {
                problemAt(path, pos, "element " + (i + 1) + ": " + v + " is out of range " + min + ".." + max);
                ok = false;
            } else {
                out.add(((Long) v).intValue());
            }
        }
        return ok ? List.copyOf(out) : def;
    }

    /**
     * A table whose keys are free names chosen by the user (e.g. fixture names); each entry's own
     * keys are read through this reader with the full dotted key, so they are still checked.
     */
    Map<String, Object> openTable(List<String> path) {
        TomlTable t = typed(path, TomlTable.class, "a table", null);
        openTables.add(path);
        if (t == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        t.keySet().forEach(k -> out.put(k, t.get(List.of(k))));
        return out;
    }

    /** Flags every key in the file that no read asked for, suggesting the nearest known key. */
    void reportUnknownKeys() {
        walk(List.of(), root);
    }

    private void walk(List<String> parent, TomlTable table) {
        for (String k : table.keySet()) {
            List<String> path = new ArrayList<>(parent);
            path.add(k);
            Object v = table.get(List.of(k));
            if (openTables.contains(parent) || known.contains(path)) {
                // A table where a value belongs was reported by its read; its insides are noise.
                if (v instanceof TomlTable && (sections.contains(path) || openTables.contains(path))) {
                    walk(path, (TomlTable) v);
                }
            } else {
                problemAt(path, table.inputPositionOf(List.of(k)), "unknown key" + suggestion(parent, k));
            }
        }
    }

    private String suggestion(List<String> parent, String name) {
        Set<String> siblings = known.stream()
                .filter(p -> p.size() == parent.size() + 1 && p.subList(0, parent.size()).equals(parent))
                .map(p -> p.get(p.size() - 1))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        Optional<String> near = Suggestions.closest(name, siblings);
        if (near.isPresent()) {
            List<String> p = new ArrayList<>(parent);
            p.add(near.get());
            return "; did you mean '" + dotted(p) + "'?";
        }
        // The right name in the wrong section: point at where it belongs.
        Optional<String> elsewhere = known.stream()
                .filter(p -> p.get(p.size() - 1).equals(name))
                .map(TomlReader::dotted)
                .sorted()
                .findFirst();
        if (elsewhere.isPresent()) {
            return "; did you mean '" + elsewhere.get() + "'?";
        }
        return siblings.isEmpty() ? "" : "; known keys here: " + String.join(", ", siblings);
    }

    static String badName(String value, Collection<String> allowed) {
        String s = "\"" + value + "\" is not one of " + String.join(", ", allowed);
        return s + Suggestions.closest(value, allowed).map(n -> "; did you mean \"" + n + "\"?").orElse("");
    }

    private static String describe(Object v) {
        if (v instanceof String) {
            return "a string (\"" + v + "\")";
        } else if (v instanceof Long) {
            return "an integer (" + v + ")";
        } else if (v instanceof Double) {
            return "a number (" + fmt((Double) v) + ")";
        } else if (v instanceof Boolean) {
            return "a boolean (" + v + ")";
        } else if (v instanceof TomlArray) {
            return "an array";
        } else if (v instanceof TomlTable) {
            return "a table";
        }
        return "a " + v.getClass().getSimpleName() + " (" + v + ")";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
