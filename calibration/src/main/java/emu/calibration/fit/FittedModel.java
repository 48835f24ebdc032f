package emu.calibration.fit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/** A {@link ColourModel} a {@link Fitter} produced, which can be written into a model directory. */
public interface FittedModel extends ColourModel {

    /** The candidate spec that produced it, e.g. {@code polynomial:degree=3:illuminant=conditional}. */
    String spec();

    /**
     * The model as JSON; large parameter blobs may go to files in {@code dir} named in the JSON.
     * {@link Models#fromJson} reads it back.
     */
    ObjectNode toJson(Path dir) throws IOException;
}
