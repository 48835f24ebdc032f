package emu.devices.sim.pairs;

import emu.devices.sim.AtomicFiles;
import emu.devices.sim.Noise;
import emu.devices.sim.digital.DigitalCameraModel;
import emu.devices.sim.film.Development;
import emu.devices.sim.film.FilmStock;
import emu.devices.sim.film.FilmStocks;
import emu.devices.sim.film.ProcessedRoll;
import emu.devices.sim.film.Scanner;
import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.PatchSet;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
 * rolls of {@code framesPerRoll} frames each developed with its own variation, and reads each
 * patch as the average of {@code pixelsPerPatch} noisy pixels. Deterministic for a seed.
 */
public final class PairsGenerator {
    /** The pairs CSV header (DESIGN.md), plus the extra columns {@code heldout} and {@code digital_clipped} that readers may ignore. */
    public static final String HEADER =
            "frame,roll,illuminant,ev,patch,digital_r,digital_g,digital_b,film_r,film_g,film_b,heldout,digital_clipped";

    private PairsGenerator() {}

    /** Every pair of {@code spec}, training and held-out, in frame order. */
    public static List<Pair> generate(PairsSpec spec) {
        return generate(spec, msg -> { });
    }

    /** As {@link #generate(PairsSpec)}, reporting each finished roll to {@code progress}. */
    public static List<Pair> generate(PairsSpec spec, Consumer<String> progress) {
        FilmStock stock = FilmStocks.get(spec.stock());
        DigitalCameraModel camera = DigitalCameraModel.nikonD5100();
        Scanner scanner = Scanner.labScanner();
        List<PatchSet.Patch> patches = new ArrayList<>(PatchSet.colorChecker24().patches());
        List<PatchSet.Patch> p190 = PatchSet.ampas190().patches();
        patches.addAll(p190);
        List<String> lights = Stream.concat(spec.illuminants().stream(), spec.heldoutIlluminants().stream()).toList();
        List<Double> evs = Stream.concat(spec.evs().stream(), spec.heldoutEvs().stream()).toList();
        SplittableRandom noise = new SplittableRandom(Noise.derive(spec.seed(), -1));
        List<Pair> out = new ArrayList<>();
        ProcessedRoll roll = null;
        int shot = 0;
        int totalFrames = lights.size() * evs.size();
        for (String lightName : lights) {
            Illuminant light = Illuminants.get(lightName);
            boolean lightHeld = spec.heldoutIlluminants().contains(lightName);
            for (double ev : evs) {
                int rollIndex = shot / spec.framesPerRoll();
                if (shot % spec.framesPerRoll() == 0) {
                    Development dev = Development.sample(new SplittableRandom(Noise.derive(spec.seed(), rollIndex)), stock.variation());
                    roll = new ProcessedRoll(stock, dev, scanner);
                }
                int frame = shot % spec.framesPerRoll() + 1;
                String rollName = String.format(Locale.ROOT, "R%04d", rollIndex + 1);
                boolean evHeld = spec.heldoutEvs().contains(ev);
                for (int p = 0; p < patches.size(); p++) {
                    PatchSet.Patch patch = patches.get(p);
                    boolean patchHeld = p >= 24 && (p - 24) % spec.heldoutPatchEvery() == spec.heldoutPatchEvery() - 1;
                    double[] raw = camera.raw(patch.reflectance(), light, ev);
                    double[] digital = camera.toRec709(camera.expose(raw, noise, spec.pixelsPerPatch()));
                    double[] film = roll.scanPatch(patch.reflectance(), light, ev, noise, spec.pixelsPerPatch());
                    out.add(new Pair(frame, rollName, light.name(), ev, patch.id(), digital, film, reasons(patchHeld, lightHeld, evHeld),
                            camera.clips(raw)));
                }
                shot++;
                if (shot % spec.framesPerRoll() == 0 || shot == totalFrames) {
                    progress.accept(String.format(Locale.ROOT, "roll %s developed and scanned (%d/%d frames)", rollName, shot, totalFrames));
                }
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
     * Writes the training rows and the held-out rows as two pairs CSV files, atomically. If
     * {@code out} names a {@code .csv} file, the training set goes there and the held-out set
     * next to it as {@code NAME-heldout.csv}; otherwise {@code out} is a folder that receives
     * {@code train.csv} and {@code heldout.csv}.
     *
     * @return the two paths written, training first
     */
    public static List<Path> write(List<Pair> pairs, Path out) throws IOException {
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
        writeCsv(train, pairs.stream().filter(Pair::isTraining).toList());
        writeCsv(heldout, pairs.stream().filter(p -> !p.isTraining()).toList());
        return List.of(train, heldout);
    }

    /** Writes {@code pairs} as one pairs CSV file, atomically. */
    public static void writeCsv(Path file, List<Pair> pairs) throws IOException {
        AtomicFiles.write(file, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            w.write(HEADER);
            w.write('\n');
            for (Pair p : pairs) {
                double[] d = p.digital();
                double[] f = p.film();
                w.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%.7f,%.7f,%.7f,%.7f,%.7f,%.7f,%s,%d\n", p.frame(), p.roll(),
                        p.illuminant(), formatEv(p.ev()), p.patch(), d[0], d[1], d[2], f[0], f[1], f[2], p.heldout(),
                        p.digitalClipped() ? 1 : 0));
            }
            w.flush();
        });
    }

    private static String formatEv(double ev) {
        return ev == Math.rint(ev) ? String.valueOf((long) ev) : String.valueOf(ev);
    }
}
