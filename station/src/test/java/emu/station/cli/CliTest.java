package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands this module owns, run through {@link Main#execute} as the launcher runs them. */
class CliTest {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    private static synchronized Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path badConfig() throws Exception {
        Path f = dir.resolve("bad.toml");
        Files.writeString(f, "[http]\nprot = 8420\n\n[rig]\nbaud = 12\n\n[chart]\ntype = \"colorchecker24\n");
        return f;
    }

    @Test
    void configCheckPassesTheShippedConfigWithASummary() {
        Result r = run("config", "check", Path.of("..", "config.toml").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("OK: "), r.out());
        assertTrue(r.out().contains("camera:         sim"), r.out());
    }

    @Test
    void configCheckListsEveryProblemWithLinesAndExits2() throws Exception {
        Path f = badConfig();
        Result r = run("config", "check", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("3 problems"), r.err());
        assertTrue(r.err().contains(f + ":2:1: http.prot: unknown key; did you mean 'http.port'?"), r.err());
        assertTrue(r.err().contains(f + ":5:1: rig.baud: 12 is out of range"), r.err());
        assertTrue(r.err().contains(f + ":8:") && r.err().contains("TOML syntax"), r.err());
    }

    @Test
    void runRefusesABadConfigBeforeStartingAnything() throws Exception {
        Result r = run("run", "--config", badConfig().toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("3 problems"), r.err());
        assertTrue(!Files.exists(dir.resolve("data")), "nothing created");
    }

    /** Issue 16 (9): a Latin-1 byte made check and run exit 1 with "Input length = 1". */
    /** Issue 24: a bad finishing mode in [training] fails `config check` before any training, naming key and values. */
    @Test
    void configCheckNamesABadTrainingUnseenModeAndExits2() throws Exception {
        Path f = Files.writeString(dir.resolve("unseen.toml"), "[training]\nunseen = \"spectrum\"\n");
        Result r = run("config", "check", f.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(f + ":2:") && r.err().contains("training.unseen") && r.err().contains("blend, spectral"),
                r.err());
    }

    @Test
    void aConfigThatIsNotUtf8Exits2WithFileLineAndColumn() throws Exception {
        Path f = dir.resolve("latin1.toml");
        Files.write(f, "[http]\nport = 8421 # \u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (String[] args : new String[][] {{"config", "check", f.toString()}, {"run", "--config", f.toString()}}) {
            Result r = run(args);
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(f + ":2:15: not UTF-8"), r.err());
        }
    }

    @Test
    void aMissingConfigIsBadInput() {
        Result r = run("config", "check", dir.resolve("absent.toml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("absent.toml") && r.err().contains("not found"), r.err());
    }

    @Test
    void backupWritesACheckedCopy() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, "[station]\ndata_dir = \"d\"\n");
        try (Store s = Store.open(dir.resolve("d").resolve(Store.FILE_NAME))) {
            s.stocks().create("HP5", "135", 400);
        }
        Path to = dir.resolve("copy.db");
        Result r = run("backup", "--config", cfg.toString(), "--to", to.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("integrity_check: ok"), r.out());
        try (Store copy = Store.open(to)) {
            assertTrue(copy.stocks().byName("HP5").isPresent());
        }
    }

    @Test
    void backupWithoutADatabaseIsBadInput() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, "");
        Result r = run("backup", "--config", cfg.toString(), "--to", dir.resolve("x.db").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no database at"), r.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"run", "config", "backup"}) {
            Result r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().contains("Usage: station " + cmd), r.out());
        }
        Result r = run("config", "check", "--help");
        assertTrue(r.out().contains("default: config.toml"), r.out());
    }

    /**
     * Every command's and subcommand's help renders without picocli's format warnings: a description is a
     * format string, so a bare '%' (as in "6% worse") printed "[picocli WARN] Could not format" three times
     * and left the text unwrapped.
     */
    @Test
    void everyHelpTextRendersWithoutFormatWarnings() {
        CommandLine all = new CommandLine(new Main());
        Main.SUBCOMMANDS.forEach(all::addSubcommand);
        List<List<String>> paths = new ArrayList<>();
        collect(all, new ArrayList<>(), paths);
        assertTrue(paths.size() > 20, "found " + paths.size() + " commands");
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Result r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), path + ": " + r.err());
            assertFalse(r.err().contains("picocli WARN"), path + ": " + r.err());
            assertFalse(r.out().contains("%n"), path + ": " + r.out());
        }
    }

    private static void collect(CommandLine line, List<String> path, List<List<String>> into) {
        line.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name) && !name.equals("help")) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                into.add(p);
                collect(sub, p, into);
            }
        });
    }
}
