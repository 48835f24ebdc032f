package emu.station.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.process.Process;
import emu.calibration.process.ProcessLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [process_control.*]}: C-41 defaults to the Z-131 numbers and takes overrides key by key;
 * E-6 and ECN-2 have none until all seven keys are given; a partial table, a number out of range
 * or an action limit beyond its control limit is named by key.
 */
class ProcessControlSectionTest {
    @TempDir Path dir;

    private StationConfig load(String toml) throws Exception {
        Path f = dir.resolve("config.toml");
        Files.writeString(f, toml);
        return StationConfig.load(f);
    }

    private String problems(String toml) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(toml));
        return e.problems().toString();
    }

    @Test
    void c41DefaultsToZ131AndOtherProcessesHaveNoLimits() throws Exception {
        StationConfig.ProcessControl pc = load("").processControl();
        assertEquals(ProcessLimits.C41_Z131, pc.of(Process.C41).orElseThrow());
        assertTrue(pc.of(Process.E6).isEmpty());
        assertTrue(pc.of(Process.ECN2).isEmpty());
        StationConfig.ProcessControl same = load("[process_control.c41]\nld_action = 0.06\nspread = 0.09\n").processControl();
        assertEquals(ProcessLimits.C41_Z131, same.of(Process.C41).orElseThrow(), "the defaults repeated keep their citation");
        assertEquals(ProcessLimits.C41_Z131, StationConfig.load(Path.of("../config.toml")).processControl().of(Process.C41).orElseThrow(),
                "the shipped config.toml");
    }

    @Test
    void keysOverrideOneNumberAndAFullE6TableIsTaken() throws Exception {
        StationConfig.ProcessControl pc = load("[process_control.c41]\nld_control = 0.10\n\n[process_control.e6]\n"
                + "dmin_action = 0.02\ndmin_control = 0.04\nld_action = 0.05\nld_control = 0.07\nhd_ld_action = 0.06\n"
                + "hd_ld_control = 0.08\nspread = 0.08\n").processControl();
        ProcessLimits c41 = pc.of(Process.C41).orElseThrow();
        assertEquals(0.10, c41.ld().control());
        assertEquals(0.06, c41.ld().action());
        assertTrue(c41.source().startsWith("config.toml [process_control.c41]; the rest: Kodak Z-131"), c41.source());
        ProcessLimits e6 = pc.of(Process.E6).orElseThrow();
        assertEquals(0.07, e6.ld().control());
        assertEquals("config.toml [process_control.e6]", e6.source());
    }

    @Test
    void partialOrInconsistentTablesAreNamed() {
        String partial = problems("[process_control.ecn2]\nld_action = 0.05\n");
        assertTrue(partial.contains("process_control.ecn2") && partial.contains("missing: dmin_action"), partial);
        String crossed = problems("[process_control.c41]\nld_action = 0.09\n");
        assertTrue(crossed.contains("process_control.c41") && crossed.contains("action"), crossed);
        String range = problems("[process_control.c41]\nspread = 3\n");
        assertTrue(range.contains("process_control.c41.spread"), range);
        String unknown = problems("[process_control.c41]\nld_warning = 0.05\n");
        assertTrue(unknown.contains("ld_warning"), unknown);
    }
}
