package emu.station.training;

import emu.calibration.export.ExportPlan;
import emu.calibration.fit.Finishing;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.Serving;
import emu.calibration.io.AtomicFiles;
import emu.station.config.StationConfig;
import emu.station.store.TrainingRepository.Served;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The lights a training (and its re-export) exports a model for: its trained lights and the configured
 * {@code [exports] also_lights} (issue 24 follow-up: a lab user gets an untrained light's files from the training and
 * from "Export again", not only from {@code station export --illuminant}), and how the model serves each, recorded
 * with every export row (V16) for the model page: trained, the spectral model, a blend of named lights, and why the
 * spectral model was refused at training when it was ({@link Finishing.Finished#unseenRefused}, kept in the model
 * folder as {@value #REFUSAL_FILE} since the model itself does not keep it).
 */
final class ExportLights {
    /** The model folder's note of why the spectral model of unseen lights was refused at training (absent: it was not). */
    static final String REFUSAL_FILE = "unseen-refused.txt";

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

    /**
     * How the model saved in {@code saved} serves each light, as an export row records it: null for an export of no
     * one light (the bundle) or a light the model refuses (its export fails on its own). The refusal noted in the
     * model folder is said with a light not trained nor served by the spectral model.
     */
    static Function<String, Served> served(ModelDirectory saved) {
        Path note = saved.path().resolve(REFUSAL_FILE);
        String refused;
        try {
            refused = Files.isRegularFile(note) ? Files.readString(note, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + note, e);
        }
        return light -> {
            if (light == null) {
                return null;
            }
            Serving s;
            try {
                s = saved.model().servingOf(light);
            } catch (IllegalArgumentException e) {
                return null;
            }
            boolean refusedHere = s.kind() != Serving.Kind.TRAINED && s.kind() != Serving.Kind.SPECTRAL;
            return new Served(s.kind().name().toLowerCase(Locale.ROOT), s.lights(), s.text(),
                    refusedHere ? refused : null);
        };
    }

    /**
     * Notes {@code finished}'s refusal of the spectral model of unseen lights, if any, in the model folder {@code dir}
     * (written atomically, before any row), for {@link #served} to say with each export it concerns.
     */
    static void noteRefusal(Finishing.Finished finished, Path dir) throws IOException {
        if (finished.unseenRefused().isPresent()) {
            AtomicFiles.writeString(dir.resolve(REFUSAL_FILE), finished.unseenRefused().get() + "\n");
        }
    }
}
