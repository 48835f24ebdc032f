package emu.station.scans;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import emu.calibration.io.Confined;
import emu.station.errors.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** What a lab delivers, read safely: a zip unpacked within bounds, the QR slate in a scan. */
final class LabDelivery {
    private LabDelivery() {}

    /** The QR slate's text, if the picture shows one. */
    static Optional<String> qr(BufferedImage img) {
        var hints = java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE);
        var source = new BufferedImageLuminanceSource(img);
        // a local threshold suits a slate in a lit scene; a global one, a washed-out scan
        for (com.google.zxing.Binarizer b : List.of(new HybridBinarizer(source),
                new com.google.zxing.common.GlobalHistogramBinarizer(source))) {
            try {
                Result r = new QRCodeReader().decode(new BinaryBitmap(b), hints);
                String t = r.getText().strip();
                return Optional.of(t.startsWith("emu-step:") ? t.substring("emu-step:".length()) : t);
            } catch (NotFoundException | com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
                // try the next binarizer
            }
        }
        return Optional.empty();
    }

    /**
     * Unpacks into {@code dir}, flattened (a lab's zip often nests a folder). Every entry name is
     * checked first (zip-slip), and the unpacked total is bounded by {@code maxUnzippedBytes}, so a
     * zip bomb fills no disk. Anything that is not a readable zip is bad input.
     */
    static void unzip(Path zip, Path dir, long maxUnzippedBytes) throws IOException {
        long total = 0;
        int entries = 0;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                entries++;
                String checked;
                try {
                    checked = Confined.entryName(e.isDirectory() ? e.getName().replaceAll("/+$", "") : e.getName());
                } catch (IllegalArgumentException bad) {
                    throw new InvalidInputException("zip", zip.getFileName() + ": " + bad.getMessage());
                }
                if (e.isDirectory()) {
                    continue;
                }
                String name = checked.substring(checked.lastIndexOf('/') + 1);
                Path target = dir.resolve(name);
                try (var out = Files.newOutputStream(target)) {
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = z.read(buf)) > 0; ) {
                        total += n;
                        if (total > maxUnzippedBytes) {
                            throw new InvalidInputException("zip", zip.getFileName() + ": unpacks to more than "
                                    + maxUnzippedBytes + " bytes (http.max_upload_mb); refused");
                        }
                        out.write(buf, 0, n);
                    }
                }
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new InvalidInputException("zip", zip.getFileName() + " is not a readable zip: " + e.getMessage(), e);
        }
        if (entries == 0) {
            throw new InvalidInputException("zip", zip.getFileName() + " is not a zip of scans (no entries found)");
        }
    }
}
