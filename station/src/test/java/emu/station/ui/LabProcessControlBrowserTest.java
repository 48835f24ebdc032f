package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.store.Store;
import emu.station.training.RollSets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 20's lab process control in a real browser (headless Chromium): three rolls of a set sent
 * to one lab, the lot's reference strip and two in-control strips recorded over the API; the
 * third roll's strip is typed into the roll page's form, reads out of control, and the page flags
 * it with its numbers; its button leaves the roll's pairs out of training, another down-weights them and
 * one more puts them back to normal weight; the lab link opens the
 * lab's Shewhart charts with that strip's point marked, and the marked roll's link leads back; the
 * first roll's strip is then read from a scan file chosen in the page.
 * Real station, real SQLite.
 */
@Timeout(300)
class LabProcessControlBrowserTest {
    @TempDir static Path dir;
    static UiSession session;

    @BeforeAll
    static void start() throws Exception {
        session = UiSession.open(dir, "process control technician");
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void anOutOfControlStripIsFlaggedLeftOutAndMarkedOnTheLabsChart() throws Exception {
        Store store = session.station.daemon.store();
        long set = RollSets.withRolls(store, "strips", 1.0, 1.01, 0.99);
        List<Long> rolls = store.rolls().bySet(set).stream().map(r -> r.id()).toList();
        String[] dates = {"2026-11-02", "2026-11-09", "2026-11-16"};
        for (int i = 0; i < 3; i++) {
            session.api("POST", "/api/rolls/" + rolls.get(i) + "/lab", "{\"lab\":\"Carmencita Film Lab\",\"process\":\"C-41\","
                    + "\"push_pull\":0,\"date\":\"" + dates[i] + "\"}");
        }
        session.api("POST", "/api/strip-references", "{\"process\":\"C-41\",\"lot\":\"K-1\",\"dmin\":[0.25,0.65,0.90],"
                + "\"ld\":[0.90,1.30,1.60],\"hd\":[1.90,2.35,2.75]}");
        session.api("POST", "/api/rolls/" + rolls.get(0) + "/control-strip", "{\"lot\":\"K-1\",\"dmin\":[0.25,0.66,0.90],"
                + "\"ld\":[0.91,1.31,1.62],\"hd\":[1.92,2.36,2.78]}");
        session.api("POST", "/api/rolls/" + rolls.get(1) + "/control-strip", "{\"lot\":\"K-1\",\"dmin\":[0.26,0.65,0.91],"
                + "\"ld\":[0.88,1.29,1.58],\"hd\":[1.87,2.33,2.74]}");

        long third = rolls.get(2);
        session.browser.get(session.station.url("/#/rolls/" + third));
        session.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("strip-form")));
        assertEquals("Carmencita Film Lab", session.browser.findElement(By.id("strip-lab")).getAttribute("value"));
        type("strip-lot", "K-1");
        Map<String, String> densities = Map.of("dmin-r", "0.26", "dmin-g", "0.66", "dmin-b", "0.91", "ld-r", "1.01", "ld-g", "1.41",
                "ld-b", "1.71", "hd-r", "2.05", "hd-g", "2.50", "hd-b", "2.90");
        densities.forEach((cell, v) -> type("strip-" + cell, v));
        session.click("strip-save");
        WebElement flag = session.wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#process-flag[data-verdict='out_of_control']")));
        String text = flag.getText();
        assertTrue(text.contains("processed out of control") && text.contains("LD (speed) g +0.110 beyond the control limit ±0.08"),
                text);
        Browser.screenshot(session.browser, "process-control-flag");

