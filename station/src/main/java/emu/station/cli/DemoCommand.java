package emu.station.cli;

import emu.devices.film.LabQuirks;
import emu.devices.film.ScanFile;
import emu.station.Workflows;
import emu.station.config.StationConfig;
import emu.station.pairing.Pairing;
import emu.station.scans.ScanImport;
import emu.station.shoot.ShootRunner;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.RollRepository.Roll;
import emu.station.store.Store;
import emu.station.store.TrainingRepository;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code station demo}: the whole loop on the virtual bench, no hardware: a profiling set, its
 * digital shoot (sim camera under the sim rig), a film roll shot on the bench and "sent to the
 * lab", the lab's scans delivered with a numbering quirk, imported and paired (the offset is
 * surfaced as a conflict and confirmed, as an operator would), the set's training (model
 * selection) and the configured LUT exports, then a report of where everything is.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the whole loop on the virtual bench.")
final class DemoCommand implements Callable<Integer> {
    static final List<String> CHEAP_FITTERS = List.of("matrix", "root-polynomial");
    static final List<String> ALL_FITTERS = emu.calibration.fit.Candidate.DEFAULTS;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "demo-output",
            description = "Folder for the demo's config, data, lab delivery (default: ${DEFAULT-VALUE}); must not hold an earlier demo.")
    Path out;

    @Option(names = "--illuminants", split = ",", defaultValue = "D65,A,FL11",
            description = "Plan illuminants (default: ${DEFAULT-VALUE}).")
    List<String> illuminants;

    @Option(names = "--evs", split = ",", defaultValue = "-1,0,1", description = "Plan exposures in EV (default: ${DEFAULT-VALUE}).")
    List<Double> evs;

    @Option(names = "--all-fitters", description = "Select among every fitter (tps, mlp too: much slower) instead of "
            + "matrix and root-polynomial.")
    boolean allFitters;

    @Option(names = "--stock", defaultValue = "portrait-160", description = "Simulated film stock (default: ${DEFAULT-VALUE}).")
    String stock;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Path dir = out.toAbsolutePath();
        if (Files.exists(dir.resolve("data").resolve(Store.FILE_NAME))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out
                    + " holds an earlier demo; give a new folder or delete it");
        }
        if (illuminants.isEmpty() || evs.isEmpty() || illuminants.size() * evs.size() > 36) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--illuminants x --evs must make 1..36 steps (one film roll), got " + illuminants.size() * evs.size());
        }
        Files.createDirectories(dir);
        Path configFile = dir.resolve("config.toml");
        Files.writeString(configFile, config());
        StationConfig cfg = StationConfig.load(configFile);
        long t0 = System.nanoTime();
        o.println("emu-station demo in " + dir);
        o.flush();
        java.util.concurrent.atomic.AtomicReference<Progress> shooting = new java.util.concurrent.atomic.AtomicReference<>();
        try (Store store = Store.open(cfg.station().dataDir().resolve(Store.FILE_NAME));
             Workflows w = Workflows.open(cfg, store, (event, data) -> {
                 Progress p = shooting.get();
                 if (p != null && (event.equals("capture") || event.equals("step-failed"))) {
                     p.advance();
                 }
                 if (event.equals("step-failed")) {
                     o.println("  step failed: " + data);
                     o.flush();
                 }
             })) {
            ProfilingSet set = w.createSet("demo-" + stock, stock, null, illuminants, evs);
            int steps = store.sets().steps(set.id()).size();
            o.printf(Locale.ROOT, "1. profiling set %d '%s': %d steps (%s x EV %s)%n", set.id(), set.name(), steps,
                    String.join(", ", illuminants), evs.stream().map(String::valueOf).collect(Collectors.joining(", ")));
            o.flush();

            ShootRunner.Summary shot;
            try (Progress p = Progress.start("2. digital shoot", steps)) {
                shooting.set(p);
                shot = w.shoot().run(set.id(), false);
                shooting.set(null);
            }
            o.printf("   %d captures, %d failed%s%n", shot.captured(), shot.failed().size(),
                    shot.failed().isEmpty() ? "" : " " + shot.failed());

            Roll roll = w.rolls().load(set.id(), "R0001", "EMU sim F3", 160, 36, false,
                    emu.station.store.FilmShootRepository.Trigger.RIG_SHUTTER);
            var frames = w.film().shoot(roll.id(), line -> { });
            o.printf("3. film roll %s: %d frames shot on the bench, each bound to its step%n", roll.code(), frames.size());
            w.rolls().sendToLab(roll.id(), "EMU simulated lab", "C-41", 0, "");
            Path delivery = dir.resolve("lab-delivery").resolve(roll.code());
            List<ScanFile> files = w.filmDevices().orElseThrow().develop(roll.id(), LabQuirks.NONE.withNumberingOffset(1), delivery, line -> { });
            o.printf("4. sent to the lab (C-41); %d scans delivered to %s, numbered one off the frames%n",
                    files.size(), delivery);
            var strip = w.processControl().rollView(roll.id()); // the lab's control strip of that run (issue 20)
            o.printf("   control strip %s lot %s: %s%n", strip.get("process"), strip.get("lot"), strip.get("verdict"));
            o.flush();

            ScanImport.Report rep = w.scans().importScans(roll.id(), delivery);
            o.printf("5. imported %d scans (%d bad, %d duplicate formats skipped)%n", rep.imported().size(),
                    rep.bad().size(), rep.skipped().size());
            for (Pairing.Conflict c : rep.conflicts()) {
                o.println("   conflict (" + c.kind() + "): " + c.message());
            }
            rep.conflicts().stream().filter(c -> c.kind().equals("offset")).findFirst().ifPresent(c -> {
                int n = w.pairing().applyOffset(roll.id(), c.suggestedOffset());
                o.printf("   operator confirms offset %d: %d scans paired%n", c.suggestedOffset(), n);
            });
            List<Pairing.Conflict> left = w.pairing().conflicts(roll.id());
            o.println("   open conflicts: " + (left.isEmpty() ? "none" : left));
            o.flush();

            var status = w.setChanged(set.id());
            int pairs = store.readings().pairs(set.id()).size();
            o.printf("6. set status %s; %d pairs (patch x step)%n", status.name().toLowerCase(Locale.ROOT), pairs);
            if (status.name().equals("COMPLETE") && store.jobs().inState(emu.station.store.JobRepository.State.QUEUED).isEmpty()
                    && store.jobs().inState(emu.station.store.JobRepository.State.RUNNING).isEmpty()) {
                w.training().enqueue(set.id());
            }
            o.println("7. training (" + String.join(", ", cfg.training().candidates()) + ") ...");
            o.flush();
            w.training().awaitIdle(Duration.ofMinutes(30));
            List<TrainingRepository.Model> models = store.training().models(set.id());
            if (models.isEmpty()) {
                var jobs = store.jobs().inState(emu.station.store.JobRepository.State.FAILED);
                o.println("training failed: " + (jobs.isEmpty() ? "no model" : jobs.get(jobs.size() - 1).message()));
                return ExitCodes.FAILURE;
            }
            TrainingRepository.Model m = models.get(models.size() - 1);
            Path modelDir = w.dataDir().resolve(m.dir());
            o.printf(Locale.ROOT, "   model v%d: %s, held-out CIEDE2000 mean %.2f%n", m.version(), m.fitter(), m.heldOutDe2000());
            o.println();
            o.println("Report");
            o.println("  config:      " + configFile);
            o.println("  database:    " + store.file().toAbsolutePath());
            o.println("  captures:    " + w.dataDir().resolve("captures"));
            o.println("  scans:       " + w.dataDir().resolve("scans"));
            o.println("  pairs CSV:   " + modelDir.resolve("pairs.csv"));
            o.println("  model:       " + modelDir);
            o.println("  fit report:  " + modelDir.resolve("report.txt"));
            o.println("  exports:");
            for (TrainingRepository.Export e : store.training().exports(m.id())) {
                o.println("    " + w.dataDir().resolve(e.file()));
            }
            o.printf(Locale.ROOT, "done in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            o.flush();
            return ExitCodes.OK;
        }
    }

    private String config() {
        String fitters = (allFitters ? ALL_FITTERS : CHEAP_FITTERS).stream().map(f -> "\"" + f + "\"")
                .collect(Collectors.joining(", "));
        String lights = illuminants.stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(", "));
        return String.join("\n",
                "# written by `station demo`: the virtual bench, a small plan, cheap fitters",
                "[station]", "data_dir = \"data\"",
                "[http]", "port = 0",
                "[camera]", "driver = \"sim\"",
                "[rig]", "driver = \"sim\"", "settle_seconds = 0.0",
                "[plan]", "illuminants = [" + lights + "]",
                "[training]", "schedule = \"\"", "train_when_complete = true", "candidates = [" + fitters + "]",
                "folds = 3",
                "[exports]", "formats = [\"cube\"]", "encodings = [\"linear\", \"srgb\"]", "sizes = [33]", "");
    }
}
