package emu.calibration.fit;

import emu.calibration.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * A {@link GridModel}'s node values as a side file of its model directory ({@code grid.bin}, named in model.json as
 * {@code "values"}), instead of 3 x size^3 JSON numbers (33^3: 2.2 MB of text per light, 13.6 MB for six lights).
 * Little-endian throughout:
 * <pre>
 *   0   8 bytes  magic "EMU-GRID"
 *   8   int32    format version (1)
 *   12  int32    size, nodes per axis
 *   16  int32    channels (3)
 *   20  float64  3 x size^3 values: channel r, then g, then b; in each x fastest, then y, then z
 *   end int32    CRC-32 of every byte before it
 * </pre>
 * The doubles' bits are stored as they are, so a loaded model predicts bit-identically to the fitted one. Written
 * atomically (temp file, fsync, rename: {@link AtomicFiles}) before the model.json that names it; read back only when
 * its header agrees with model.json's size and its length and checksum are whole, otherwise refused naming the file.
 */
final class GridValues {

    static final String FILE = "grid.bin";
    static final int VERSION = 1;
    private static final byte[] MAGIC = "EMU-GRID".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 20;

    private GridValues() {}

    /**
     * Writes {@code values} (3 channels of size^3) to {@code file} atomically. A model directory is written fresh
     * ({@link ModelDirectory#save}) and each model part into its own sub-directory, so an existing file means two grids
     * were given one directory: refused rather than one overwriting the other.
     */
    static void write(Path file, int size, double[][] values) throws IOException {
        if (Files.exists(file)) {
            throw new IllegalStateException(file + " exists: two grid models written to one directory");
        }
        int nodes = size * size * size;
        ByteBuffer b = ByteBuffer.allocate((int) length(size)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putInt(size).putInt(3);
        for (double[] channel : values) {
            if (channel.length != nodes) {
                throw new IllegalArgumentException("grid: " + channel.length + " values for " + nodes + " nodes");
            }
            for (double v : channel) {
                b.putDouble(v);
            }
        }
        b.putInt(crc(b.array(), b.position()));
        AtomicFiles.write(file, b.array());
    }

    /**
     * The 3 channels of size^3 values in {@code file}.
     *
     * @throws IllegalArgumentException naming the file when it is missing, of another format or size, truncated or
     *     garbled
     */
    static double[][] read(Path file, int size) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("grid values " + file + " are missing");
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < HEADER || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("grid values " + file + ": not a grid values file (" + bytes.length
                    + " bytes, no EMU-GRID header)");
        }
        b.position(MAGIC.length);
        int version = b.getInt();
        int fileSize = b.getInt();
        int channels = b.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("grid values " + file + ": format version " + version + ", this code reads "
                    + VERSION);
        }
        if (fileSize != size || channels != 3) {
            throw new IllegalArgumentException("grid values " + file + ": " + channels + " channels of " + fileSize
                    + "^3 nodes, model.json says 3 of " + size + "^3");
        }
        if (bytes.length != length(size)) {
            throw new IllegalArgumentException("grid values " + file + ": " + bytes.length + " bytes, expected "
                    + length(size) + " for 3 x " + size + "^3 values (" + (bytes.length < length(size) ? "truncated"
                    : "trailing bytes") + ")");
        }
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (stored != crc(bytes, bytes.length - 4)) {
            throw new IllegalArgumentException("grid values " + file + ": checksum mismatch (garbled)");
        }
        double[][] v = new double[3][size * size * size];
        for (double[] channel : v) {
            for (int i = 0; i < channel.length; i++) {
                channel[i] = b.getDouble();
            }
        }
        return v;
    }

    /** The file's length in bytes for {@code size} nodes per axis. */
    static long length(int size) {
        return HEADER + 24L * size * size * size + 4;
    }

    private static int crc(byte[] bytes, int length) {
        CRC32 c = new CRC32();
        c.update(bytes, 0, length);
        return (int) c.getValue();
    }
}
