package emu.station.training;

import emu.calibration.io.AtomicFiles;
import emu.station.store.Store;
import emu.station.store.TrainingRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folders a training writes its model and exports into ({@code models/set-N/NAME},
 * {@code exports/set-N/NAME}). On SQLite NAME is {@code vK}; in a data root shared by several
 * benches and workers it is {@code vK-runR}: two trainings of one set at once (two jobs, or a
 * stalled worker and the one that took its job over) pick the same version, and the run's id keeps
 * each from clearing the other's folder. Such a folder of a run that ended without a model (its
 * worker killed) is no later run's to reuse, so each training of the set removes those first.
 */
final class RunFolders {
    private static final Logger LOG = LoggerFactory.getLogger(RunFolders.class);
    /** {@code vK-runR}, or its export stage {@code .vK-runR.partial}. */
    private static final Pattern RUN_FOLDER = Pattern.compile("\\.?v\\d+-run(\\d+)(\\.partial)?");

    private RunFolders() {}

    static String name(Store store, int version, long runId) {
        return "v" + version + (store.isShared() ? "-run" + runId : "");
    }

    /** Removes the set's folders of runs that ended failed or cancelled (shared store only). */
    static void removeEnded(Store store, Path dataDir, long setId) {
        if (!store.isShared()) {
            return;
        }
        Set<Long> ended = store.training().runs(setId).stream()
                .filter(r -> r.status() == TrainingRepository.RunStatus.FAILED || r.status() == TrainingRepository.RunStatus.CANCELLED)
                .map(TrainingRepository.Run::id).collect(Collectors.toSet());
        for (String kind : List.of("models", "exports")) {
            Path dir = dataDir.resolve(kind).resolve("set-" + setId);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path p : entries.toList()) {
                    Matcher m = RUN_FOLDER.matcher(p.getFileName().toString());
                    if (m.matches() && ended.contains(Long.parseLong(m.group(1)))) {
                        AtomicFiles.deleteTree(p);
                        LOG.info("removed {}: its training run ended without a model", p);
                    }
                }
            } catch (IOException e) {
                LOG.warn("could not clean {} of ended runs' folders (retried at the next training): {}", dir, e.toString());
            }
        }
    }
}
