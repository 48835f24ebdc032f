package emu.calibration.fit;

import emu.calibration.pairs.PairSet;
import emu.calibration.spectral.SpectralModel;
import emu.calibration.spectral.SpectralOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The fit of the spectral model of camera and film that serves untrained lights ({@link Finishing}, unseen =
 * spectral), started ahead of its use. It reads the pairs alone, not the candidates nor the selected model, so
 * {@code station fit} starts it {@linkplain #beside beside} the selection: there it takes the core the selection
 * leaves idle while the MLP's folds train one at a time (one thread of the process in nd4j, {@link
 * MlpNetwork#NATIVE}), and its ~15 s on a dense bench run no longer add to the fit's wall time (bench/RESULTS.md,
 * issue 24 session 14). The model is the same either way: the fit has no seed and no thread-dependent step.
 */
public final class SpectralFit {

    private final PairSet pairs;
    private final CompletableFuture<Timed> result;

    private record Timed(SpectralModel model, double seconds) {}

    private SpectralFit(PairSet pairs, CompletableFuture<Timed> result) {
        this.pairs = pairs;
        this.result = result;
    }

    /**
     * Starts fitting {@code pairs} on a thread of its own, a daemon: a selection that fails does not wait for it.
     * Give {@link Finishing#finish} the same pairs.
     */
    public static SpectralFit beside(PairSet pairs) {
        return new SpectralFit(pairs, CompletableFuture.supplyAsync(task(pairs), r -> {
            Thread t = new Thread(r, "spectral model of camera and film");
            t.setDaemon(true);
            t.start();
        }));
    }

    /** Fits {@code pairs} on the caller's thread, now (the station's training, which keeps to one core). */
    static SpectralFit now(PairSet pairs) {
        CompletableFuture<Timed> done = new CompletableFuture<>();
        try {
            done.complete(task(pairs).get());
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return new SpectralFit(pairs, done);
    }

    private static Supplier<Timed> task(PairSet pairs) {
        return () -> {
            long t0 = System.nanoTime();
            SpectralModel m = SpectralModel.fit(pairs, SpectralModel.chartReflectances(), SpectralOptions.defaults());
            return new Timed(m, (System.nanoTime() - t0) / 1e9);
        };
    }

    /** Whether this fit is of {@code other} (the very same pair set). */
    boolean of(PairSet other) {
        return pairs == other;
    }

    /**
     * The fitted model, waiting for it if need be.
     *
     * @throws RuntimeException what the fit threw, as thrown ({@link emu.calibration.spectral.SpectralRefusedException},
     *     the ridge solver's IllegalStateException ...)
     */
    SpectralModel model() {
        return timed().model();
    }

    /** Seconds the fit itself took (not the wait for it). */
    double seconds() {
        return timed().seconds();
    }

    private Timed timed() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
