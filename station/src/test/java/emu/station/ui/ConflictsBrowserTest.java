package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.station.store.RollLogRepository;
import emu.station.store.ScanRepository.Scan;
import emu.station.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
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
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Pairing conflicts resolved in a real browser (headless Chromium) by clicks alone, never a typed
 * id: a roll shot on the virtual bench comes back from the simulated lab numbered from 2, with
 * frame 2 scanned twice and frame 3 not scanned (the lab's quirks are the setup, asked through
 * the API; everything after is clicks). The conflicts panel says each conflict in words with the
 * scans' thumbnails; the technician sets the extra scan aside, applies the suggested offset and
 * leaves the unscanned frame out, then fixes a duplicate made by moving a scan, by dragging it.
 * One station and one browser for the class, tests in order.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConflictsBrowserTest {
    static final String PASSWORD = "conflict resolving technician";
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    static UiSession session;
    static UiStation station;
    static Http http;
    static ChromeDriver browser;
    static WebDriverWait wait;
    static long setId;
    static long rollId;

    @BeforeAll
    static void start() throws Exception {
        session = UiSession.open(dir, PASSWORD);
        station = session.station;
        http = session.http;
        browser = session.browser;
        wait = session.wait;
        setId = api("POST", "/api/sets", "{\"name\":\"conflicts\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\",\"A\"],"
                + "\"evs\":[-1,0]}").get("set").get("id").asLong();
        rollId = api("POST", "/api/sets/" + setId + "/rolls", "{\"code\":\"R-0001\"}").get("roll").get("id").asLong();
        api("POST", "/api/rolls/" + rollId + "/shoot", null);
        Store store = station.daemon.store();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> store.filmShoots().byRoll(rollId).stream()
                .anyMatch(s -> s.state().name().equals("DONE")));
        String folder = api("POST", "/api/rolls/" + rollId + "/sim-lab",
                "{\"numbering_offset\":1,\"scanned_twice\":2,\"skipped_frame\":3}").get("folder").asText();
        api("POST", "/api/rolls/" + rollId + "/scans", JSON.writeValueAsString(java.util.Map.of("path", folder)));
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

    static void pick(String selectId, String value) {
        wait.until(d -> {
            try {
                new Select(d.findElement(By.id(selectId))).selectByValue(value);
                return true;
            } catch (StaleElementReferenceException | NoSuchElementException e) {
                return false;
            }
        });
    }

    static WebElement byCss(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    static Scan scanNamed(String suffix) {
        return station.daemon.store().scans().byRoll(rollId).stream()
                .filter(s -> s.file().replaceFirst("-[0-9a-f]{12}\\.tif$", "").endsWith(suffix)).findFirst().orElseThrow();
    }

    static Integer frameOf(Scan s) {
        Store store = station.daemon.store();
        Scan now = store.scans().byId(s.id()).orElseThrow();
        return now.frameId().flatMap(fid -> store.rolls().frames(rollId).stream().filter(f -> f.id() == fid).findFirst())
                .map(f -> f.number()).orElse(null);
    }

    @Test
    @Order(1)
    void anOffsetADuplicateAndAMissingScanAreShownInWordsAndResolvedByClicks() throws Exception {
        Store store = station.daemon.store();
        browser.get(station.url("/#/sets/" + setId));
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("conflicts-roll-" + rollId)));
        String text = card.getText();
        assertTrue(text.contains("Duplicate scans") && text.contains("all carry number 3"), text);
        assertTrue(text.contains("Numbering offset -1") && text.contains("shifted by -1"), text);
        assertTrue(text.contains("frame 3 (step") && text.contains("has no scan"), text);
        // the offset would put two scans on frame 2: refused until the duplicate is resolved, saying why
        assertFalse(browser.findElement(By.id("apply-offset-" + rollId)).isEnabled());
        assertTrue(text.contains("Resolve the duplicate first"), text);
        // every scan of the delivery has its thumbnail in the panel, drawn
        wait.until(d -> d.findElements(By.cssSelector("#conflicts img.thumb")).size() == 4);
        for (WebElement img : browser.findElements(By.cssSelector("#conflicts img.thumb"))) {
            wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", img));
        }
        Browser.screenshot(browser, "conflicts");

        Scan second = scanNamed("_F03_2");
        click("set-aside-" + second.id());
        wait.until(d -> store.scans().byId(second.id()).orElseThrow().bad());
        assertEquals("duplicate scan", store.scans().byId(second.id()).orElseThrow().badReason());

        click("apply-offset-" + rollId);
        wait.until(d -> frameOf(scanNamed("_F02")) != null);
        assertEquals(1, frameOf(scanNamed("_F02")));
        assertEquals(2, frameOf(scanNamed("_F03")));
        assertEquals(4, frameOf(scanNamed("_F05")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pairing-message"), "offset -1 applied: 3 scan(s) paired"));

        click("no-scan-" + rollId + "-3");
        wait.until(d -> store.rolls().frame(rollId, 3).orElseThrow().bad());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("conflicts-roll-" + rollId), "no pairing conflict"));
        assertTrue(byCss("#conflicts-roll-" + rollId + " .set-aside").getText().contains("R-0001_F03_2.tif (duplicate scan)"));
        assertTrue(api("GET", "/api/rolls/" + rollId + "/pairing", null).isEmpty(), "no conflict left on the server");
        assertTrue(store.rollLog().entries(rollId).stream().anyMatch(e -> e.stage() == RollLogRepository.Stage.PAIRED));
        // the pairing table: one scan per paired step, each saying its roll and frame
        List<WebElement> captions = browser.findElements(By.cssSelector("#pairing .scan-caption"));
        assertEquals(3, captions.size());
        assertTrue(captions.get(0).getText().contains("roll R-0001 · frame 1"), captions.get(0).getText());
    }

    @Test
    @Order(2)
    void aDuplicateMadeByMovingAScanIsShownUntilTheScanIsDraggedOntoItsFrame() throws Exception {
        Store store = station.daemon.store();
        store.rolls().markFrameBad(rollId, 3, false, ""); // frame 3 missing again: a frame to drag to
        Scan first = scanNamed("_F02");
        browser.get(station.url("/#/sets/" + setId));
        pick("move-scan-" + first.id(), "2"); // the table's pick-list: now frame 2 holds two scans
        wait.until(d -> Integer.valueOf(2).equals(frameOf(first)));
        wait.until(d -> d.findElements(By.cssSelector("#pairing tr.has-duplicate .badge.dup")).size() == 2);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("conflicts-roll-" + rollId), "frame 2 has 2 scans"));
        // the move was the mistake: drag the scan from the conflict back onto the frame it left
        wait.until(d -> (Boolean) browser.executeScript("""
                const [scan, target] = arguments;
                const src = document.querySelector(`#conflict-scan-${scan}`);
                const li = document.querySelector(`#${target}`);
                if (!src || !li) return false;
                const dt = new DataTransfer(); // what a real drag hands over; Selenium cannot drive HTML5 drag and drop
                src.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: dt }));
                li.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
                li.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
                return true;""", first.id(), "missing-" + rollId + "-1"));
        wait.until(d -> Integer.valueOf(1).equals(frameOf(first)));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("missing-" + rollId + "-3")));
        wait.until(d -> d.findElements(By.cssSelector("#pairing tr.has-duplicate")).isEmpty());
        // frame 3 is missing again: the set-aside scan is restored and picked from the frame's list
        click("restore-scan-" + scanNamed("_F03_2").id());
        wait.until(d -> !store.scans().byId(scanNamed("_F03_2").id()).orElseThrow().bad());
        pick("pick-scan-" + rollId + "-3", Long.toString(scanNamed("_F03_2").id()));
        wait.until(d -> Integer.valueOf(3).equals(frameOf(scanNamed("_F03_2"))));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("conflicts"), "Every scan is paired"));
        assertEquals(List.of(1, 2, 3, 4), store.scans().byRoll(rollId).stream().map(ConflictsBrowserTest::frameOf)
                .sorted(Comparator.naturalOrder()).toList());
    }

    @Test
    @Order(3)
    void theRollPageShowsTheConflictsPanelScanNamesAndItsStateInWords() throws Exception {
        browser.get(station.url("/#/rolls/" + rollId));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#roll-page #conflicts"), "Every scan is paired"));
        String page = browser.findElement(By.id("roll-page")).getText();
        assertTrue(page.contains("status scanned"), page);
        assertTrue(browser.findElement(By.cssSelector("#roll-frames tr[data-frame='1']")).getText().contains("R-0001_F02.tif"), page);
        Browser.screenshot(browser, "roll-conflicts");
    }
}
