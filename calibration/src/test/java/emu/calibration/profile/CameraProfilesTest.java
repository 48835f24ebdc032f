package emu.calibration.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.profile.dcp.CameraSpace;
import emu.calibration.profile.dcp.DcpBuilder;
import emu.calibration.profile.dcp.FilmModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraProfilesTest {

    @Test
    void writesBothProfilesAndStatesTheirErrorAgainstTheModel(@TempDir Path dir) throws Exception {
        FilmModel model = new FilmModel();
        CameraProfiles.Written dcp = CameraProfiles.writeDcp(model, DcpBuilder.DEFAULT_GRID, CameraSpace.STATION_MATRIX, "Cam",
                "Portra 400", "c", dir.resolve("p.dcp"));
        assertEquals(List.of(dir.resolve("p.dcp")), dcp.files());
        assertEquals(List.of("A", "D65"), dcp.accuracy().stream().map(CameraProfiles.Accuracy::light).toList());
        for (CameraProfiles.Accuracy a : dcp.accuracy()) {
            System.out.println("dcp " + a.summary());
            assertEquals(210, a.samples());
            assertTrue(a.mean() < 0.5 && a.max() < 3, a.summary());
        }
        CameraProfiles.Written icc = CameraProfiles.writeIccInput(model, "A", 33, "Portra 400 - A", "c",
                dir.resolve("p_A.icc"));
        assertEquals(List.of(dir.resolve("p_A.icc"), dir.resolve("p_A.v2.icc")), icc.files());
        assertTrue(Files.size(icc.files().get(1)) > 200_000);
        CameraProfiles.Accuracy a = icc.accuracy().get(0);
        System.out.println("icc-input " + a.summary());
        assertTrue(a.max() < 0.5 && a.greyMax() < 0.5, a.summary());
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary files left behind");
        }
    }
}
