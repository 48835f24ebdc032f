package emu.station.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.calibration.export.Exporter;
import emu.station.config.ExportPlans;
import emu.station.store.JobRepository.Job;
import emu.station.training.Trainer;
import java.util.List;

/**
 * The runners of the two job kinds built on the {@link Trainer}, which any process holding the
 * catalogue runs, a bench's daemon or a {@code station worker} elsewhere: {@value JobQueue#KIND}
 * (payload {@code {"set": N}}, optionally {@code "exports"}: another plan than the config's) and
 * {@value JobQueue#EXPORT} (payload {@code {"set": N, "model": M}}: a kept model exported again by
 * the running process's {@code [exports]} plan, without refitting).
 */
final class TrainerJobs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Trainer trainer;

    TrainerJobs(Trainer trainer) {
        this.trainer = trainer;
    }

    String train(Job job, JobQueue.Progress progress) throws Exception {
        JsonNode p = JSON.readTree(job.payload());
        long set = p.path("set").asLong(-1);
        JsonNode exports = p.get("exports");
        Trainer.Result r = exports == null
                ? trainer.train(set, job.id(), List.of(), line -> progress.report(0, line))
                : trainer.train(set, job.id(), List.of(), ExportPlans.fromJson(exports), line -> progress.report(0, line));
        return "model v" + r.model().version() + " (" + r.model().fitter() + "), " + r.exports().size() + " exports"
                + (r.failedExports().isEmpty() ? "" : ", " + r.failedExports().size()
                        + " failed (model kept: re-export it from its page)");
    }

    String export(Job job, JobQueue.Progress progress) throws Exception {
        long model = JSON.readTree(job.payload()).path("model").asLong(-1);
        Exporter.Outcome o = trainer.reexport(model, line -> progress.report(0, line));
        return "model " + model + " exported again: " + o.written().size() + " files"
                + (o.failed().isEmpty() ? "" : ", " + o.failed().size() + " failed (see the model's page)");
    }

    /** The payload of an export job of {@code modelId} of set {@code setId}. */
    static String exportPayload(long setId, long modelId) {
        return "{\"set\":" + setId + ",\"model\":" + modelId + "}";
    }
}
