package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.station.store.Store;
import emu.station.store.TrainingRepository.Model;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training run page's report and the LUT preview over real HTTP, on a station seeded by
 * {@link ModelFixture} (a real model with its report and exports, a 96 x 64 capture, a foreign set).
 */
@Timeout(120)
class ModelPagesHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    static UiStation station;
    static Http http;
    static Model model;
    static long capture;
    static long foreignCapture;
    static long cubeSrgb;
    static long cubeLinear;
    static long ocio;

    @BeforeAll
    static void start() throws Exception {
        station = new UiStation(dir.resolve("station"), 50);
        http = new Http(station);
        http.firstLogin("a proper long passphrase");
        ModelFixture f = ModelFixture.seed(station, 96, 64);
        model = f.model();
        capture = f.capture();
        foreignCapture = f.foreignCapture();
        cubeSrgb = f.cubeSrgb();
        cubeLinear = f.cubeLinear();
        ocio = f.ocio();
    }

    @AfterAll
    static void stop() {
        station.close();
    }

    private static JsonNode json(String path) throws Exception {
        var r = http.get(path);
        assertEquals(200, r.statusCode(), path + " -> " + r.body());
        return JSON.readTree(r.body());
    }

    private static BufferedImage png(String path) throws Exception {
        var r = http.getBytes(path);
        assertEquals(200, r.statusCode(), path + " -> " + new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertNotNull(img, path + " is not a PNG");
        return img;
    }

    @Test
    void withoutASessionBothAnswer401() throws Exception {
        Http anon = new Http(station);
        for (String path : List.of("/api/ui/models/" + model.id() + "/report",
                "/api/ui/preview?capture=" + capture + "&export=" + cubeSrgb)) {
            assertEquals(401, anon.get(path).statusCode(), path);
        }
    }

    @Test
    void theReportCarriesTheCandidatesBreakdownsHistogramWorstColoursAndExportProvenance() throws Exception {
        JsonNode j = json("/api/ui/models/" + model.id() + "/report");
        assertEquals(1, j.at("/model/version").asInt());
        assertEquals("bench A", j.at("/set/name").asText());
        JsonNode report = j.path("report");
        assertEquals(2, report.path("candidates").size());
        String winner = report.path("winner").asText();
        assertEquals(model.fitter(), winner);
        JsonNode cv = report.at("/candidates/1/cross_validation_by_patch");
        assertEquals(2, cv.path("per_illuminant").size());
        assertEquals(3, cv.path("per_ev").size());
        int counted = 0;
        for (JsonNode n : cv.at("/histogram/counts")) {
            counted += n.asInt();
        }
        assertEquals(cv.at("/overall/n").asInt(), counted);
        assertEquals(3, cv.at("/worst_patches/0/worst_predicted").size());
        assertEquals(3, cv.at("/worst_patches/0/worst_film").size());
        // one patch naming: the chart's number and name for the report's ids
        assertEquals(24, j.path("patch_labels").size(), j.path("patch_labels").toString());
        assertEquals("18 cyan", j.at("/patch_labels/cc24-18").asText());

        JsonNode exports = j.path("exports");
        assertEquals(3, exports.size());
        JsonNode first = exports.get(0);
        assertEquals(cubeSrgb, first.path("id").asLong());
        assertEquals("cube", first.path("format").asText());
        assertEquals("srgb", first.path("encoding").asText());
        assertEquals(9, first.path("size").asInt());
        assertEquals("D65", first.path("illuminant").asText());
        assertEquals("d65_srgb_9.cube", first.path("name").asText());
        assertEquals(Files.size(station.dataDir.resolve("exports/d65_srgb_9.cube")), first.path("bytes").asLong());
        assertEquals(1, first.path("model_version").asInt());
        assertEquals(model.heldOutDe2000(), first.path("held_out_de2000").asDouble(), 1e-12);
        assertTrue(first.path("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), first.toString());
        assertTrue(first.path("previewable").asBoolean());
        // the fixture records no serving, as every row written before V16 reads: null, the page says "not recorded"
        assertTrue(first.has("served") && first.path("served").isNull(), first.toString());
        assertTrue(!exports.get(2).path("previewable").asBoolean(), "an OCIO look is not previewed");
    }

    @Test
    void anOldReportWithoutTheNewFieldsStillLoadsAndAMissingOneIsNull() throws Exception {
        Store store = station.daemon.store();
        Path old = station.dataDir.resolve("models/set-1/v2");
        Files.createDirectories(old);
        Files.writeString(old.resolve("report.json"), """
                {"pairs":10,"folds":2,"seed":1,"winner":"matrix","candidates":[{"spec":"matrix","score":2.0,
                 "crossValidationByPatch":{"overall":{"n":10,"mean":2.0,"median":2.0,"p95":3.0,"max":3.5},
                 "perIlluminant":{},"perEv":{},"worstPatches":[{"patch":"A1","meanDeltaE":3.0,"maxDeltaE":3.5,
                 "worstIlluminant":"D65","worstEv":0.0}]}}]}""");
        long run = store.training().startRun(model.setId(), null, "x").id();
        long v2 = store.training().addModel(model.setId(), run, 2, "matrix", "models/set-1/v2", 2.0).id();
        JsonNode j = json("/api/ui/models/" + v2 + "/report");
        assertEquals("A1", j.at("/report/candidates/0/cross_validation_by_patch/worst_patches/0/patch").asText());
        assertTrue(j.at("/report/candidates/0/cross_validation_by_patch/histogram").isMissingNode());

        Files.createDirectories(station.dataDir.resolve("models/set-1/v3"));
        long v3 = store.training().addModel(model.setId(), run, 3, "matrix", "models/set-1/v3", 2.0).id();
        assertTrue(json("/api/ui/models/" + v3 + "/report").path("report").isNull());
    }

    @Test
    void unknownIdsAndModelDirectoriesOutsideTheDataDirectoryAre404() throws Exception {
        Store store = station.daemon.store();
        Files.createDirectories(dir.resolve("elsewhere"));
        long run = store.training().startRun(model.setId(), null, "y").id();
        long outside = store.training().addModel(model.setId(), run, 9, "matrix", "../elsewhere", 1.0).id();
        for (String path : List.of("/api/ui/models/999/report", "/api/ui/models/abc/report",
                "/api/ui/models/" + outside + "/report")) {
            assertEquals(404, http.get(path).statusCode(), path);
        }
    }

    @Test
    void thePreviewRendersTheCaptureBeforeAndAfterTheLut() throws Exception {
        String q = "/api/ui/preview?capture=" + capture + "&export=" + cubeSrgb;
        BufferedImage before = png(q + "&view=before");
        BufferedImage after = png(q + "&view=after");
        assertEquals(96, before.getWidth());
        assertEquals(64, before.getHeight());
        assertEquals(96, after.getWidth());
        // before = the sRGB display encoding of the linear capture: check one pixel by the IEC 61966-2-1 formula
        double lin = ModelFixture.linear(10, 5, 96, 64)[0];
        double srgb = 1.055 * Math.pow(lin, 1 / 2.4) - 0.055;
        assertEquals(Math.round(srgb * 255), before.getRGB(10, 5) >> 16 & 0xff, 1.0);
        assertTrue(meanAbsDifference(before, after) > 5, "the LUT changes the picture: "
                + meanAbsDifference(before, after));
        // the same model baked for linear input (Resolve shaper form) renders nearly the same picture
        BufferedImage viaLinear = png("/api/ui/preview?capture=" + capture + "&export=" + cubeLinear);
        assertTrue(meanAbsDifference(after, viaLinear) < 3, "srgb and linear LUTs of one model agree: "
                + meanAbsDifference(after, viaLinear));

        BufferedImage small = png(q + "&size=32");
        assertEquals(32, small.getWidth());
        assertEquals(21, small.getHeight());
        try (var cached = Files.list(station.dataDir.resolve("cache/preview"))) {
            assertTrue(cached.anyMatch(p -> p.getFileName().toString().endsWith("-e" + cubeSrgb + "-32-after.png")));
        }
    }

    @Test
    void thePreviewTakesIdsOfOneSetOnlyAndSaysWhyAFormatCannotBeShown() throws Exception {
        for (String query : List.of("capture=" + foreignCapture + "&export=" + cubeSrgb, "capture=999&export=" + cubeSrgb,
                "capture=" + capture + "&export=999", "capture=..%2Fcaptures%2Fa.tif&export=" + cubeSrgb,
                "export=" + cubeSrgb)) {
            assertEquals(404, http.get("/api/ui/preview?" + query).statusCode(), query);
        }
        var r = http.get("/api/ui/preview?capture=" + capture + "&export=" + ocio);
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(r.body().contains("no reader for ocio exports"), r.body());
        var big = http.get("/api/ui/preview?capture=" + capture + "&export=" + cubeSrgb + "&size=99999");
        assertEquals(400, big.statusCode());
        assertTrue(big.body().contains("size must be"), big.body());
    }

    @Test
    void thePreviewListsOnlyExportsItCanRenderAndCountsTheOthersWithTheReason() throws Exception {
        long set = model.setId();
        JsonNode j = json("/api/ui/sets/" + set + "/preview-exports");
        List<Long> ids = new java.util.ArrayList<>();
        j.path("exports").forEach(x -> ids.add(x.path("id").asLong()));
        assertTrue(ids.contains(cubeSrgb) && ids.contains(cubeLinear) && !ids.contains(ocio), j.toString());
        j.path("exports").forEach(x -> assertEquals("cube", x.path("format").asText()));
        assertEquals(1, j.path("not_previewable").size(), j.toString());
        assertEquals("ocio", j.at("/not_previewable/0/format").asText());
        assertEquals(1, j.at("/not_previewable/0/count").asInt());
        assertTrue(j.at("/not_previewable/0/reason").asText().contains("no reader for ocio"), j.toString());
        assertEquals(404, http.get("/api/ui/sets/999/preview-exports").statusCode());
    }

    private static double meanAbsDifference(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) {
                    sum += Math.abs((p >> s & 0xff) - (q >> s & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
