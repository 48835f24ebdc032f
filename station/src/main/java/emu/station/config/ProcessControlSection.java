package emu.station.config;

import emu.calibration.process.Process;
import emu.calibration.process.ProcessLimits;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code [process_control.c41]}, {@code [process_control.e6]}, {@code [process_control.ecn2]}: each
 * process's action and control limits on a control strip's D-min, LD and HD−LD deviations and its
 * colour-balance spread limit, in density units. C-41 defaults to Kodak Z-131's table as a third
 * party transcribed it ({@link ProcessLimits#C41_Z131}, not checked against the manual); any key
 * given overrides that one number. E-6 and ECN-2 have no default: their manuals' tables could not
 * be found, so their strips are shown unjudged until all seven keys are given.
 */
final class ProcessControlSection {
    static final List<String> KEYS = List.of("dmin_action", "dmin_control", "ld_action", "ld_control", "hd_ld_action",
            "hd_ld_control", "spread");

    private ProcessControlSection() {}

    static StationConfig.ProcessControl read(TomlReader r) {
        Map<Process, ProcessLimits> out = new EnumMap<>(Process.class);
        for (Process p : Process.values()) {
            read(r, p).ifPresent(l -> out.put(p, l));
        }
        return new StationConfig.ProcessControl(out);
    }

    private static Optional<ProcessLimits> read(TomlReader r, Process p) {
        String table = "process_control." + p.key();
        Optional<ProcessLimits> published = ProcessLimits.published(p);
        List<String> given = KEYS.stream().filter(k -> r.present(table + "." + k)).toList();
        if (given.isEmpty()) {
            return published;
        }
        if (published.isEmpty() && given.size() < KEYS.size()) {
            given.forEach(k -> r.number(table + "." + k, 0.05, 0.001, 1)); // read: known keys, range-checked
            r.problem(TomlReader.key(table), "no published " + p.label() + " limits are built in: give all of "
                    + String.join(", ", KEYS) + " (missing: " + String.join(", ",
                    KEYS.stream().filter(k -> !given.contains(k)).toList()) + ")");
            return Optional.empty();
        }
        double[] d = published.map(ProcessControlSection::numbers).orElse(new double[KEYS.size()]);
        double[] v = new double[KEYS.size()];
        for (int i = 0; i < KEYS.size(); i++) {
            v[i] = r.number(table + "." + KEYS.get(i), d[i], 0.001, 1);
        }
        if (published.isPresent() && java.util.Arrays.equals(v, d)) {
            return published; // the shipped config.toml repeats the defaults: keep their citation
        }
        try {
            return Optional.of(new ProcessLimits(p, new ProcessLimits.Limit(v[0], v[1]), new ProcessLimits.Limit(v[2], v[3]),
                    new ProcessLimits.Limit(v[4], v[5]), v[6], "config.toml [" + table + "]"
                    + published.map(l -> given.size() < KEYS.size() ? "; the rest: " + l.source() : "").orElse("")));
        } catch (IllegalArgumentException e) {
            r.inconsistent(table, e.getMessage());
            return published;
        }
    }

    private static double[] numbers(ProcessLimits l) {
        return new double[] {l.dmin().action(), l.dmin().control(), l.ld().action(), l.ld().control(), l.hdLd().action(),
                l.hdLd().control(), l.spread()};
    }
}
