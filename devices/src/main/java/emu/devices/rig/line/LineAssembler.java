package emu.devices.rig.line;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the rig's byte stream into lines (the reader thread's, one per connection); drops over-long
 * lines (logged) up to the next newline. Logs under {@link LineRig}'s name, as the driver it serves.
 */
final class LineAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(LineRig.class);
    private final String device;
    private final byte[] buf = new byte[LineFrame.MAX_LINE];
    private int len;
    private boolean overflow;

    LineAssembler(String device) {
        this.device = device;
    }

    /** The line {@code b} completes (without its CR LF), or null: no line yet, an empty one, or one dropped. */
    String accept(byte b) {
        if (b == '\n') {
            int n = len > 0 && buf[len - 1] == '\r' ? len - 1 : len;
            String line = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
            boolean dropped = overflow;
            len = 0;
            overflow = false;
            if (dropped) {
                LOG.warn("rig {}: discarding line longer than {} bytes", device, LineFrame.MAX_LINE);
                return null;
            }
            return line.isEmpty() ? null : line;
        }
        if (len < buf.length - 1) buf[len++] = b;
        else overflow = true;
        return null;
    }
}
