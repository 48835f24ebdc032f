package emu.station.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Sends the station's log to a size-rotated file as well as stderr.
 *
 * <p>The station logs through slf4j-simple (timestamped lines on stderr, configured in
 * {@code simplelogger.properties}), which cannot write a rotating file. Rather than swap logging
 * frameworks, stderr itself is teed into a {@link RotatingLogFile}: one mechanism that also keeps
 * stack traces and anything else written to stderr. slf4j-simple looks up {@code System.err} at
 * each write, so loggers created before this call follow too.
 */
public final class Logging {
    public static final String LOG_FILE = "station.log";
    private static final long LIMIT_BYTES = 10L * 1024 * 1024;
    private static final int KEEP = 5;

    private Logging() {}

    /** Tees stderr into {@code dir/station.log} (10 MiB per file, 5 old files kept). */
    public static synchronized void teeStderrTo(Path dir) throws IOException {
        RotatingLogFile file = new RotatingLogFile(dir.resolve(LOG_FILE), LIMIT_BYTES, KEEP);
        PrintStream console = System.err;
        System.setErr(new PrintStream(new Tee(console, file), true, StandardCharsets.UTF_8));
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
