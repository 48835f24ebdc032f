package emu.calibration.lut;

import java.util.List;

/**
 * The LUT file formats of this package: {@code cube}, {@code haldclut}, {@code clf}, {@code ocio}.
 * The registry of every export format by name is {@code emu.calibration.export.ExportFormats},
 * above this package and {@code emu.calibration.profile}.
 */
public final class LutFormats {
    private LutFormats() {}

    /** A fresh instance of each format of this package, in a stable order. */
    public static List<LutExportFormat> all() {
        return List.of(new CubeFormat(), new HaldClutFormat(), new ClfFormat(), new OcioLookFormat());
    }
}
