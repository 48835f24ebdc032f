package emu.devices.sim.pairs;

import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import emu.devices.sim.Noise;
import emu.devices.sim.digital.DigitalCameraModel;
import emu.devices.sim.film.FilmStock;
import emu.devices.sim.film.FilmStocks;
import emu.devices.sim.film.ProcessedRoll;
import emu.devices.sim.film.Scanner;
import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.PatchSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The virtual bench at patch level: shoots the ColorChecker 24 and the 190-patch set under every
 * illuminant and EV of a {@link PairsSpec} on the simulated digital camera and on the film stock,
 * rolls of {@code framesPerRoll} frames each developed with its own variation ({@link PairsSpec#lottery()}:
 * the whole plan once, or repeated on fresh rolls; a pushed roll, process drift), and reads each
 * patch as the average of {@code pixelsPerPatch} noisy pixels. Deterministic for a seed.
 */
public final class PairsGenerator {
    private PairsGenerator() {}

    /** Every pair of {@code spec}, training and held-out, in frame order. */
    public static List<GeneratedPair> generate(PairsSpec spec) {
        return generate(spec, msg -> { });
    }

    /** As {@link #generate(PairsSpec)}, reporting each finished roll to {@code progress}. */
    public static List<GeneratedPair> generate(PairsSpec spec, Consumer<String> progress) {
        FilmStock stock = FilmStocks.get(spec.stock());
        DigitalCameraModel camera = DigitalCameraModel.nikonD5100();
        Scanner scanner = Scanner.labScanner();
        List<PatchSet.Patch> patches = new ArrayList<>(PatchSet.colorChecker24().patches());
        List<PatchSet.Patch> p190 = PatchSet.ampas190().patches();
        patches.addAll(p190);
        List<String> lights = Stream.concat(spec.illuminants().stream(), spec.heldoutIlluminants().stream()).toList();
        List<Double> evs = Stream.concat(spec.evs().stream(), spec.heldoutEvs().stream()).toList();
        SplittableRandom noise = new SplittableRandom(Noise.derive(spec.seed(), -1));
        List<GeneratedPair> out = new ArrayList<>();
        ProcessedRoll roll = null;
        int shot = 0;
        int rollIndex = -1;
        int frame = 0;
        int repeats = Math.max(1, spec.lottery().repeats());
        int totalFrames = repeats * lights.size() * evs.size();
        for (int repeat = 0; repeat < repeats; repeat++) {
            // a repeat of the plan starts on a fresh roll (repeats = 0 shoots the plan once, as always)
            frame = spec.framesPerRoll();
            for (String lightName : lights) {
                Illuminant light = Illuminants.get(lightName);
                boolean lightHeld = spec.heldoutIlluminants().contains(lightName);
                for (double ev : evs) {
                    if (frame == spec.framesPerRoll()) {
                        rollIndex++;
                        frame = 0;
                        roll = new ProcessedRoll(stock, spec.lottery().development(stock, spec.seed(), rollIndex), scanner);
                    }
                    frame++;
                    String rollName = String.format(Locale.ROOT, "R%04d", rollIndex + 1);
                    boolean evHeld = spec.heldoutEvs().contains(ev);
                    for (int p = 0; p < patches.size(); p++) {
                        PatchSet.Patch patch = patches.get(p);
                        boolean patchHeld = p >= 24 && (p - 24) % spec.heldoutPatchEvery() == spec.heldoutPatchEvery() - 1;
                        double[] raw = camera.raw(patch.reflectance(), light, ev);
                        double[] digital = camera.toRec709(camera.expose(raw, noise, spec.pixelsPerPatch()));
                        double[] film = roll.scanPatch(patch.reflectance(), light, ev, noise, spec.pixelsPerPatch());
                        out.add(new GeneratedPair(frame, rollName, light.name(), ev, patch.id(), digital, film,
                                reasons(patchHeld, lightHeld, evHeld), camera.clips(raw)));
                    }
                    shot++;
                    if (frame == spec.framesPerRoll() || shot == totalFrames) {
                        progress.accept(String.format(Locale.ROOT, "roll %s developed and scanned (%d/%d frames)", rollName, shot,
                                totalFrames));
                    }
                }
            }
            if (frame < spec.framesPerRoll() && repeat + 1 < repeats) {
                progress.accept(String.format(Locale.ROOT, "roll R%04d developed and scanned (%d/%d frames)", rollIndex + 1, shot,
                        totalFrames));
            }
        }
        return out;
    }

    private static String reasons(boolean patch, boolean light, boolean ev) {
        List<String> r = new ArrayList<>(3);
        if (patch) {
            r.add("patch");
        }
        if (light) {
            r.add("illuminant");
        }
        if (ev) {
            r.add("ev");
        }
        return String.join("+", r);
    }

    /**
     * Writes the training rows and the held-out rows as two pairs CSV files, atomically, leaving
     * out clipped digital readings as the station's patch reader flags and drops them. If
     * {@code out} names a {@code .csv} file, the training set goes there and the held-out set
     * next to it as {@code NAME-heldout.csv}; otherwise {@code out} is a folder that receives
     * {@code train.csv} and {@code heldout.csv}.
     *
     * @return the two paths written, training first
     */
    public static List<Path> write(List<GeneratedPair> pairs, Path out) throws IOException {
        Path train;
        Path heldout;
        String file = out.getFileName() == null ? "" : out.getFileName().toString();
        if (file.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            train = out;
            heldout = out.resolveSibling(file.substring(0, file.length() - 4) + "-heldout.csv");
        } else {
            train = out.resolve("train.csv");
            heldout = out.resolve("heldout.csv");
        }
        PairsCsv.write(train, usable(pairs, true));
        PairsCsv.write(heldout, usable(pairs, false));
        return List.of(train, heldout);
    }

    /** The unclipped training (or held-out) rows as a pair set. */
    public static PairSet usable(List<GeneratedPair> pairs, boolean training) {
        return new PairSet(pairs.stream().filter(p -> p.isTraining() == training && !p.digitalClipped())
                .map(GeneratedPair::toPair).toList());
    }
}
