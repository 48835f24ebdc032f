package emu.station.cli;

import java.io.PrintStream;

/**
 * Progress of a long command: a redrawn bar on a terminal, plain lines (one per 10%) when
 * stdout is a file or a pipe, so logs and CI output stay readable.
 *
 * <pre>{@code
 * try (Progress p = Progress.start("fitting", folds)) {
 *     for (...) { ...; p.advance(); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    private static final int BAR_WIDTH = 30;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean bar;
    private long done;
    private int shown = -1;
    private boolean closed;

    Progress(String label, long total, PrintStream out, boolean bar) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0, got " + total);
        }
        this.label = label;
        this.total = total;
        this.out = out;
        this.bar = bar;
        show();
    }

    /** Progress on stdout, a bar when it is a terminal. */
    public static Progress start(String label, long total) {
        return new Progress(label, total, System.out, System.console() != null);
    }

    public synchronized void advance() {
        advanceTo(done + 1);
    }

    /** Sets how many of the {@code total} units are done (clamped to total). */
    public synchronized void advanceTo(long units) {
        done = Math.max(0, Math.min(total, units));
        show();
    }

    private int percent() {
        return total == 0 ? 100 : (int) (done * 100 / total);
    }

    private void show() {
        int pct = percent();
        if (bar) {
            if (pct == shown) {
                return;
            }
            int filled = pct * BAR_WIDTH / 100;
            out.print("\r" + label + " [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
                    + String.format("%3d%% %d/%d", pct, done, total));
            out.flush();
            shown = pct;
        } else if (pct / 10 != shown / 10 || shown < 0) {
            out.println(label + ": " + done + "/" + total + " (" + pct + "%)");
            shown = pct;
        }
    }

    /** Ends the display (the bar's line is finished with a newline). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (bar) {
            out.println();
        }
        out.flush();
    }
}
