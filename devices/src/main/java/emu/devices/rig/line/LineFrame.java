package emu.devices.rig.line;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One line of the rig line protocol ({@code docs/rig-protocol.md}, "Framing"):
 * {@code <seq> <VERB> [args...]*HH} where {@code HH} is the CRC-8 of everything before the
 * {@code *}, as two upper-case hex digits. Sequence number 0 is reserved for unsolicited events.
 */
public record LineFrame(int seq, String verb, List<String> args) {
    /** Longest line in bytes, terminator included (docs/rig-protocol.md, "Framing"). */
    public static final int MAX_LINE = 1024;
    /** Largest sequence number; the host wraps to 1 after it. */
    public static final int MAX_SEQ = 65535;

    public LineFrame {
        if (seq < 0 || seq > MAX_SEQ) throw new IllegalArgumentException("seq must be 0.." + MAX_SEQ + ", got " + seq);
        if (verb.isEmpty() || verb.indexOf(' ') >= 0) throw new IllegalArgumentException("bad verb '" + verb + "'");
        args = List.copyOf(args);
        for (String a : args) {
            if (a.isEmpty() || a.indexOf(' ') >= 0 || a.indexOf('*') >= 0)
                throw new IllegalArgumentException("bad argument '" + a + "'");
        }
    }

    public static LineFrame of(int seq, String verb, String... args) {
        return new LineFrame(seq, verb, List.of(args));
    }

    /** True for an unsolicited event (sequence number 0). */
    public boolean event() {
        return seq == 0;
    }

    /** The body without checksum: {@code <seq> <VERB> args...}. */
    public String body() {
        StringBuilder sb = new StringBuilder().append(seq).append(' ').append(verb);
        for (String a : args) sb.append(' ').append(a);
        return sb.toString();
    }

    /** The full line with checksum and {@code \n}, as sent on the wire. */
    public byte[] encode() {
        String body = body();
        String line = body + '*' + hex2(crc8(body.getBytes(StandardCharsets.US_ASCII))) + '\n';
        if (line.length() > MAX_LINE) throw new IllegalArgumentException("line longer than " + MAX_LINE + " bytes");
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * CRC-8 with polynomial x^8+x^2+x+1 (0x07), initial value 0, no reflection, no final XOR
     * (the "CRC-8/SMBUS" of the Rocksoft/Williams catalogue; check value for "123456789" is 0xF4).
     */
    public static int crc8(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
        }
        return crc;
    }

    private static String hex2(int v) {
        return String.format("%02X", v);
    }

    /** Why a received line was not a frame. */
    public enum Defect { NOT_ASCII, NO_CHECKSUM, BAD_CHECKSUM, BAD_SYNTAX }

    /** A parse result: a frame, or a defect with the sequence number when it could still be read. */
    public record Parsed(Optional<LineFrame> frame, Defect defect, int seqHint) {
        static Parsed ok(LineFrame f) {
            return new Parsed(Optional.of(f), null, f.seq());
        }

        static Parsed bad(Defect d, int seqHint) {
            return new Parsed(Optional.empty(), d, seqHint);
        }
    }

    /**
     * Parses one line without its terminator ({@code \r} before {@code \n} already stripped).
     * {@code seqHint} is -1 when even the sequence number is unreadable.
     */
    public static Parsed parse(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c > 0x7E) return Parsed.bad(Defect.NOT_ASCII, -1);
        }
        int star = line.lastIndexOf('*');
        if (star < 0 || star != line.length() - 3) return Parsed.bad(Defect.NO_CHECKSUM, seqOf(line));
        String body = line.substring(0, star);
        int sum;
        try {
            sum = Integer.parseInt(line.substring(star + 1), 16);
        } catch (NumberFormatException e) {
            return Parsed.bad(Defect.NO_CHECKSUM, seqOf(body));
        }
        if (sum != crc8(body.getBytes(StandardCharsets.US_ASCII))) return Parsed.bad(Defect.BAD_CHECKSUM, seqOf(body));
        String[] tokens = body.split(" ", -1);
        int seq = seqOf(body);
        if (tokens.length < 2 || seq < 0) return Parsed.bad(Defect.BAD_SYNTAX, seq);
        try {
            return Parsed.ok(new LineFrame(seq, tokens[1], List.of(tokens).subList(2, tokens.length)));
        } catch (IllegalArgumentException e) {
            return Parsed.bad(Defect.BAD_SYNTAX, seq);
        }
    }

    /** The leading decimal sequence number, or -1. */
    private static int seqOf(String s) {
        int end = s.indexOf(' ');
        String head = end < 0 ? s : s.substring(0, end);
        if (head.isEmpty() || head.length() > 5 || !head.chars().allMatch(Character::isDigit)) return -1;
        int v = Integer.parseInt(head);
        return v <= MAX_SEQ && (head.length() == 1 || head.charAt(0) != '0') ? v : -1;
    }

    @Override
    public String toString() {
        return body();
    }
}
