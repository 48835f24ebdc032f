package emu.station.fromimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pairing by names and EXIF (the real exiftool reads what the real exiftool wrote into small JPEGs). */
class FolderPairingTest {

    static Path jpeg(Path file, String speed) throws Exception {
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg", file.toFile());
        if (speed != null) {
            ShotElsewhere.exiftool(List.of(file.toString()), "-ExposureTime=" + speed, "-FNumber=5.6", "-ISO=200");
        }
        return file;
    }

    @Test
    void anEvenBracketIsMeteredAtItsLowerMiddleAndRawWinsOverJpeg(@TempDir Path dir) throws Exception {
        Path caps = dir.resolve("captures");
        Path scans = dir.resolve("scans");
        String[] speeds = {"1/15", "1/30", "1/60", "1/125"};
        for (int i = 0; i < 4; i++) {
            jpeg(caps.resolve("FL11").resolve("IMG_" + (i + 1) + ".jpg"), speeds[i]);
            jpeg(scans.resolve("roll9_" + String.format("%02d", i + 1) + ".jpg"), null);
        }
        // the RAW of IMG_1 (exiftool cannot write into a fake RAW, so the JPEG's EXIF is copied to a .dng name)
        Path raw = caps.resolve("FL11").resolve("IMG_1.dng");
        emu.calibration.io.LinearDng.write(new emu.calibration.chart.RgbImage(4, 4, new float[48]), raw);
        ShotElsewhere.exiftool(List.of(raw.toString()), "-ExposureTime=1/15", "-FNumber=5.6", "-ISO=200");
        List<Step> steps = FolderPairing.pair(caps, scans, Optional.empty());
        assertEquals(4, steps.size());
        assertEquals("IMG_1.dng", steps.get(0).capture().getFileName().toString());
        assertEquals(List.of(2.0, 1.0, 0.0, -1.0), steps.stream().map(Step::ev).toList(),
                "metered = lower middle of 4 (1/60); 1/125 rounds to -1");
        assertEquals(List.of("roll9_01", "roll9_02", "roll9_03", "roll9_04"), steps.stream().map(Step::frame).toList());
        assertEquals("FL11", steps.get(0).illuminant());
        assertEquals("scans", steps.get(0).roll());
    }

    @Test
    void looseCapturesNeedAnIlluminantAndMissingExifIsNamed(@TempDir Path dir) throws Exception {
        Path caps = dir.resolve("captures");
        Path scans = dir.resolve("scans");
        jpeg(caps.resolve("a1.jpg"), "1/60");
        jpeg(caps.resolve("a2.jpg"), null);
        jpeg(scans.resolve("a1.jpg"), null);
        jpeg(scans.resolve("a2.jpg"), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FolderPairing.pair(caps, scans, Optional.empty()));
        assertTrue(e.getMessage().contains("--illuminant"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FolderPairing.pair(caps, scans, Optional.of("D50")));
        assertTrue(e.getMessage().contains(caps.resolve("a2.jpg") + ": no EXIF ExposureTime"), e.getMessage());
    }

    @Test
    void aFrameNumberTwoScansShareIsAnAmbiguityNamed(@TempDir Path dir) throws Exception {
        Path caps = dir.resolve("captures");
        Path scans = dir.resolve("scans");
        jpeg(caps.resolve("D65").resolve("DSC_0007.jpg"), "1/60");
        jpeg(scans.resolve("R1_F07.jpg"), null);
        jpeg(scans.resolve("R2_F07.jpg"), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FolderPairing.pair(caps, scans, Optional.empty()));
        assertTrue(e.getMessage().contains("DSC_0007.jpg: 2 scans (R1_F07.jpg, R2_F07.jpg) with frame number 7"),
                e.getMessage());
    }

    @Test
    void scansInAFolderNamedAfterTheLightAreLookedForThereFirst(@TempDir Path dir) throws Exception {
        Path caps = dir.resolve("captures");
        Path scans = dir.resolve("scans");
        jpeg(caps.resolve("D65").resolve("f3.jpg"), "1/60");
        jpeg(caps.resolve("A").resolve("f3.jpg"), "1/60");
        jpeg(scans.resolve("A").resolve("F3.jpg"), null);
        jpeg(scans.resolve("f3.jpg"), null);
        List<Step> steps = FolderPairing.pair(caps, scans, Optional.empty());
        assertEquals(scans.resolve("A").resolve("F3.jpg"), steps.get(0).scan(), "A's scans folder, stem matched case-blind");
        assertEquals("A", steps.get(0).roll());
        assertEquals(scans.resolve("f3.jpg"), steps.get(1).scan(), "no scans/D65: the scans folder itself");
        assertEquals(List.of(0.0, 0.0), steps.stream().map(Step::ev).toList(), "a bracket of one is its own metered exposure");
    }
}
