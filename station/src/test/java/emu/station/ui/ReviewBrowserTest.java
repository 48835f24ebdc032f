package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.station.store.ReadingRepository.PatchValue;
import emu.station.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Reviewing a set in a real browser (headless Chromium) on the virtual bench: a digital shoot at
 * EV -1, 0 and +1 whose +1 capture clips, shown per step (badge, row colour), in the large
 * last-capture view (clipped pixels painted, histogram) and as a warning that holds back the
 * film shoot and the training until clicked through. The film side (shoot, simulated lab,
 * import) is set up through the API; the trained LUT is then compared with the film scan patch by
 * patch on the preview page (difference view). One station and one browser for the class, tests in order.
 */
@Timeout(400)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewBrowserTest {
    static final String PASSWORD = "exposure checking technician";
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    static UiSession session;
    static UiStation station;
    static Http http;
    static ChromeDriver browser;
    static WebDriverWait wait;
    static long setId;

    @BeforeAll
    static void start() throws Exception {
        session = UiSession.open(dir, PASSWORD);
        station = session.station;
        http = session.http;
        browser = session.browser;
        wait = session.wait;
        setId = api("POST", "/api/sets", "{\"name\":\"exposure\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\"],"
                + "\"evs\":[-1,0,1]}").get("set").get("id").asLong();
        api("POST", "/api/sets/" + setId + "/shoot", null);
        Store store = station.daemon.store();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> store.captures().bySet(setId).size() == 3
                && station.daemon.store() != null && shootIdle());
    }

    static boolean shootIdle() {
        try {
            return "idle".equals(api("GET", "/api/shoot", null).get("state").asText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    static JsonNode api(String method, String path, String json) throws Exception {
        return session.api(method, path, json);
    }

    static void click(String id) {
        session.click(id);
    }

    static long clippedPatches(long captureId) {
        return station.daemon.store().readings().ofCapture(captureId).stream().filter(PatchValue::clipped).count();
    }

    @Test
    @Order(1)
    void clippedStepsAreBadgedAndTheLastCaptureShowsItsClippedPixelsAndHistogram() throws Exception {
        Store store = station.daemon.store();
        browser.get(station.url("/#/sets/" + setId));
        var captures = store.captures().bySet(setId);
        long clippedSteps = 0;
        for (var c : captures) {
            String code = store.sets().step(c.stepId()).orElseThrow().code();
            long n = clippedPatches(c.id());
            WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#pairing tr[data-step='" + code + "']")));
            assertEquals(Long.toString(n), row.getAttribute("data-clipped"), code);
            assertEquals(n > 0, row.getAttribute("class").contains("clipping"), code);
            if (n > 0) {
                clippedSteps++;
                assertEquals(n + " patch(es) clipped", browser.findElement(By.id("clip-" + code)).getText());
            }
        }
        assertTrue(clippedSteps >= 1, "the sim bench's EV +1 capture clips the chart's brightest patches");
        // the large last capture (the +1 one, shot last): clipped pixels painted over, a histogram beside
        WebElement share = wait.until(d -> {
            WebElement e = d.findElement(By.id("clip-share"));
            return e.getAttribute("data-share") != null ? e : null;
        });
        assertTrue(Double.parseDouble(share.getAttribute("data-share")) > 0, share.getText());
        assertTrue(share.getText().matches("(< )?[0-9.]+% of pixels clipped \\(red\\) · \\d+ chart patch\\(es\\) clipped"), share.getText());
        assertEquals(3, browser.findElements(By.cssSelector("#last-capture-histogram path")).size());
        assertTrue(browser.findElement(By.id("clip-mask")).isDisplayed());
        var picture = browser.findElement(By.id("last-capture")).getRect();
        var mask = browser.findElement(By.id("clip-mask")).getRect();
        assertTrue(Math.abs(picture.getX() - mask.getX()) <= 2 && Math.abs(picture.getWidth() - mask.getWidth()) <= 2
                && Math.abs(picture.getHeight() - mask.getHeight()) <= 2, "the mask lies over the picture (inside its border)");
        Browser.screenshot(browser, "exposure");
    }

    @Test
    @Order(2)
    void theFilmShootAndTheTrainingWaitForAClickThroughTheExposureWarning() throws Exception {
        Store store = station.daemon.store();
        long rollId = api("POST", "/api/sets/" + setId + "/rolls", "{\"code\":\"R-0001\"}").get("roll").get("id").asLong();
        browser.navigate().refresh(); // the roll was loaded behind the page's back
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("film-exposure-warning"), "patch(es) clipped"));
        // nothing to train on: the button says why it is disabled
        assertFalse(browser.findElement(By.id("train")).isEnabled());
        assertTrue(browser.findElement(By.id("train-reason")).getText().startsWith("Nothing to train on yet"));

        click("roll-shoot-" + rollId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("film-message"), "Check the exposure first"));
        assertTrue(store.filmShoots().byRoll(rollId).isEmpty(), "the first click only warns");
        wait.until(ExpectedConditions.textToBe(By.id("roll-shoot-" + rollId), "Shoot roll anyway"));
        click("roll-shoot-" + rollId);
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> store.filmShoots().byRoll(rollId).stream()
                .anyMatch(s -> s.state().name().equals("DONE")));
        String folder = api("POST", "/api/rolls/" + rollId + "/sim-lab", "{}").get("folder").asText();
        api("POST", "/api/rolls/" + rollId + "/scans", JSON.writeValueAsString(Map.of("path", folder)));

        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("train-exposure-warning"), "learns the clipping"));
        click("train");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("film-message"), "Check the exposure first"));
        assertTrue(store.jobs().inState(emu.station.store.JobRepository.State.QUEUED).isEmpty()
                && store.training().models(setId).isEmpty(), "the first click only warns");
        wait.until(ExpectedConditions.textToBe(By.id("train"), "Train anyway"));
        click("train");
        new WebDriverWait(browser, Duration.ofSeconds(180)).until(d -> !store.training().models(setId).isEmpty());
    }

    /** Sizes the page as a device would (CSS pixels; mobile honours the viewport meta tag). */
    static void viewport(int width, int height, boolean mobile) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Opens a page afresh and waits until it drew {@code ready}. */
    static void open(String hash, String ready) {
        browser.get(station.url("/#/"));
        browser.get(station.url(hash));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(ready)));
    }

    @Test
    @Order(3)
    void theLutPreviewShowsPerPatchTheDifferenceBetweenTheLutAndTheFilmScan() throws Exception {
        Store store = station.daemon.store();
        open("/#/preview?set=" + setId, "#preview-difference rect.patch");
        long capture = Long.parseLong(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("preview-capture")))
                .getFirstSelectedOption().getAttribute("value"));
        long export = Long.parseLong(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("preview-export")))
                .getFirstSelectedOption().getAttribute("value"));
        // one coloured cell per patch read on both sides (clipped ones left out, as training leaves them), dashed otherwise
        var pairs = store.readings().pairs(setId).stream().filter(r -> r.captureId() == capture).toList();
        long scan = pairs.get(0).scanId();
        long paired = pairs.stream().filter(r -> r.scanId() == scan).count();
        var cells = browser.findElements(By.cssSelector("#preview-difference rect.patch"));
        assertEquals(paired, cells.size());
        assertEquals(24 - paired, browser.findElements(By.cssSelector("#preview-difference rect.patch-missing")).size());
        // the value on hover, in CIEDE2000, with the chart's patch names
        String hover = cells.get(0).findElement(By.tagName("title")).getAttribute("textContent");
        assertTrue(hover.matches("1 dark skin: ΔE00 [0-9]+\\.[0-9]{2}"), hover);
        assertTrue(browser.findElement(By.cssSelector("#preview-difference .axis-label")).getText().startsWith("CIEDE2000"));
        assertTrue(browser.findElements(By.cssSelector("#preview-difference rect.legend")).size() > 5, "a colour legend");
        JsonNode d = api("GET", "/api/ui/preview/difference?capture=" + capture + "&export=" + export, null);
        assertEquals(scan, d.get("scan").asLong());
        assertEquals(paired, d.get("patches").size());
        double max = 0;
        for (JsonNode p : d.get("patches")) {
            max = Math.max(max, p.get("de").asDouble());
            assertTrue(p.get("de").asDouble() >= 0);
        }
        assertEquals(max, d.get("max").asDouble(), 1e-9);
        // a trained LUT lands near the film on its own training step: not a perfect match, not a random one
        assertTrue(d.get("mean").asDouble() > 0 && d.get("mean").asDouble() < 15, d.toString());
        String caption = browser.findElement(By.id("preview-diff-caption")).getText();
        assertTrue(caption.contains(String.format(java.util.Locale.ROOT, "mean %.2f", d.get("mean").asDouble())), caption);
        Browser.screenshot(browser, "lut-preview-difference");
        // bad input: named, never a 500
        assertEquals(404, http.get("/api/ui/preview/difference?capture=999999&export=" + export).statusCode());
        assertEquals(400, http.get("/api/ui/preview/difference?capture=" + capture + "&export=" + export + "&scan=x").statusCode());
        JsonNode none = api("GET", "/api/ui/preview/difference?capture=" + capture + "&export=" + export + "&scan=999999", null);
        assertTrue(none.get("scan").isNull() && none.get("patches").isEmpty(), none.toString());
    }

    @Test
    @Order(4)
    void atPhoneSizeTheHeaderFitsAndTheSetRollAndModelPagesDoNotScrollSideways() throws Exception {
        Store store = station.daemon.store();
        long rollId = store.rolls().bySet(setId).get(0).id();
        long modelId = store.training().models(setId).get(0).id();
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("dashboard", "/#/ ##dashboard #sets-table");
        pages.put("sets", "/#/sets ##new-set-submit");
        pages.put("set", "/#/sets/" + setId + " ##pairing tbody tr");
        pages.put("roll", "/#/rolls/" + rollId + " ##roll-frames");
        pages.put("model", "/#/models/" + modelId + " ##candidates");
        pages.put("preview", "/#/preview?set=" + setId + " ##preview-difference");
        try {
            viewport(1400, 1000, false);
            for (var e : pages.entrySet()) {
                String[] p = e.getValue().split(" #", 2);
                open(p[0], p[1]);
                Thread.sleep(500); // thumbnails and overlays settle before the picture
                Browser.screenshot(browser, "wide-" + e.getKey());
            }
            // the model page: the winner chosen in words, charts with a CIEDE2000 value axis
            open("/#/models/" + modelId, "#selection-words");
            String words = browser.findElement(By.id("selection-words")).getText();
            assertTrue(words.contains("The winner is the finalist with the lowest score: matrix"), words);
            assertTrue(browser.findElement(By.cssSelector("#candidates tr.winner .score-basis")).getText().contains("finalist"));
            assertTrue(browser.findElements(By.cssSelector("#chart-ev .axis text")).size() >= 2, "ticks on the value axis");
            assertTrue(browser.findElement(By.cssSelector("#chart-ev .axis-label")).getText().startsWith("CIEDE2000"));
            assertTrue(browser.findElement(By.cssSelector("#histogram .axis-label")).getText().equals("pairs"));
            open("/#/", "#jobs-table a.job-set");
            assertEquals("exposure", browser.findElement(By.cssSelector("#jobs-table a.job-set")).getText(), "a job names its set");
            viewport(390, 844, true);
            for (var e : pages.entrySet()) {
                String[] p = e.getValue().split(" #", 2);
                open(p[0], p[1]);
                Thread.sleep(500);
                long scrollWidth = (Long) browser.executeScript("return document.documentElement.scrollWidth");
                long inner = (Long) browser.executeScript("return window.innerWidth");
                assertEquals(390, inner, () -> e.getKey() + " page is wider than the phone; past 390 px: " + browser.executeScript(
                        "return [...document.querySelectorAll('main *')].filter(x => x.getBoundingClientRect().right > 391)"
                        + ".slice(0, 5).map(x => x.tagName + '#' + x.id + '.' + x.className).join(', ')"));
                assertTrue(scrollWidth <= inner, e.getKey() + " page is " + scrollWidth + " px wide at " + inner);
                var logout = browser.findElement(By.id("logout")).getRect();
                assertTrue(logout.getX() >= 0 && logout.getX() + logout.getWidth() <= inner, "Log out fits: " + logout);
                Browser.screenshot(browser, "phone-" + e.getKey());
            }
            // a table wider than the phone scrolls inside its own box
            open("/#/sets/" + setId, "#pairing tbody tr");
            assertTrue((Boolean) browser.executeScript(
                    "const t = document.getElementById('pairing'); return t.scrollWidth > t.clientWidth && t.clientWidth <= 390;"));
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    @Order(5)
    void whenTheStationStopsABannerSaysSo() throws Exception {
        open("/#/sets/" + setId, "#pairing tbody tr");
        station.daemon.stop();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("offline"), "The station does not answer"));
        Browser.screenshot(browser, "offline");
    }
}
