package emu.calibration.lut;

import emu.calibration.io.AtomicFiles;
import emu.calibration.io.TiffBandReader;
import emu.calibration.io.TiffStripWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Future;

/**
 * A TIFF-to-TIFF LUT apply that streams in bands of rows on every core: each worker takes the
 * next band, decodes it from the memory-mapped input ({@link TiffBandReader}), maps it in place
 * through per-code tables ({@link CodeLattice}) and writes it as one strip
 * ({@link TiffStripWriter}); memory is one band buffer per worker, whatever the image size. The
 * output keeps the input's depth, alpha, compression ({@link #outputCompression}) and predictor. Every output sample equals the per-pixel path's
 * ({@link ShapedLut#apply(float[], int, int, LutInterpolation)}, clipped, rounded half up).
 */
final class StreamedTiffApply {
    private StreamedTiffApply() {}

    /** Applies {@code lut} to {@code in}, writing {@code out} atomically or not at all. */
    static void run(TiffBandReader in, Future<ShapedLut> lut, LutInterpolation interpolation, Path out)
            throws IOException {
        int max = in.bitsPerSample() == 16 ? 0xffff : 0xff;
        Tables tables = new Tables(lut, interpolation, max);
        AtomicFiles.writeFile(out, tmp -> {
            int compression = outputCompression(in.compression());
            try (TiffStripWriter writer = TiffStripWriter.open(tmp, in.width(), in.height(), in.samplesPerPixel(),
                    in.bitsPerSample(), in.bandRows(), compression, outputPredictor(in))) {
                in.eachBand((band, samples, rows) -> {
                    tables.map(samples, rows * in.width(), in.samplesPerPixel());
                    writer.write(band, samples);
                }, writer::abort);
                writer.finish();
            }
        });
    }

    /** The input's compression (the old Deflate code 32946 written as 8, the same stream). */
    static int outputCompression(int input) {
        return input == 32946 ? 8 : input;
    }

    /** The input's predictor where the output's compression takes one (LZW, Deflate). */
    static boolean outputPredictor(TiffBandReader in) {
        int c = outputCompression(in.compression());
        return in.predictor() && (c == 5 || c == 8);
    }

    /** The per-code tables, made once by the first band that needs them (the LUT may still be loading). */
    private static final class Tables {
        private final Future<ShapedLut> lut;
        private final LutInterpolation interpolation;
        private final int max;
        private CodeLattice lattice;
        private ShapedLut plain;

        Tables(Future<ShapedLut> lut, LutInterpolation interpolation, int max) {
            this.lut = lut;
            this.interpolation = interpolation;
            this.max = max;
        }

        private synchronized CodeLattice lattice() throws IOException {
            if (lattice == null && plain == null) {
                ShapedLut l = LutImages.await(lut);
                lattice = CodeLattice.of(l, interpolation, max);
                plain = lattice == null ? l : null;
            }
            return lattice;
        }

        /** Maps {@code pixels} interleaved pixels of {@code spp} samples in place; alpha stays. */
        void map(short[] s, int pixels, int spp) throws IOException {
            CodeLattice tables = lattice();
            if (tables != null) {
                tables.map(s, 0, pixels, spp, RGB);
                return;
            }
            // an interpolation without a lattice (none registered today): the per-pixel path itself
            float scale = 1f / max;
            float[] rgb = new float[3];
            for (int p = 0, i = 0; p < pixels; p++, i += spp) {
                rgb[0] = (s[i] & 0xffff) * scale;
                rgb[1] = (s[i + 1] & 0xffff) * scale;
                rgb[2] = (s[i + 2] & 0xffff) * scale;
                plain.apply(rgb, 0, 1, interpolation);
                for (int c = 0; c < 3; c++) {
                    s[i + c] = (short) LutImages.quantise(rgb[c], max);
                }
            }
        }

        private static final int[] RGB = {0, 1, 2};
    }
}
