package emu.calibration.fit;

import java.util.List;

/**
 * A finishing step ({@link Finishing}) around the model it finishes: the highlight rebuild ({@link HighlightModel}), the
 * spectral serving of unseen lights ({@link SpectralServedModel}) and the clip gate ({@link ClipGateModel}). Its trained
 * lights, spec and serving are the wrapped model's unless the step says otherwise (the spectral serving tells its own
 * lights' serving).
 */
interface FinishingStep extends FittedModel {

    /** The model this step finishes. */
    FittedModel inner();

    @Override
    default List<String> illuminants() {
        return inner().illuminants();
    }

    @Override
    default Serving servingOf(String illuminant) {
        return inner().servingOf(illuminant);
    }

    @Override
    default String spec() {
        return inner().spec();
    }
}
