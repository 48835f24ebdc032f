package emu.calibration.export;

import emu.calibration.io.Hashes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import emu.calibration.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The archival bundle of one model: a zip (PKWARE APPNOTE 6.3.x, deflate) holding
 * {@value #MANIFEST} and the files it lists (pairs CSV, model, fit report, LUTs, profiles),
 * so that a stock's character can be rebuilt from the bundle alone.
 *
 * <p>The manifest is JSON: {@code format} = {@value #FORMAT}, {@code version} = {@value #VERSION},
 * the {@link BundleProvenance}, and for every file its path, size and SHA-256 (FIPS 180-4).
 * Paths are relative, '/'-separated, without '.' or '..' segments. Writing is deterministic:
 * entries in path order, the manifest first, every timestamp 1980-01-01 00:00 (the zip epoch),
 * so the same content always gives the same bytes. Reading verifies every size and digest and
 * that the zip holds exactly the listed files.
 */
public final class ModelBundle {

    public static final String MANIFEST = "manifest.json";
    public static final String FORMAT = "emu-station-model-bundle";
    public static final int VERSION = 1;

    /** Largest entry read into memory; a larger one is not a bundle this station wrote. */
    private static final long MAX_ENTRY_BYTES = 1L << 30;
    private static final LocalDateTime ZIP_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One listed file. */
    public record FileEntry(String path, long size, String sha256) {
    }

    /** The manifest as stored. */
    public record Manifest(String format, int version, BundleProvenance provenance,
                           List<FileEntry> files) {
    }

    /** A bundle's content: its provenance and every file by path, in path order. */
    public record Contents(BundleProvenance provenance, SortedMap<String, byte[]> files) {
        public Contents {
            Objects.requireNonNull(provenance, "provenance");
            files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        }
    }

    private ModelBundle() {
    }

    /**
     * Writes {@code contents} to {@code zip} atomically.
     *
     * @throws IllegalArgumentException on a path that is not a plain relative path, or the
     *     reserved name {@value #MANIFEST}
     */
    public static void write(Path zip, Contents contents) throws IOException {
        List<FileEntry> listed = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : contents.files().entrySet()) {
            checkPath(f.getKey());
            listed.add(new FileEntry(f.getKey(), f.getValue().length, sha256(f.getValue())));
        }
        byte[] manifest = JSON.writeValueAsBytes(
                new Manifest(FORMAT, VERSION, contents.provenance(), listed));
        AtomicFiles.write(zip, out -> {
            ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8);
            put(z, MANIFEST, manifest);
            for (Map.Entry<String, byte[]> f : contents.files().entrySet()) {
                put(z, f.getKey(), f.getValue());
            }
            z.finish();
        });
    }

    /**
     * Reads and verifies a bundle.
     *
     * @throws BundleFormatException naming the bundle and the entry that is wrong
     */
    public static Contents read(Path zip) throws IOException {
        String name = zip.toString();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip),
                StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (e.isDirectory()) {
                    continue;
                }
                if (entries.put(e.getName(), readEntry(z, name, e.getName())) != null) {
                    throw new BundleFormatException(name, "entry '" + e.getName()
                            + "' appears twice");
                }
            }
        } catch (ZipException e) {
            throw new BundleFormatException(name, "not a readable zip: " + e.getMessage(), e);
        }
        byte[] manifestBytes = entries.remove(MANIFEST);
        if (manifestBytes == null) {
            throw new BundleFormatException(name, "no " + MANIFEST + " (not a model bundle)");
        }
        Manifest m;
        try {
            m = JSON.readValue(manifestBytes, Manifest.class);
        } catch (JsonProcessingException e) {
            throw new BundleFormatException(name, MANIFEST + " is not a valid manifest: "
                    + e.getOriginalMessage(), e);
        }
        if (!FORMAT.equals(m.format()) || m.version() != VERSION) {
            throw new BundleFormatException(name, "format '" + m.format() + "' version "
                    + m.version() + " is not " + FORMAT + " version " + VERSION);
        }
        if (m.provenance() == null || m.files() == null) {
            throw new BundleFormatException(name, MANIFEST + " lacks provenance or files");
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (FileEntry f : m.files()) {
            try {
                checkPath(f.path());
            } catch (IllegalArgumentException e) {
                throw new BundleFormatException(name, "manifest: " + e.getMessage(), e);
            }
            byte[] data = entries.remove(f.path());
            if (data == null) {
                throw new BundleFormatException(name, "listed file '" + f.path()
                        + "' is missing from the zip");
            }
            if (data.length != f.size() || !sha256(data).equals(f.sha256())) {
                throw new BundleFormatException(name, "file '" + f.path()
                        + "' does not match its manifest size/SHA-256 (damaged or altered)");
            }
            files.put(f.path(), data);
        }
        if (!entries.isEmpty()) {
            throw new BundleFormatException(name, "entries not in the manifest: "
                    + entries.keySet());
        }
        return new Contents(m.provenance(), files);
    }

    private static byte[] readEntry(InputStream z, String bundle, String entry)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = z.read(buf)) > 0; ) {
            total += n;
            if (total > MAX_ENTRY_BYTES) {
                throw new BundleFormatException(bundle, "entry '" + entry + "' is larger than "
                        + MAX_ENTRY_BYTES + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream z, String path, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(path);
        e.setTimeLocal(ZIP_EPOCH);
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
    }

    static void checkPath(String path) {
        boolean plain;
        try {
            emu.calibration.io.Confined.entryName(path);
            plain = true;
        } catch (IllegalArgumentException e) {
            plain = false;
        }
        if (!plain || MANIFEST.equals(path)) {
            throw new IllegalArgumentException("bundle file path '" + path + "' must be a "
                    + "relative '/'-separated path without '.', '..' or empty segments, and not "
                    + MANIFEST);
        }
    }

    private static String sha256(byte[] data) {
        return Hashes.sha256Hex(data);
    }
}
