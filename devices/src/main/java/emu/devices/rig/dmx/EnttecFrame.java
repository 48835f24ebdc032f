package emu.devices.rig.dmx;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One Enttec DMX USB Pro message (Enttec, "DMX USB Pro Widget API Specification 1.44",
 * "Message Format"): start delimiter {@code 0x7E}, label, data length LSB, data length MSB,
 * data, end delimiter {@code 0xE7}.
 */
public record EnttecFrame(int label, byte[] data) {
    public static final int START = 0x7E;
    public static final int END = 0xE7;
    /** API spec, label 3: "Get Widget Parameters" request and reply. */
    public static final int GET_WIDGET_PARAMETERS = 3;
    /** API spec, label 6: "Output Only Send DMX Packet Request". */
    public static final int SEND_DMX = 6;
    /** API spec, label 10: "Get Widget Serial Number" request and reply. */
    public static final int GET_SERIAL_NUMBER = 10;
    /** Longest data part the spec allows (a 512-slot packet plus the start code, with room for replies). */
    public static final int MAX_DATA = 600;

    public EnttecFrame {
        if (label < 0 || label > 255) throw new IllegalArgumentException("label must be 0..255, got " + label);
        Objects.requireNonNull(data, "data");
        if (data.length > MAX_DATA) throw new IllegalArgumentException("data longer than " + MAX_DATA + " bytes");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The bytes on the wire. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 5);
        out.write(START);
        out.write(label);
        out.write(data.length & 0xFF);
        out.write(data.length >> 8);
        out.write(data, 0, data.length);
        out.write(END);
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnttecFrame f && f.label == label && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * label + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "EnttecFrame[label=" + label + ", " + data.length + " bytes]";
    }

    /**
     * Reassembles frames from a byte stream. Bytes before a start delimiter, over-long lengths and
     * frames without their end delimiter are reported to {@code discarded} and skipped; decoding
     * resynchronises on the next {@code 0x7E}.
     */
    public static final class Decoder {
        private final Consumer<EnttecFrame> frames;
        private final Consumer<String> discarded;
        private int state;
        private int label;
        private int length;
        private byte[] data;
        private int filled;
        private int skipped;

        public Decoder(Consumer<EnttecFrame> frames, Consumer<String> discarded) {
            this.frames = frames;
            this.discarded = discarded;
        }

        public void accept(byte[] buf, int n) {
            for (int i = 0; i < n; i++) accept(buf[i] & 0xFF);
        }

        private void accept(int b) {
            switch (state) {
                case 0 -> {
                    if (b == START) {
                        if (skipped > 0) discarded.accept(skipped + " byte(s) before a start delimiter");
                        skipped = 0;
                        state = 1;
                    } else {
                        skipped++;
                    }
                }
                case 1 -> {
                    label = b;
                    state = 2;
                }
                case 2 -> {
                    length = b;
                    state = 3;
                }
                case 3 -> {
                    length |= b << 8;
                    if (length > MAX_DATA) {
                        discarded.accept("frame with label " + label + " claims " + length + " data bytes");
                        state = 0;
                        return;
                    }
                    data = new byte[length];
                    filled = 0;
                    state = length == 0 ? 5 : 4;
                }
                case 4 -> {
                    data[filled++] = (byte) b;
                    if (filled == length) state = 5;
                }
                default -> {
                    state = 0;
                    if (b == END) frames.accept(new EnttecFrame(label, data));
                    else discarded.accept("frame with label " + label + " lacks its end delimiter");
                }
            }
        }
    }
}
