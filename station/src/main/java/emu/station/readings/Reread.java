package emu.station.readings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.calibration.chart.ChartNotFoundException;
import emu.calibration.chart.ChartSpec;
import emu.calibration.chart.ChartSpecs;
import emu.calibration.chart.SamplingOptions;
import emu.station.errors.NotFoundException;
import emu.station.store.JobRepository.Job;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.ReadingRepository.Source;
import emu.station.store.RollRepository.Roll;
import emu.station.store.Store;
import emu.station.jobs.JobQueue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The re-read of a set's chart readings for one source (its captures or its scans) with the
 * set's current corners (detection when the operator cleared them), run as a job of kind
 * {@code reread} (payload {@code {"set": N, "source": "capture"|"scan"}} and the bench's capture
 * sampling) on the job queue, since reading 78 captures of 24 MP takes minutes: by the bench's
 * daemon or, on a shared catalogue, by any {@code station worker} (it reads files, not the camera). Each file's readings are replaced in
 * one transaction; a file whose chart cannot be read with these corners (or that cannot be read
 * at all) is left without readings, so out of the pairs, rather than keeping values sampled with
 * other corners, and is named in the job's message; the other files are still re-read.
 */
public final class Reread implements JobQueue.Runner {
    public static final String KIND = "reread";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file of the set to read: the capture or scan id and its path under the data directory. */
    private record Item(long id, String file) {}

    private final Store store;
    private final Path dataDir;
    private final SamplingOptions captureSampling;
    private final double captureScale;

    /**
     * @param captureSampling how captures are sampled and {@code captureScale} the factor to the
     *     pairs contract's values, as the shoot reads them (see {@code Devices})
     */
    public Reread(Store store, Path dataDir, SamplingOptions captureSampling, double captureScale) {
        this.store = store;
        this.dataDir = dataDir;
        this.captureSampling = captureSampling;
        this.captureScale = captureScale;
    }

    /**
     * The job payload for a re-read of the set's {@code source}, carrying how the bench that shot
     * the captures samples and scales them, so a worker on another machine (whose own config may
     * name no camera) reads them exactly as the bench would.
     */
    public static String payload(long setId, Source source, SamplingOptions captureSampling, double captureScale) {
        return "{\"set\":" + setId + ",\"source\":\"" + source.name().toLowerCase(Locale.ROOT) + "\""
                + ",\"capture_clip\":" + captureSampling.clipLevel() + ",\"capture_scale\":" + captureScale + "}";
    }

    @Override
    public String run(Job job, JobQueue.Progress progress) throws IOException {
        JsonNode p = JSON.readTree(job.payload());
        long setId = p.path("set").asLong(-1);
        Source source = Source.valueOf(p.path("source").asText().toUpperCase(Locale.ROOT));
        // The bench's sampling when the payload has it (jobs queued before it did: this process's).
        SamplingOptions captureSampling = p.has("capture_clip")
                ? SamplingOptions.DEFAULTS.withClipLevel(p.get("capture_clip").asDouble()) : this.captureSampling;
        double captureScale = p.path("capture_scale").asDouble(this.captureScale);
        ProfilingSet set = store.sets().byId(setId)
                .orElseThrow(() -> new NotFoundException("no profiling set " + setId));
        ChartSpec chart = ChartSpecs.byName(set.chart());
        Optional<String> corners = store.readings().corners(setId, source);
        List<Item> items = items(setId, source);
        String noun = source == Source.CAPTURE ? "capture" : "scan";
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            progress.report((double) i / items.size(), "re-reading " + noun + " " + it.id() + " (" + (i + 1) + "/"
                    + items.size() + ")");
            Path file = dataDir.resolve(it.file());
            try {
                var reading = ChartReadings.read(file, chart, corners,
                        source == Source.CAPTURE ? captureSampling : SamplingOptions.DEFAULTS);
                store.readings().replace(source, it.id(),
                        ChartReadings.values(reading, source == Source.CAPTURE ? captureScale : 1.0));
            } catch (ChartNotFoundException | IOException | IllegalArgumentException e) {
                store.readings().replace(source, it.id(), List.of());
                failures.add(noun + " " + it.id() + " (" + it.file() + "): " + e.getMessage());
            }
        }
        String done = "re-read " + (items.size() - failures.size()) + " of " + items.size() + " " + noun + "s with "
                + (corners.isPresent() ? "the operator's corners" : "detection");
        return failures.isEmpty() ? done : done + "; " + failures.size() + " without readings: "
                + String.join("; ", failures);
    }

    private List<Item> items(long setId, Source source) {
        List<Item> out = new ArrayList<>();
        if (source == Source.CAPTURE) {
            store.captures().bySet(setId).forEach(c -> out.add(new Item(c.id(), c.file())));
        } else {
            for (Roll r : store.rolls().bySet(setId)) {
                store.scans().byRoll(r.id()).forEach(s -> out.add(new Item(s.id(), s.file())));
            }
        }
        return out;
    }
}
