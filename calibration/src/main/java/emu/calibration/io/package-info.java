/**
 * Files in and out, knowing nothing of colour or LUTs: {@link emu.calibration.io.AtomicFiles}
 * (temp, fsync, rename), {@link emu.calibration.io.ImageFiles} (reading and writing 8/16-bit RGB(A)
 * TIFF, PNG and JPEG: TwelveMonkeys reads TIFF, the JDK writes it; memory-mapped input through
 * {@link emu.calibration.io.MappedImageInputStream}), {@link emu.calibration.io.ImageFormatException}
 * (an image that cannot be read or written, naming the file), TIFF in bands for streaming:
 * {@link emu.calibration.io.TiffBandReader} (baseline strips and tiles, uncompressed, LZW,
 * Deflate, PackBits, predictor 2, read from a memory mapping by any number of threads, with
 * {@code TiffLayout} and {@code TiffDecoders}) and {@link emu.calibration.io.TiffStripWriter}
 * (uncompressed, PackBits, LZW, Deflate, the last two with the input's predictor; one set of
 * coders per thread, {@code TiffStripCoders} and {@code TiffLzwEncoder}). The codecs are written
 * for the quick-start compiler {@code bin/station apply} runs (C1): state in locals, no per-byte
 * calls or buffer reads in their loops;
 * {@link emu.calibration.io.Confined} (keeping paths inside a folder by their real path: symlink
 * escapes, zip-slip), and the one SHA-256 helper ({@link emu.calibration.io.Hashes}), file-name
 * helper ({@link emu.calibration.io.FileNames}) and JSON helpers for the model files and reports
 * ({@link emu.calibration.io.Json}).
 *
 * <p>Imports only the JDK, ImageIO plugins and Jackson; every other package of ours may import this one.
 */
package emu.calibration.io;
