package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.shoot.DriftReshoot;
import emu.station.store.CaptureRepository.Capture;
import emu.station.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Bench drift in a real browser (headless Chromium, issue 20): a set shot on the virtual bench whose
 * lamp loses about 5% red over the shoot. The set page's drift panel is flagged, lists the reference
 * frames per channel and the drifted steps; its "Re-shoot the drifted steps" button queues them, the
 * shoot ends with the old captures kept and marked superseded and each step shot again. The
 * dashboard's rig card shows the lamp hours against the configured rated life. Real station, real
 * SQLite, sim camera TIFFs.
 */
@Timeout(300)
class DriftBrowserTest {
    @TempDir static Path dir;
    static UiSession session;

    @BeforeAll
    static void start() throws Exception {
        session = UiSession.open(dir, "drifting lamp technician", "[drift]\nevery_steps = 2\nthreshold_percent = 2.0\n"
                + "lamp_rated_hours = 2000\n[sim.lamp]\nred_percent_per_step = -0.5\ngreen_percent_per_step = -0.3\n"
                + "blue_percent_per_step = -0.15\n");
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void theSetPageShowsTheDriftAndItsButtonReShootsTheDriftedSteps() throws Exception {
        Store store = session.station.daemon.store();
        long set = session.api("POST", "/api/sets", "{\"name\":\"drifting\",\"stock\":\"portrait-160\"}").path("set").path("id").asLong();
        session.api("POST", "/api/sets/" + set + "/shoot", null);
        WebDriverWait slow = new WebDriverWait(session.browser, Duration.ofSeconds(120));
        slow.ignoring(StaleElementReferenceException.class); // server events re-render the panel
        slow.until(d -> store.captures().bySet(set).size() == 6 && store.drift().ofSet(set).size() == 4);

        session.browser.get(session.station.url("/#/sets/" + set));
        slow.until(d -> "true".equals(d.findElement(By.id("shoot-drift")).getAttribute("data-flagged"))
                && "idle".equals(d.findElement(By.id("shoot-state")).getAttribute("data-state")));
        assertTrue(session.browser.findElement(By.id("shoot-drift")).getText().startsWith("Bench drift over the threshold"));
        // the reference frames per channel: start and after steps 2, 4, 6; red fell about 5%
        List<String> last = session.browser.findElements(By.cssSelector("#drift-references tbody tr")).stream()
                .map(r -> r.getText()).toList();
        assertEquals(4, last.size(), last.toString());
        assertTrue(last.get(3).contains("-5."), "red about -5% at the last reference: " + last);
        int drifted = session.browser.findElements(By.cssSelector("#drifted-steps li")).size();
        assertTrue(drifted >= 2, "the later steps are listed: " + session.browser.findElement(By.id("drift")).getText());
        Browser.screenshot(session.browser, "drift-panel");

        session.click("reshoot-drifted");
        slow.until(d -> store.captures().bySet(set).size() == 6 + drifted
                && "idle".equals(d.findElement(By.id("shoot-state")).getAttribute("data-state")));
        List<Capture> superseded = store.captures().bySet(set).stream().filter(Capture::bad).toList();
        assertEquals(drifted, superseded.size(), superseded.toString());
        assertTrue(superseded.stream().allMatch(c -> c.badReason().startsWith(DriftReshoot.SUPERSEDED)), superseded.toString());
        session.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("drift-message"), "re-shooting " + drifted + " step(s)"));
        slow.until(d -> d.findElements(By.cssSelector("#drift-references tbody tr")).size() > 4); // the re-shoot's own references

        session.browser.get(session.station.url("/#/"));
        session.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lamp-hours"), "of 2000 h rated"));
        session.wait.until(d -> d.findElements(By.cssSelector("#lamp-lights li")).size() == 2);
        assertTrue(session.browser.findElement(By.id("lamp-lights")).getText().contains("D65: "),
                session.browser.findElement(By.id("lamp-lights")).getText());
        Browser.screenshot(session.browser, "dashboard-lamp");
    }
}
