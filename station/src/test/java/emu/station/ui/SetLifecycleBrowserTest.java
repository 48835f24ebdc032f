package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.Store;
import java.net.http.HttpResponse;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A set's life besides shooting, in a real browser (headless Chromium) on the virtual bench:
 * its plan edited while nothing is shot (and refused by the station once something is), a copy
 * made, and the set archived out of the dashboard and brought back. One station and one browser
 * for the class, tests in order.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetLifecycleBrowserTest {
    @TempDir static Path dir;
    static UiSession session;
    static UiStation station;
    static Http http;
    static ChromeDriver browser;
    static WebDriverWait wait;
    static long setId;

    @BeforeAll
    static void start() throws Exception {
        session = UiSession.open(dir, "set life cycle technician");
        station = session.station;
        http = session.http;
        browser = session.browser;
        wait = session.wait;
        HttpResponse<String> r = http.send("POST", "/api/sets", "{\"name\":\"typo\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\"],\"evs\":[0]}");
        assertEquals(201, r.statusCode(), r.body());
        setId = ReviewBrowserTest.JSON.readTree(r.body()).path("set").path("id").asLong();
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    static WebElement byId(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    @Test
    @Order(1)
    void aPlanIsEditedWhileNothingIsShot() {
        browser.get(station.url("/#/sets/" + setId));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("edit-set"))).click();
        // pre-filled with what the set has
        assertEquals("typo", byId("edit-set-name").getAttribute("value"));
        assertEquals("portrait-160", new Select(byId("edit-set-stock")).getFirstSelectedOption().getText());
        wait.until(ExpectedConditions.textToBe(By.id("edit-set-summary"), "1 illuminant(s) x 1 EV = 1 steps, about 3 s to shoot"));
        byId("edit-set-name").clear();
        byId("edit-set-name").sendKeys("fixed");
        new Select(byId("edit-set-stock")).selectByVisibleText("cine-500t");
        browser.findElement(By.cssSelector("#edit-set-lights input[value='A']")).click();
        byId("edit-set-ev").clear();
        byId("edit-set-ev").sendKeys("-1, 0");
        wait.until(ExpectedConditions.textToBe(By.id("edit-set-summary"), "2 illuminant(s) x 2 EV = 4 steps, about 12 s to shoot"));
        byId("edit-set-submit").click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#pairing tbody tr"), 4));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#set-detail h1"), "fixed"));
        Store store = station.daemon.store();
        assertEquals(List.of("D65", "D65", "A", "A"), store.sets().steps(setId).stream().map(PlanStep::illuminant).toList());
        assertEquals("cine-500t", store.stocks().all().stream().filter(s -> s.id() == store.sets().byId(setId).orElseThrow().stockId())
                .findFirst().orElseThrow().name());
    }

    @Test
    @Order(2)
    void onceShotThePlanCannotChangeButTheSetIsDuplicated() throws Exception {
        assertEquals(202, http.send("POST", "/api/sets/" + setId + "/shoot", null).statusCode());
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> station.daemon.store().captures().bySet(setId).size() == 4
                && "idle".equals(shootState()));
        HttpResponse<String> r = http.send("PUT", "/api/sets/" + setId, "{\"evs\":[0]}");
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(r.body().contains("duplicate it instead"), r.body());
        r = http.send("PUT", "/api/sets/" + setId, "{\"illuminants\":[\"TL84\"]}");
        assertEquals(400, r.statusCode(), "the rig's presets are checked first: " + r.body());

        browser.get(station.url("/#/sets/" + setId));
        wait.until(d -> !d.findElement(By.id("edit-set")).isEnabled());
        assertTrue(byId("edit-disabled").getText().contains("duplicate it"));
        WebElement name = byId("duplicate-name");
        assertEquals("fixed (copy)", name.getAttribute("value"));
        byId("duplicate-set").click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#set-detail h1"), "fixed (copy)"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#pairing tbody tr"), 4));
        assertTrue(byId("edit-set").isEnabled(), "nothing of the copy is shot");
        Store store = station.daemon.store();
        long copy = store.sets().all().stream().filter(s -> s.name().equals("fixed (copy)")).findFirst().orElseThrow().id();
        assertEquals(0, store.captures().bySet(copy).size());
        assertEquals(store.sets().byId(setId).orElseThrow().stockId(), store.sets().byId(copy).orElseThrow().stockId());
        assertEquals(store.sets().steps(setId).stream().map(p -> p.illuminant() + p.ev()).toList(),
                store.sets().steps(copy).stream().map(p -> p.illuminant() + p.ev()).toList());
    }

    @Test
    @Order(3)
    void anArchivedSetLeavesTheDashboardAndComesBack() {
        browser.get(station.url("/#/sets/" + setId));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("archive-set"))).click();
        byId("archived-badge");
        browser.get(station.url("/#/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("archived-note"), "1 archived set(s)"));
        assertEquals(List.of("fixed (copy)"), browser.findElements(By.cssSelector("#sets-table tbody tr td:first-child"))
                .stream().map(WebElement::getText).toList());
        browser.get(station.url("/#/sets"));
        byId("archived").findElement(By.tagName("summary")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("archived-sets"), "fixed"));
        assertEquals(0, browser.findElements(By.cssSelector("#set-list tr[data-set='" + setId + "']")).size(), "not in the main list");
        browser.findElement(By.cssSelector("#archived-sets a")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("archive-set"))).click(); // bring it back
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("archived-badge")));
        assertTrue(station.daemon.store().sets().byId(setId).orElseThrow().archivedAt() == null);
    }

    static String shootState() {
        try {
            JsonNode s = ReviewBrowserTest.JSON.readTree(http.send("GET", "/api/shoot", null).body());
            return s.path("state").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
