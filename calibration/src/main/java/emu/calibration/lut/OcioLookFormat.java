package emu.calibration.lut;

import emu.calibration.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code ocio} export format: an OpenColorIO v2 look, as a config snippet plus the .cube it
 * references (OpenColorIO documentation, "Config syntax", sections "looks" and "FileTransform").
 *
 * <p>{@code --out NAME.ocio} writes {@code NAME.cube} next to it and a YAML fragment to paste
 * into a config's {@code looks:} list. The look's {@code process_space} is the LUT's input
 * encoding name: the config must have a colour space of that name (or the user renames it to
 * theirs), and the directory holding the .cube must be on the config's {@code search_path}.
 */
final class OcioLookFormat implements LutExportFormat {
    private final CubeFormat cube = new CubeFormat();

    @Override
    public String name() {
        return "ocio";
    }

    @Override
    public String extension() {
        return "ocio";
    }

    /** OpenColorIO's .cube readers (2.1) reject larger lattices. */
    static final int MAX_SIZE = 129;

    @Override
    public String sizeProblem(int cubeSize) {
        String s = cube.sizeProblem(cubeSize);
        return s != null || cubeSize <= MAX_SIZE ? s : "takes at most " + MAX_SIZE
                + " points per axis (OpenColorIO's .cube readers reject larger lattices)";
    }

    @Override
    public List<Path> write(ShapedLut lut, LutProvenance provenance, Path file) throws IOException {
        check(lut.cube().size(), lut.shaper().isPresent());
        String base = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path cubeFile = file.resolveSibling(base + ".cube");
        cube.write(lut, provenance, cubeFile);
        String snippet = snippet(provenance, lookName(provenance), cubeFile.getFileName().toString());
        AtomicFiles.write(file, out -> out.write(snippet.getBytes(StandardCharsets.UTF_8)));
        return List.of(file, cubeFile);
    }

    /** A look name OCIO accepts and a user can type: letters, digits, '-', '_'. */
    static String lookName(LutProvenance p) {
        return ("emu-" + p.stock() + "-" + p.illuminant()).replaceAll("[^A-Za-z0-9_-]+", "_");
    }

    static String snippet(LutProvenance p, String lookName, String cubeName) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(p.title()).append('\n');
        for (Map.Entry<String, String> e : p.fields().entrySet()) {
            sb.append("# ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        sb.append("# Paste under 'looks:' in config.ocio; put ").append(cubeName)
                .append(" on the config's search_path and\n# make '").append(p.inputEncoding())
                .append("' the name of the colour space the LUT expects as input.\n");
        sb.append("looks:\n");
        sb.append("  - !<Look>\n");
        sb.append("    name: ").append(lookName).append('\n');
        sb.append("    process_space: ").append(yaml(p.inputEncoding())).append('\n');
        sb.append("    description: ").append(yaml(p.title())).append('\n');
        sb.append("    transform: !<FileTransform> {src: ").append(yaml(cubeName))
                .append(", interpolation: tetrahedral}\n");
        return sb.toString();
    }

    /** A double-quoted YAML scalar (YAML 1.2, section 7.3.1): backslash and quote escaped. */
    private static String yaml(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
