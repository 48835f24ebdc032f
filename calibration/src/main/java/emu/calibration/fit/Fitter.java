package emu.calibration.fit;

import com.fasterxml.jackson.databind.JsonNode;
import emu.calibration.pairs.PairSet;
import java.io.IOException;
import java.nio.file.Path;

/** A way to learn a {@link ColourModel} from pairs; registered by name in {@link Fitters}. */
public interface Fitter {

    String name();

    /**
     * Fits one model. When {@code options.illuminants()} is present the model takes the
     * illuminant's chromaticity as a feature (one conditional model); otherwise it ignores the
     * illuminant (the per-illuminant mode fits one such model per light).
     */
    FittedModel fit(PairSet pairs, FitOptions options);

    /** Reads a model this fitter wrote with {@link FittedModel#toJson}. */
    FittedModel fromJson(JsonNode node, Path dir) throws IOException;
}
