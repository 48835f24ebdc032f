package emu.station.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [store]}: SQLite by default; a PostgreSQL URL checked up front, named by key and line when wrong. */
class StoreSectionTest {
    @TempDir Path dir;

    private StationConfig load(String toml) throws Exception {
        Path f = dir.resolve("config.toml");
        Files.writeString(f, toml);
        return StationConfig.load(f);
    }

    private ConfigProblem problem(String toml) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> load(toml));
        assertEquals(1, e.problems().size(), e.problems()::toString);
        return e.problems().get(0);
    }

    @Test
    void noUrlMeansTheSqliteFile() throws Exception {
        StationConfig c = load("");
        assertTrue(c.store().postgres().isEmpty());
        assertEquals(Duration.ofSeconds(60), c.store().jobLease());
        assertTrue(c.summary().contains("store:          SQLite station.db"), c::summary);
    }

    @Test
    void aPostgresqlUrlBecomesTheJdbcUrlAndCredentialsWithThePasswordMaskedInLogs() throws Exception {
        StationConfig c = load("[store]\nurl = \"postgresql://emu:s%40cret:x@db.lab:5433/catalogue?sslmode=require\"\n"
                + "job_lease_seconds = 20\n");
        StationConfig.Postgres p = c.store().postgres().orElseThrow();
        assertEquals("jdbc:postgresql://db.lab:5433/catalogue?sslmode=require", p.jdbcUrl());
        assertEquals("emu", p.user());
        assertEquals("s@cret:x", p.password());
        assertEquals("postgresql://emu:***@db.lab:5433/catalogue?sslmode=require", p.toString());
        assertFalse(c.summary().contains("cret"), c::summary);
        assertEquals(Duration.ofSeconds(20), c.store().jobLease());
        StationConfig.Postgres bare = load("[store]\nurl = \"postgres://db/emu\"\n").store().postgres().orElseThrow();
        assertEquals("jdbc:postgresql://db/emu", bare.jdbcUrl());
        assertEquals(null, bare.user());
    }

    @Test
    void aBadUrlIsNamedByKeyAndLine() throws Exception {
        for (var bad : List.of(List.of("mysql://db/emu", "not a postgresql:// URL"),
                List.of("postgresql:///emu", "names no host"),
                List.of("postgresql://db", "names no database"),
                List.of("postgresql://db/a/b", "names no database"),
                List.of("postgresql://db:x/emu", "not a URL"))) {
            ConfigProblem p = problem("[station]\ndata_dir = \"d\"\n[store]\nurl = \"" + bad.get(0) + "\"\n");
            assertEquals("store.url", p.key(), p::toString);
            assertEquals(4, p.line(), p::toString);
            assertTrue(p.message().contains(bad.get(1)), p::toString);
        }
        assertEquals("store.job_lease_seconds", problem("[store]\njob_lease_seconds = 1\n").key());
    }

    @Test
    void aPasswordNeverShowsInTheProblem() throws Exception {
        ConfigProblem p = problem("[store]\nurl = \"mysql://emu:hunter2@db/emu\"\n");
        assertFalse(p.message().contains("hunter2"), p::toString);
    }

    /** Issue 21: [station] bench_name, checked as a folder name; its default is the host's; shown for a shared root. */
    @Test
    void aBenchNameIsAFolderNameAndDefaultsToTheHost() throws Exception {
        assertEquals(StationConfig.Station.defaultBenchName(), load("").station().benchName());
        assertTrue(StationConfig.Station.BENCH_NAME.matcher(StationConfig.Station.defaultBenchName()).matches());
        StationConfig c = load("[station]\nbench_name = \"bench-a.2\"\n[store]\nurl = \"postgresql://db/emu\"\n");
        assertEquals("bench-a.2", c.station().benchName());
        assertTrue(c.summary().contains("(shared data root; bench bench-a.2 in benches/bench-a.2)"), c::summary);
        for (String bad : List.of("../up", "a b", "-lead", "x".repeat(64))) {
            ConfigProblem p = problem("[station]\nbench_name = \"" + bad + "\"\n");
            assertEquals("station.bench_name", p.key(), p::toString);
            assertEquals(2, p.line(), p::toString);
            assertTrue(p.message().contains("benches/NAME"), p::toString);
        }
    }
}
