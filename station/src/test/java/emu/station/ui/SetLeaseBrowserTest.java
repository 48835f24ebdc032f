package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.store.PgCluster;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 21 in a real browser (headless Chromium): while another bench of the catalogue holds a
 * set's lease, the dashboard, the set list and the set page say "being shot at bench NAME since
 * HH:MM", and Start shoot answers with the station's 409 naming that bench; once the lease is gone
 * the set reads as before. The station's catalogue is on PostgreSQL (set leases are a shared
 * catalogue's); the other bench is a lease row written as that bench's station writes it (the
 * two-daemon scenario itself is {@code TwoBenchesOneCatalogueTest}).
 */
@Timeout(300)
class SetLeaseBrowserTest {
    @TempDir static Path dir;
    static UiSession session;

    @BeforeAll
    static void start() throws Exception {
        String url = PgCluster.get().newDatabase().replace("jdbc:postgresql://", "postgresql://" + PgCluster.user() + "@");
        session = UiSession.open(dir, "set lease technician", "[station]\nbench_name = \"bench-here\"\n[store]\nurl = \"" + url + "\"\n");
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void aSetLeasedByAnotherBenchShowsItEverywhereAndRefusesTheShoot() throws Exception {
        UiStation station = session.station;
        long set = session.api("POST", "/api/sets", "{\"name\":\"far\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\"],\"evs\":[0]}")
                .path("set").path("id").asLong();
        assertTrue(station.daemon.store().setLeases().take(set, "bench-far", Duration.ofMinutes(10)).isEmpty());
        String shown = "being shot at bench bench-far since ";

        session.browser.get(station.url("/#/"));
        session.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#sets-table tr[data-set='" + set + "']"), shown));
        session.browser.get(station.url("/#/sets"));
        session.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#set-list tr[data-set='" + set + "']"), shown));
        session.browser.get(station.url("/#/sets/" + set));
        session.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("set-status"), shown));
        assertTrue(session.browser.findElement(By.id("set-status")).getText().matches(".*since \\d\\d:\\d\\d.*"),
                session.browser.findElement(By.id("set-status")).getText());

        session.click("shoot-start");
        session.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#shoot p.error"),
                "set " + set + " is being shot at bench bench-far since"));
        HttpResponse<String> r = session.http.send("POST", "/api/sets/" + set + "/shoot", "");
        assertEquals(409, r.statusCode(), r.body());
        assertEquals("idle", session.api("GET", "/api/shoot", null).path("state").asText(), "nothing started here");

        station.daemon.store().setLeases().release(set, "bench-far"); // that bench's shoot ended
        session.browser.get(station.url("/#/sets"));
        session.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#set-list tr[data-set='" + set + "']"), "planned"));
    }
}
