package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser tests' shared fixture: a station with the workflow API on the virtual bench
 * ({@link UiStation}), its admin logged in through the forced password change ({@link Http}), and
 * headless Chromium holding that session's cookie. One per test class; {@link #close} stops both.
 */
final class UiSession implements AutoCloseable {
    final UiStation station;
    final Http http;
    final ChromeDriver browser;
    final WebDriverWait wait;

    private UiSession(UiStation station, Http http, ChromeDriver browser) {
        this.station = station;
        this.http = http;
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.withMessage(() -> "at " + browser.getCurrentUrl() + ", page text: " + browser.findElement(By.tagName("body")).getText());
    }

    /** Starts the station under {@code dir}, logs in with the new {@code password} and opens the browser on it. */
    static UiSession open(Path dir, String password) throws Exception {
        return open(dir, password, "");
    }

    /** The same, with further config tables for the station (e.g. a {@code [store]} on PostgreSQL). */
    static UiSession open(Path dir, String password, String extraToml) throws Exception {
        UiStation station = new UiStation(dir.resolve("station"), 50, true, extraToml);
        try {
            Http http = new Http(station);
            http.firstLogin(password);
            ChromeDriver browser = Browser.start(dir.resolve("chromium-profile"));
            browser.get(station.url("/login"));
            browser.manage().addCookie(new Cookie("emu_session", http.session)); // the API client's session
            return new UiSession(station, http, browser);
        } catch (Exception | Error e) {
            station.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            browser.quit();
        } finally {
            station.close();
        }
    }

    /** A workflow-API call made with the session's login; anything but 2xx fails the test with the body. */
    JsonNode api(String method, String path, String json) throws Exception {
        HttpResponse<String> r = http.send(method, path, json);
        assertTrue(r.statusCode() / 100 == 2, method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        return new ObjectMapper().readTree(r.body());
    }

    /** Clicks, again if a server event re-rendered the page meanwhile (the element went stale or is not enabled yet). */
    void click(String id) {
        wait.until(d -> {
            try {
                WebElement b = d.findElement(By.id(id));
                if (!b.isEnabled()) {
                    return false;
                }
                b.click();
                return true;
            } catch (StaleElementReferenceException | NoSuchElementException e) {
                return false;
            }
        });
    }
}
