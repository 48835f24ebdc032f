package emu.station.training;

import emu.calibration.export.ExportPlan;
import emu.calibration.fit.ModelDirectory;
import emu.station.config.StationConfig;
import java.util.List;
import java.util.function.Consumer;

/**
 * The lights a training (and its re-export) exports a model for: its trained lights and the configured
 * {@code [exports] also_lights} (issue 24 follow-up: a lab user gets an untrained light's files from the training and
 * from "Export again", not only from {@code station export --illuminant}).
 */
final class ExportLights {
    private ExportLights() {}

    /**
     * {@code plan} for the model's trained lights, then {@code exports}' also_lights not among them, each extra light
     * said once on {@code progress} with how the model serves it. A plan that names its own lights, or no
     * also_lights, is returned as it is.
     */
    static ExportPlan plan(ExportPlan plan, StationConfig.Exports exports, ModelDirectory saved, Consumer<String> progress) {
        if (exports.alsoLights().isEmpty() || !plan.illuminants().isEmpty()) {
            return plan;
        }
        List<String> trained = saved.metadata().illuminantNames();
        List<String> lights = exports.lights(trained);
        for (String light : lights) {
            if (!trained.contains(light)) {
                String how;
                try {
                    how = saved.model().serving(light);
                } catch (IllegalArgumentException e) {
                    // Exported anyway: its export fails on its own and is recorded with its reason.
                    how = light + ": " + e.getMessage();
                }
                progress.accept("also_lights " + how);
            }
        }
        return plan.forIlluminants(lights);
    }
}
