package emu.station.jobs;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly trigger of the {@link JobQueue}: at each time of the {@code [training] schedule} cron
 * (read in the clock's zone) it queues every set whose pairs changed since its last model. A
 * missed firing (the daemon was down) is not made up: the next one queues the same sets anyway.
 */
final class TrainingSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingSchedule.class);

    private final Cron cron;
    private final Clock clock;
    private final IntSupplier enqueueChanged;
    private volatile boolean closed;
    private Thread thread;

    TrainingSchedule(Cron cron, Clock clock, IntSupplier enqueueChanged) {
        this.cron = cron;
        this.clock = clock;
        this.enqueueChanged = enqueueChanged;
    }

    void start() {
        thread = new Thread(this::run, "training-schedule");
        thread.setDaemon(true);
        thread.start();
    }

    void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        ExecutionTime times = ExecutionTime.forCron(cron);
        while (!closed) {
            ZonedDateTime now = ZonedDateTime.now(clock);
            Duration wait = times.timeToNextExecution(now).orElse(Duration.ofHours(1));
            try {
                Thread.sleep(Math.max(1000, wait.toMillis()));
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                int n = enqueueChanged.getAsInt();
                LOG.info("scheduled training: {} set(s) changed since their last model", n);
            }
        }
    }
}
