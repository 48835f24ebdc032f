package emu.calibration.lut;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The {@code cube} export format: Adobe 1.0, or the Resolve form when there is a shaper ({@link CubeFile}). */
final class CubeFormat implements LutExportFormat {

    @Override
    public String name() {
        return "cube";
    }

    @Override
    public String extension() {
        return "cube";
    }


    @Override
    public List<Path> write(ShapedLut lut, LutProvenance provenance, Path file) throws IOException {
        CubeFile.write(lut, provenance, file);
        return List.of(file);
    }
}
