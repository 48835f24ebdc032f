package emu.calibration.io;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads of {@link TiffBandReader#eachBand}: one per core, each taking the next band. */
final class TiffBandThreads {
    private TiffBandThreads() {}

    /**
     * Reads every band on all cores and hands each to {@code task} on the thread that read it,
     * in a buffer of its own (reused for that thread's next band). Bands are handed out in
     * increasing order, as {@link TiffBandReader#read} wants. On the first failure no further band starts,
     * {@code onFailure} runs (to release threads {@code task} may keep waiting) and the failure
     * is rethrown once all threads are done; the first real failure wins over those it caused.
     */
    static void run(TiffBandReader reader, TiffBandReader.BandTask task, Runnable onFailure) throws IOException {
        int bands = reader.bands();
        int bandRows = reader.bandRows();
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), bands));
        AtomicInteger next = new AtomicInteger();
        Throwable[] failures = new Throwable[workers];
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            int id = w;
            threads[w] = new Thread(() -> {
                short[] samples = new short[bandRows * reader.width() * reader.samplesPerPixel()];
                try {
                    for (int band = next.getAndIncrement(); band < bands; band = next.getAndIncrement()) {
                        task.accept(band, samples, reader.read(band, samples));
                    }
                } catch (IOException | RuntimeException | Error e) {
                    failures[id] = e;
                    next.set(Integer.MAX_VALUE);
                    onFailure.run();
                }
            }, "tiff-band-" + w);
            threads[w].setDaemon(true);
            threads[w].start();
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    next.set(Integer.MAX_VALUE);
                    onFailure.run();
                    for (Thread other : threads) {
                        other.interrupt(); // a thread waiting for a strip slice stops waiting
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted reading a TIFF");
        }
        Throwable first = null;
        for (Throwable f : failures) {
            if (f != null && (first == null || first instanceof TiffBandReader.Consequence)) {
                first = f;
            }
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }
}
