package emu.station.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dead worker's crash report on a shared data root is the one the launcher named with its lease owner's host and
 * pid (packaging/crash-file.bash: {@code hs_err_HOST_pidPID.log}, HOST as {@code hostname -s}), written since the
 * job's last start: never another worker's, however recent, nor one older than that start.
 */
class CrashReportsTest {
    @TempDir Path data;

    @Test
    void aDeadWorkersReportIsFoundByItsHostAndPid() throws Exception {
        Instant started = Instant.now().minusSeconds(60);
        Path logs = Files.createDirectories(data.resolve("logs"));
        Files.writeString(logs.resolve("hs_err_bench2_pid4242.log"), "# SIGSEGV");
        Files.writeString(logs.resolve("hs_err_bench2_pid99.log"), "# another worker's, newer");
        Files.writeString(logs.resolve("hs_err_bench3_pid4242.log"), "# the same pid on another host");
        String owner = "4242@bench2.lab.example/1a2b3c4d"; // JobLeases#owner: the JVM's pid@host, then a random part
        assertEquals("; the JVM's crash report: logs/hs_err_bench2_pid4242.log",
                CrashReports.ofWorker(data, owner, started));
        assertEquals("", CrashReports.ofWorker(data, "4243@bench2/1a2b3c4d", started), "no report of that pid");
        assertEquals("", CrashReports.ofWorker(null, owner, started), "no data directory known");
        // an owner that is not a JVM's pid@host makes no file name, even one that is there
        Files.writeString(logs.resolve("hs_err_bench2_pid..log"), "# not a report's name");
        assertEquals("", CrashReports.ofWorker(data, ".@bench2/x", started), "not a pid");

        // a report from before the job's last start is an earlier crash's
        Files.setLastModifiedTime(logs.resolve("hs_err_bench2_pid4242.log"), FileTime.from(started.minusSeconds(3600)));
        assertEquals("", CrashReports.ofWorker(data, owner, started));

        // before logs/ exists the launcher writes it in the data directory itself
        Files.writeString(data.resolve("hs_err_bench5_pid7.log"), "# first start");
        assertEquals("; the JVM's crash report: hs_err_bench5_pid7.log",
                CrashReports.ofWorker(data, "7@bench5/x", started));
    }
}
