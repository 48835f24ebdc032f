package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * The web UI in a real browser (headless Chromium) against a station running the workflows on the
 * virtual bench: first login with the forced password change, creating a set, a digital shoot
 * watched live until it finishes, the pairing view's thumbnails, a roll through the simulated lab
 * to a trained model, its training run page and the LUT preview, and the guard as the browser sees
 * it (CSRF, path traversal, logout). One browser and one station for the class, tests in order.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    static final String PASSWORD = "bench technician passphrase";
    @TempDir static Path dir;
    static UiStation station;
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        station = new UiStation(dir.resolve("station"), 50, true);
        browser = Browser.start(dir.resolve("chromium-profile"));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        // On a timeout, say where the browser was and what the page showed.
        wait.withMessage(() -> "at " + browser.getCurrentUrl() + ", page text: "
                + browser.findElement(By.tagName("body")).getText());
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (station != null) {
                station.close();
            }
        }
    }

    private WebElement byId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    /** Runs fetch() inside the page (same origin, session cookie) and returns the HTTP status. */
    private long fetchStatus(String method, String path, boolean withCsrf) {
        Object s = browser.executeAsyncScript("""
                const [method, path, withCsrf, done] = arguments;
                const session = await (await fetch('/api/auth/session')).json();
                const headers = {'Content-Type': 'application/json'};
                if (withCsrf) headers['X-CSRF-Token'] = session.csrf;
                const r = await fetch(path, {method, headers, body: method === 'GET' ? undefined : '{"name":"x","stock":"y"}'});
                done(r.status);""", method, path, withCsrf);
        return (Long) s;
    }

    @Test
    @Order(1)
    void aPageWithoutSessionGoesToTheLoginWhereTheOneTimePasswordMustBeReplaced() throws Exception {
        browser.get(station.url("/"));
        wait.until(ExpectedConditions.urlToBe(station.url("/login")));
        byId("name").sendKeys("admin");
        byId("password").sendKeys(UiStation.ONE_TIME_PASSWORD);
        byId("login-button").click();
        byId("new-password").sendKeys(PASSWORD);
        byId("new-password2").sendKeys(PASSWORD);
        byId("change-button").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "admin (admin)"));
        byId("dashboard");
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("virtual bench camera"));
    }

    @Test
    @Order(2)
    void aSetIsCreatedFromTheSetsPage() {
        browser.get(station.url("/#/sets"));
        byId("set-name").sendKeys("Portra 400 bench A");
        byId("set-stock").sendKeys("portrait-160"); // a stock the virtual bench can shoot
        byId("set-illuminants").sendKeys("D65, A");
        byId("set-ev").sendKeys("-1, 0");
        byId("create-set").click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#pairing tbody tr"), 4));
        assertEquals("Portra 400 bench A", byId("set-detail").findElement(By.tagName("h1")).getText());
        assertEquals(1, station.daemon.store().sets().all().size());
    }

    @Test
    @Order(3)
    void aDigitalShootIsWatchedLiveUntilItFinishesAndTheCapturesShowInThePairingView() throws Exception {
        byId("shoot-start").click();
        // The live panel follows the shoot through server events; it ends back at idle with every step captured.
        WebDriverWait slow = new WebDriverWait(browser, Duration.ofSeconds(120));
        slow.until(d -> d.findElements(By.cssSelector("#pairing img.thumb")).size() == 4
                && "idle".equals(d.findElement(By.id("shoot-state")).getAttribute("data-state")));
        for (WebElement img : browser.findElements(By.cssSelector("#pairing img.thumb"))) {
            wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0", img));
        }
        assertTrue(byId("last-capture").isDisplayed());
        try (var thumbs = Files.list(station.dataDir.resolve("cache").resolve("thumbs"))) {
            assertTrue(thumbs.count() >= 4, "thumbnails are cached server-side");
        }
        Browser.screenshot(browser, "pairing");
        browser.get(station.url("/#/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sets-table"), "4/4"));
        Browser.screenshot(browser, "dashboard");
    }

    /**
     * Fills inputs and clicks a button, again from the start if a server event re-rendered the page
     * meanwhile (the elements went stale).
     */
    private void act(String button, String... idsAndTexts) {
        wait.until(d -> {
            try {
                for (int i = 0; i < idsAndTexts.length; i += 2) {
                    WebElement in = d.findElement(By.id(idsAndTexts[i]));
                    in.clear();
                    in.sendKeys(idsAndTexts[i + 1]);
                }
                d.findElement(By.id(button)).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return false;
            }
        });
    }

    private void click(String button) {
        act(button);
    }

    /** Clicks the set page's Refresh until the condition holds (the film shoot has no server events). */
    private void refreshUntil(java.util.function.BooleanSupplier done, Duration timeout) {
        new WebDriverWait(browser, timeout).pollingEvery(Duration.ofSeconds(1)).until(d -> {
            if (done.getAsBoolean()) {
                return true;
            }
            click("refresh");
            return false;
        });
    }

    @Test
    @Order(4)
    void aRollIsShotScannedByTheSimulatedLabImportedRePairedAndTrainedAndItsCubeDownloads() throws Exception {
        var store = station.daemon.store();
        long setId = store.sets().all().get(0).id();
        browser.get(station.url("/#/sets/" + setId));
        act("roll-load", "roll-code", "R-0001");
        long rollId = wait.until(d -> store.rolls().bySet(setId).stream().findFirst().orElse(null)).id();
        click("roll-shoot-" + rollId);
        refreshUntil(() -> store.rolls().frames(rollId).stream().filter(f -> f.stepId().isPresent()).count() == 4,
                Duration.ofSeconds(120));
        click("roll-lab-" + rollId);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.until(d -> !d.findElement(By.id("folder-" + rollId)).getAttribute("value").isEmpty());
        click("roll-import-" + rollId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("film-message"), "imported 4 scan(s)"));
        wait.until(d -> d.findElements(By.cssSelector("#pairing img.thumb")).size() == 8);

        var scans = store.scans().byRoll(rollId);
        var frames = store.rolls().frames(rollId);
        long scan = scans.get(0).id();
        long original = scans.get(0).frameId().orElseThrow();
        int other = frames.stream().filter(f -> f.id() != original && f.stepId().isPresent()).findFirst().orElseThrow().number();
        int back = frames.stream().filter(f -> f.id() == original).findFirst().orElseThrow().number();
        for (int target : new int[] {other, back}) {
            act("roll-repair-" + rollId, "repair-scan-" + rollId, Long.toString(scan),
                    "repair-frame-" + rollId, Integer.toString(target));
            wait.until(d -> store.rolls().frame(rollId, target).map(f -> store.scans().byFrame(f.id()).stream()
                    .anyMatch(s -> s.id() == scan)).orElse(false));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("film-message"), "re-paired"));
        }

        click("train");
        refreshUntil(() -> !browser.findElements(By.cssSelector("#models a.export[data-format=cube]")).isEmpty(),
                Duration.ofSeconds(150));
        Browser.screenshot(browser, "set-after-training");
        String href = browser.findElement(By.cssSelector("#models a.export[data-format=cube]")).getAttribute("href");
        assertTrue(href.matches(".*/api/ui/exports/\\d+/file"), href);
        Object cube = browser.executeAsyncScript("fetch(arguments[0]).then(r => r.text()).then(arguments[1])", href);
        assertTrue(cube.toString().contains("LUT_3D_SIZE 9"), () -> cube.toString().substring(0, Math.min(400, cube.toString().length())));
    }

    @Test
    @Order(5)
    void theTrainingRunPageShowsCandidatesChartsHistogramAndWorstPatchesAndThePreviewRendersBothImages() throws Exception {
        var store = station.daemon.store();
        long setId = store.sets().all().get(0).id();
        browser.get(station.url("/#/sets/" + setId));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#models a.model-link"))).click();
        byId("model-page");
        WebElement winner = byId("candidates").findElement(By.cssSelector("tbody tr.winner"));
        assertTrue(winner.getText().contains("matrix") && winner.getText().contains("selected"), winner.getText());
        // one bar per light of the plan (D65, A), one per EV (-1, 0)
        List<WebElement> bars = byId("chart-illuminant").findElements(By.cssSelector("g.bar"));
        assertEquals(List.of("D65", "A"), bars.stream().map(b -> b.getAttribute("data-label")).toList());
        assertEquals(2, byId("chart-ev").findElements(By.cssSelector("g.bar")).size());
        assertEquals(21, byId("histogram").findElements(By.cssSelector("rect.bin")).size());
        List<WebElement> pairs = byId("worst").findElements(By.cssSelector("svg.swatch-pair"));
        assertTrue(!pairs.isEmpty(), "at least one predicted/film swatch pair");
        String fill = pairs.get(0).findElement(By.cssSelector("rect.predicted")).getAttribute("fill");
        assertTrue(fill.matches("rgb\\(\\d+,\\d+,\\d+\\)"), fill);
        assertTrue(byId("worst").getText().contains("dE "), byId("worst").getText());
        List<WebElement> exports = byId("exports").findElements(By.cssSelector("tbody tr"));
        assertEquals(store.training().exports(store.training().models(setId).get(0).id()).size(), exports.size());
        assertTrue(exports.get(0).getText().contains("v1"), exports.get(0).getText());
        Browser.screenshot(browser, "training-run");

        byId("to-preview").click();
        for (String id : List.of("preview-before", "preview-after")) {
            WebElement img = byId(id);
            wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0", img));
        }
        assertEquals("", byId("preview-error").getText());
        assertTrue(byId("preview-capture").findElements(By.tagName("option")).size() >= 4);
        Browser.screenshot(browser, "lut-preview");
    }

    @Test
    @Order(6)
    void theBrowserSessionStillNeedsCsrfTokensAndCannotReachFilesByPath() {
        browser.get(station.url("/#/"));
        byId("dashboard");
        int before = station.daemon.store().sets().all().size();
        assertEquals(403, fetchStatus("POST", "/api/sets", false));
        assertEquals(before, station.daemon.store().sets().all().size(), "refused without the token");
        assertEquals(201, fetchStatus("POST", "/api/sets", true), "with the token the request reaches the API");
        for (String path : List.of("/api/ui/exports/..%2F..%2Fetc%2Fpasswd/file", "/api/ui/captures/..%2F..%2Fstation.db/file",
                "/assets/..%2F..%2Femu%2Fstation%2Fversion.properties")) {
            assertEquals(404, fetchStatus("GET", path, false), path);
        }
    }

    @Test
    @Order(7)
    void logoutEndsTheSessionInTheBrowser() {
        browser.get(station.url("/#/"));
        byId("logout").click();
        wait.until(ExpectedConditions.urlToBe(station.url("/login")));
        browser.get(station.url("/#/sets"));
        wait.until(ExpectedConditions.urlMatches("/login(#.*)?$"));
        Object status = browser.executeAsyncScript("fetch('/api/ui/dashboard').then(r => arguments[0](r.status))");
        assertEquals(401L, status);
    }
}