        session.click("strip-leave-out");
        session.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("strip-message"), "left out of training"));
        assertEquals(List.of("strips-R3"), store.rolls().leftOut(set));
        session.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("strip-put-back")));
        // the other choice: its pairs down-weighted (V15), then back to normal weight
        session.click("strip-down-weight");
        session.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("strip-message"), "down-weighted to 0.25"));
        assertEquals(Map.of("strips-R3", 0.25), store.rolls().trainWeights(set));
        session.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("process-flag"), "down-weighted to 0.25"));
        session.click("strip-weight-normal");
        session.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("strip-message"), "back to normal weight"));
        assertEquals(Map.of(), store.rolls().trainWeights(set));
        session.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("strip-down-weight")));

        session.click("lab-chart-link");
        session.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("xchart-ld-g")));
        assertEquals(9, session.browser.findElements(By.cssSelector("section.process[data-process='C-41'] svg.xchart")).size());
        WebElement ldGreen = session.browser.findElement(By.id("xchart-ld-g"));
        List<WebElement> points = ldGreen.findElements(By.cssSelector("circle.point"));
        assertEquals(3, points.size());
        List<WebElement> out = ldGreen.findElements(By.cssSelector("circle.point.out_of_control"));
        assertEquals(1, out.size());
        assertEquals("strips-R3", out.get(0).getAttribute("data-roll"));
        assertEquals(2, ldGreen.findElements(By.cssSelector("g.control line")).size());
        assertEquals(2, ldGreen.findElements(By.cssSelector("g.action line")).size());
        assertFalse(ldGreen.findElement(By.cssSelector("circle.point.in_control")).getAttribute("data-roll").equals("strips-R3"));
        Browser.screenshot(session.browser, "process-control-chart");

        // the labs list (top bar) leads to the same charts
        session.browser.findElement(By.linkText("All labs")).click();
        session.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("labs-page")));
        assertTrue(session.browser.findElement(By.id("labs-page")).getText().contains("Carmencita Film Lab · 3 strip(s)"));
        session.browser.findElement(By.linkText("Carmencita Film Lab")).click();
        session.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("xchart-ld-g")));

        session.browser.findElement(By.cssSelector("#out-of-control-rolls a")).click();
        session.wait.until(ExpectedConditions.urlContains("#/rolls/" + third));
        session.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("process-flag")));

        // the first roll's strip read again from its scan, chosen in the page's file field (after the
        // leave-out's training: a chosen file does not survive the re-render its events cause)
        new org.openqa.selenium.support.ui.WebDriverWait(session.browser, java.time.Duration.ofSeconds(200)).until(d ->
                store.jobs().inState(emu.station.store.JobRepository.State.QUEUED).isEmpty()
                && store.jobs().inState(emu.station.store.JobRepository.State.RUNNING).isEmpty());
        java.awt.image.BufferedImage img = emu.calibration.io.ImageFiles.create(600, 120, 16, false);
        Path tif = dir.resolve("strip-scan.tif");
        emu.calibration.io.ImageFiles.write(emu.calibration.process.StripScan.render(new emu.calibration.process.StripDensities(
                new double[] {0.25, 0.65, 0.90}, new double[] {0.92, 1.31, 1.61}, new double[] {1.93, 2.36, 2.77}), img), tif);
        session.browser.get(session.station.url("/#/rolls/" + rolls.get(0)));
        session.wait.until(d -> { // the trainings' last events may re-render the page under the click
            try {
                d.findElement(By.cssSelector("#roll-page details summary")).click();
                return d.findElement(By.id("strip-lot")).isDisplayed();
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return false;
            }
        });
        type("strip-lot", "K-1");
        session.browser.findElement(By.id("strip-scan")).sendKeys(tif.toString());
        session.click("strip-read-scan");
        session.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("strip-message"), "read from strip-scan.tif"));
        assertEquals("scan", store.controlStrips().ofRoll(rolls.get(0)).orElseThrow().source());
        assertEquals("in_control", session.browser.findElement(By.id("process-flag")).getAttribute("data-verdict"));
    }

    /** Types into a field, again if a server event re-rendered the page meanwhile. */
    private static void type(String id, String value) {
        session.wait.until(d -> {
            try {
                WebElement e = d.findElement(By.id(id));
                e.clear();
                e.sendKeys(value);
                return value.equals(d.findElement(By.id(id)).getAttribute("value"));
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }
}
