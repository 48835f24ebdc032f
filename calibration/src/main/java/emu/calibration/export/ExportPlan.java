package emu.calibration.export;

import emu.calibration.color.InputEncoding;
import emu.calibration.lut.LutExportFormat;
import emu.calibration.profile.CameraProfileFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to export from one model: for each format its LUT input encodings and lattice sizes (a
 * format may take its own, e.g. a HaldCLUT 64 points per axis where the .cube takes 33 and 65),
 * times the illuminants (empty = every light the model was trained on). The bundle, if planned,
 * archives the plan's LUT exports.
 *
 * <p>{@link #problems()} checks the plan as a whole before anything is fitted or baked, and
 * lists every combination a format cannot take, each with the {@link Field} it came from, so
 * that the caller can name the config key, CLI flag or API field (see {@link SourceDescriber}).
 *
 * @param entries one per format, in the order given
 * @param illuminants the lights to export; empty = all the model's
 */
public record ExportPlan(List<Entry> entries, List<String> illuminants) {

    /** Which part of a plan a problem lies in. */
    public enum Field { FORMATS, ENCODINGS, SIZES }

    /** One format with its encodings and sizes (both empty for the bundle). */
    public record Entry(String format, List<String> encodings, List<Integer> sizes) {
        public Entry {
            Objects.requireNonNull(format, "format");
            encodings = List.copyOf(encodings);
            sizes = List.copyOf(sizes);
        }
    }

    /** One planned file per illuminant: a LUT format, an input encoding, a lattice size. */
    public record Item(String format, String encoding, int size) {}

    /**
     * One thing the plan asks that cannot be done.
     *
     * @param format the format concerned
     * @param field the part of the plan at fault
     * @param value the offending value as given
     * @param message what is wrong, in the format's terms (no flag or key names)
     */
    public record Problem(String format, Field field, String value, String message) {
        /** {@code where: message}, where the describer names the plan's source. */
        public String describe(SourceDescriber where) {
            return where.where(this) + ": " + message;
        }
    }

    /** Names, for a problem, the place its value was given: a config key, a CLI flag, an API field. */
    @FunctionalInterface
    public interface SourceDescriber {
        String where(Problem problem);
    }

    /** Thrown by {@link #check}: every problem of the plan, each described in its source's words. */
    public static final class InvalidPlanException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        InvalidPlanException(List<Problem> problems, SourceDescriber where) {
            super(problems.stream().map(p -> p.describe(where)).collect(Collectors.joining("; ")));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    public ExportPlan {
        entries = List.copyOf(entries);
        illuminants = List.copyOf(illuminants);
    }

    /** The same encodings and sizes for every format (the bundle takes none). */
    public static ExportPlan uniform(List<String> formats, List<String> encodings, List<Integer> sizes) {
        return new ExportPlan(formats.stream()
                .map(f -> ExportFormats.BUNDLE.equals(f) ? new Entry(f, List.of(), List.of()) : new Entry(f, encodings, sizes))
                .toList(), List.of());
    }

    /** A plan of exactly these items, for every illuminant (what a bundle lists it archives). */
    public static ExportPlan ofItems(List<Item> items) {
        return new ExportPlan(items.stream().map(i -> new Entry(i.format(), List.of(i.encoding()), List.of(i.size())))
                .toList(), List.of());
    }

    /** Every combination no format can take, all at once; empty when the plan can be carried out. */
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (entries.isEmpty()) {
            out.add(new Problem("", Field.FORMATS, "", "list at least one format"));
        }
        for (Entry e : entries) {
            if (ExportFormats.BUNDLE.equals(e.format())) {
                continue;
            }
            if (!ExportFormats.isLut(e.format())) {
                out.add(new Problem(e.format(), Field.FORMATS, e.format(), "unknown export format '" + e.format()
                        + "'; known: " + String.join(", ", ExportFormats.names())));
                continue;
            }
            LutExportFormat format = ExportFormats.get(e.format());
            boolean camera = format instanceof CameraProfileFormat;
            if (e.encodings().isEmpty() && !camera) {
                out.add(new Problem(e.format(), Field.ENCODINGS, "", "the " + e.format() + " format needs at least one encoding"));
            }
            if (e.sizes().isEmpty()) {
                out.add(new Problem(e.format(), Field.SIZES, "", "the " + e.format() + " format needs at least one size"));
            }
            // A camera profile's input is the camera's raw RGB: encodings do not apply to it.
            for (String name : camera ? List.<String>of() : e.encodings()) {
                InputEncoding encoding;
                try {
                    encoding = InputEncoding.get(name);
                } catch (IllegalArgumentException x) {
                    out.add(new Problem(e.format(), Field.ENCODINGS, name, x.getMessage()));
                    continue;
                }
                if (encoding.needsShaper() && !format.takesShaper()) {
                    out.add(new Problem(e.format(), Field.ENCODINGS, name, "the " + e.format()
                            + " format cannot carry the 1D shaper the '" + name + "' encoding needs;"
                            + " give it encodings that need none (e.g. srgb, acescct, logc3)"));
                }
            }
            for (int size : e.sizes()) {
                String problem = format.sizeProblem(size);
                if (problem != null) {
                    out.add(new Problem(e.format(), Field.SIZES, Integer.toString(size),
                            "the " + e.format() + " format " + problem + ", not " + size));
                }
            }
        }
        return out;
    }

    /**
     * This plan, if it can be carried out.
     *
     * @throws InvalidPlanException listing every problem, each named by {@code where}
     */
    public ExportPlan check(SourceDescriber where) {
        List<Problem> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems, where);
        }
        return this;
    }

    /** The LUT files to make per illuminant, in plan order, each once. */
    public List<Item> items() {
        Set<Item> out = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (ExportFormats.isLut(e.format()) && ExportFormats.get(e.format()) instanceof CameraProfileFormat) {
                for (int size : e.sizes()) {
                    out.add(new Item(e.format(), CameraProfileFormat.CAMERA, size));
                }
            } else if (!ExportFormats.BUNDLE.equals(e.format())) {
                for (String encoding : e.encodings()) {
                    for (int size : e.sizes()) {
                        out.add(new Item(e.format(), encoding, size));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** Whether the plan asks for the archival bundle. */
    public boolean bundle() {
        return entries.stream().anyMatch(e -> ExportFormats.BUNDLE.equals(e.format()));
    }

    /** The same plan for only these illuminants. */
    public ExportPlan forIlluminants(List<String> names) {
        return new ExportPlan(entries, names);
    }
}
