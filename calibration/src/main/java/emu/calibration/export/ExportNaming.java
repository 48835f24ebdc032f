package emu.calibration.export;

import emu.calibration.io.FileNames;
import emu.calibration.fit.ModelMetadata;
import emu.calibration.lut.LutExportFormat;
import emu.calibration.lut.LutProvenance;

/**
 * The one place exported files get their names and provenance, so that the CLI, the daemon's
 * training and the bundle write the same bytes under the same names for the same model.
 */
public final class ExportNaming {
    private ExportNaming() {}

    /**
     * {@code STOCK_ILLUMINANT_ENCODING_SIZE[_FORMAT].EXT}, portable (letters, digits, '.', '_', '-').
     * The format is named when its extension does not say it ({@code haldclut} is a .png,
     * {@code cube-pq} a .cube), so two formats never share a file name.
     */
    public static String fileName(ModelMetadata meta, String illuminant, LutExportFormat format, String encoding,
                                  int size) {
        String suffix = format.name().equals(format.extension()) ? "" : "_" + format.name();
        return safe(stock(meta)) + "_" + safe(illuminant) + "_" + safe(encoding) + "_" + size + suffix + "."
                + format.extension();
    }

    /** The bundle's file name: {@code STOCK_MODELID.bundle.zip}. */
    public static String bundleName(ModelMetadata meta) {
        return safe(stock(meta)) + "_" + safe(meta.id()) + ".bundle.zip";
    }

    /**
     * The provenance every export of {@code meta} carries: model version = the model id (one form
     * everywhere), output = the model's output encoding.
     */
    public static LutProvenance provenance(ModelMetadata meta, String illuminant, String encoding) {
        return new LutProvenance(meta.stock(), meta.set(), meta.id(), illuminant, encoding, meta.outputEncoding(),
                meta.heldOutMeanDeltaE());
    }

    private static String stock(ModelMetadata meta) {
        return meta.stock().isBlank() ? "model" : meta.stock();
    }

    private static String safe(String s) {
        return FileNames.safe(s);
    }
}
