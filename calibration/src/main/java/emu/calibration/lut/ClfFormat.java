package emu.calibration.lut;

import emu.calibration.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code clf} export format: Academy/ASC Common LUT Format v3 (SMPTE ST 2136-10 draft,
 * "Common LUT Format (CLF) - A Common File Format for Look-Up Tables", v3.0, 2020).
 *
 * <p>The chain is: a {@code Range} node that maps the shaper's input range onto 0..1 (section
 * 5.3.4: out = (in - minIn) * (maxOut - minOut) / (maxIn - minIn) + minOut, clamped), the shaper
 * as a {@code LUT1D}, then, if the lattice's domain is not the unit cube, a second {@code Range},
 * and the {@code LUT3D}. All nodes are 32-bit float in and out. Per section 5.3.3 the LUT3D array
 * is ordered with <em>blue</em> varying fastest, the reverse of .cube. Provenance is in
 * {@code Description} elements.
 */
final class ClfFormat implements LutExportFormat {

    @Override
    public String name() {
        return "clf";
    }

    @Override
    public String extension() {
        return "clf";
    }


    @Override
    public List<Path> write(ShapedLut lut, LutProvenance provenance, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(new java.io.BufferedOutputStream(out, 1 << 16), StandardCharsets.UTF_8);
            write(lut, provenance, w);
            w.flush();
        });
        return List.of(file);
    }

    static void write(ShapedLut lut, LutProvenance p, Writer w) throws IOException {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        String id = UUID.nameUUIDFromBytes(p.title().getBytes(StandardCharsets.UTF_8)).toString();
        sb.append("<ProcessList compCLFversion=\"3.0\" id=\"").append(id).append("\" name=\"")
                .append(xml(p.title())).append("\">\n");
        sb.append("    <Description>").append(xml(p.title())).append("</Description>\n");
        for (Map.Entry<String, String> e : p.fields().entrySet()) {
            sb.append("    <Description>").append(xml(e.getKey() + ": " + e.getValue())).append("</Description>\n");
        }
        sb.append("    <InputDescriptor>").append(xml(p.inputEncoding())).append("</InputDescriptor>\n");
        sb.append("    <OutputDescriptor>").append(xml(p.outputEncoding())).append("</OutputDescriptor>\n");
        Lut3D cube = lut.cube();
        if (lut.shaper().isPresent()) {
            Lut1D s = lut.shaper().get();
            range(sb, "shaper input range", shared(s.domainMin(), "shaper"), shared(s.domainMax(), "shaper"));
            sb.append("    <LUT1D inBitDepth=\"32f\" outBitDepth=\"32f\" interpolation=\"linear\">\n");
            sb.append("        <Array dim=\"").append(s.size()).append(" 3\">\n");
            float[] t = s.table();
            for (int i = 0; i < t.length; i += 3) {
                Decimals.appendRow(sb, t[i], t[i + 1], t[i + 2]);
                Decimals.flushIfLarge(sb, w);
            }
            sb.append("        </Array>\n    </LUT1D>\n");
        }
        if (!cube.hasUnitDomain()) {
            range(sb, "3D input range", shared(cube.domainMin(), "3D"), shared(cube.domainMax(), "3D"));
        }
        int n = cube.size();
        sb.append("    <LUT3D inBitDepth=\"32f\" outBitDepth=\"32f\" interpolation=\"tetrahedral\">\n");
        sb.append("        <Array dim=\"").append(n).append(' ').append(n).append(' ').append(n).append(" 3\">\n");
        for (int r = 0; r < n; r++) {
            for (int g = 0; g < n; g++) {
                for (int b = 0; b < n; b++) {
                    Decimals.appendRow(sb, cube.get(r, g, b, 0), cube.get(r, g, b, 1), cube.get(r, g, b, 2));
                    Decimals.flushIfLarge(sb, w);
                }
            }
        }
        sb.append("        </Array>\n    </LUT3D>\n</ProcessList>\n");
        w.write(sb.toString());
    }

    private static double shared(double[] v, String what) {
        if (v[0] != v[1] || v[1] != v[2]) {
            throw new IllegalArgumentException("CLF Range is one range for all channels; the " + what
                    + " domain differs per channel");
        }
        return v[0];
    }

    private static void range(StringBuilder sb, String name, double min, double max) {
        sb.append("    <Range inBitDepth=\"32f\" outBitDepth=\"32f\" name=\"").append(name).append("\">\n")
                .append("        <minInValue>").append(Decimals.exact(min)).append("</minInValue>\n")
                .append("        <maxInValue>").append(Decimals.exact(max)).append("</maxInValue>\n")
                .append("        <minOutValue>0</minOutValue>\n")
                .append("        <maxOutValue>1</maxOutValue>\n")
                .append("    </Range>\n");
    }



    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
