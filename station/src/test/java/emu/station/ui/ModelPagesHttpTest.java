package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.ModelMetadata;
import emu.calibration.fit.ModelSelection;
import emu.calibration.lut.LutBaker;
import emu.calibration.lut.LutExportFormats;
import emu.calibration.lut.LutImages;
import emu.calibration.lut.LutProvenance;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import emu.devices.sim.camera.SimCamera;
import emu.station.store.ProfilingSetRepository.StepSpec;
import emu.station.store.Store;
import emu.station.store.TrainingRepository.Model;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training run page's report and the LUT preview over real HTTP: a station whose database
 * holds a real model (selected from synthetic pairs, saved with its report), its real exports
 * (cube in sRGB and in the shaped linear form, and an OCIO look) and a 16-bit sim-style capture;
 * a second set with its own capture is the "foreign" one.
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
        assertEquals(200, http.login("admin", UiStation.ONE_TIME_PASSWORD).statusCode());
        String change = "{\"current\":\"" + UiStation.ONE_TIME_PASSWORD + "\",\"password\":\"a proper long passphrase\"}";
        assertEquals(200, http.post("/api/auth/password", change, true).statusCode());

        Store store = station.daemon.store();
        long stock = store.stocks().create("portrait-160", "135", 160).id();
        long set = store.sets().create("bench A", stock, "cc24", StepSpec.grid(List.of("D65", "A"), List.of(0.0))).id();
        long other = store.sets().create("bench B", stock, "cc24", StepSpec.grid(List.of("D65"), List.of(0.0))).id();
        capture = addCapture(store, set, "captures/a.tif");
        foreignCapture = addCapture(store, other, "captures/b.tif");

        PairSet pairs = pairs();
        ModelSelection.Result sel = ModelSelection.run(pairs, new ModelSelection.Settings(
                List.of("matrix", "root-polynomial:degree=2"), 2, 1, 2, 1, null));
        byte[] csv = PairsCsv.toCsv(pairs).getBytes(StandardCharsets.UTF_8);
        ModelMetadata meta = ModelDirectory.metadata(csv, sel.report(), sel.model(), "portrait-160", "bench A");
        ModelDirectory.save(station.dataDir.resolve("models/set-1/v1"), sel.model(), meta, sel.report());
        long run = store.training().startRun(set, null, meta.pairsSha256()).id();
        model = store.training().addModel(set, run, 1, sel.report().winner(), "models/set-1/v1", meta.heldOutMeanDeltaE());
        LutProvenance prov = new LutProvenance("portrait-160", "bench A", meta.id(), "D65", "srgb", "film scan (srgb)",
                meta.heldOutMeanDeltaE());
        cubeSrgb = export(store, sel, prov, "cube", "srgb", "exports/d65_srgb_9.cube");
        cubeLinear = export(store, sel, prov.withInputEncoding("linear"), "cube", "linear", "exports/d65_linear_9.cube");
        ocio = export(store, sel, prov, "ocio", "srgb", "exports/d65_look.ocio");
    }

    @AfterAll
    static void stop() {
        station.close();
    }

    /** 24 patches under two lights at three EVs; the film adds cross-talk and a curve a matrix cannot follow. */
    private static PairSet pairs() {
        Random rnd = new Random(4);
        List<Pair> out = new ArrayList<>();
        for (int p = 0; p < 24; p++) {
            double[] refl = {0.03 + 0.8 * rnd.nextDouble(), 0.03 + 0.8 * rnd.nextDouble(), 0.03 + 0.8 * rnd.nextDouble()};
            for (String light : List.of("D65", "A")) {
                double[] tint = light.equals("A") ? new double[] {1.3, 1.0, 0.6} : new double[] {1, 1, 1};
                for (double ev : new double[] {-1, 0, 1}) {
                    double[] d = new double[3];
                    for (int c = 0; c < 3; c++) {
                        d[c] = 0.18 / 0.4 * refl[c] * tint[c] * Math.pow(2, ev);
                    }
                    double[] f = new double[3];
                    for (int c = 0; c < 3; c++) {
                        double mixed = 1.2 * d[c] - 0.1 * d[(c + 1) % 3] - 0.1 * d[(c + 2) % 3];
                        f[c] = Math.min(1, Math.pow(Math.max(0, mixed / tint[c]), 0.5));
                    }
                    out.add(new Pair("", "", light, ev, "P" + p, d[0], d[1], d[2], f[0], f[1], f[2]));
                }
            }
        }
        return new PairSet(out);
    }

    /** A 16-bit TIFF as the sim camera writes it (code 65535 = full scale 8): a colour gradient. */
    private static long addCapture(Store store, long set, String rel) throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(96, 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                double[] lin = {0.02 + 0.6 * x / 95.0, 0.02 + 0.5 * y / 63.0, 0.3 - 0.25 * x / 95.0};
                for (int c = 0; c < 3; c++) {
                    r.setSample(x, y, c, (int) Math.round(lin[c] / SimCamera.TIFF_FULL_SCALE * 65535));
                }
            }
        }
        Path file = station.dataDir.resolve(rel);
        Files.createDirectories(file.getParent());
        LutImages.write(new BufferedImage(cm, r, false, null), file);
        String step = store.sets().steps(set).get(0).id();
        return store.captures().add(step, rel, ModelDirectory.sha256(Files.readAllBytes(file)), 0, "1/60").id();
    }

    private static long export(Store store, ModelSelection.Result sel, LutProvenance prov, String format, String encoding,
                               String rel) throws Exception {
        Path file = station.dataDir.resolve(rel);
        Files.createDirectories(file.getParent());
        var baked = LutBaker.bake(sel.model(), "D65", InputEncoding.get(encoding), 9);
        Path written = LutExportFormats.get(format).write(baked.lut(), prov, file).get(0);
        String relWritten = station.dataDir.relativize(written).toString();
        return store.training().addExport(model.id(), format, encoding, 9, "D65", relWritten,
                ModelDirectory.sha256(Files.readAllBytes(written))).id();
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
        JsonNode cv = report.at("/candidates/1/crossValidationByPatch");
        assertEquals(2, cv.path("perIlluminant").size());
        assertEquals(3, cv.path("perEv").size());
        int counted = 0;
        for (JsonNode n : cv.at("/histogram/counts")) {
            counted += n.asInt();
        }
        assertEquals(cv.at("/overall/n").asInt(), counted);
        assertEquals(3, cv.at("/worstPatches/0/worstPredicted").size());
        assertEquals(3, cv.at("/worstPatches/0/worstFilm").size());

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
        assertEquals(1, first.path("modelVersion").asInt());
        assertEquals(model.heldOutDe2000(), first.path("heldOutDe2000").asDouble(), 1e-12);
        assertTrue(first.path("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), first.toString());
        assertTrue(first.path("previewable").asBoolean());
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
        assertEquals("A1", j.at("/report/candidates/0/crossValidationByPatch/worstPatches/0/patch").asText());
        assertTrue(j.at("/report/candidates/0/crossValidationByPatch/histogram").isMissingNode());

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
        double lin = (0.02 + 0.6 * 10 / 95.0);
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
