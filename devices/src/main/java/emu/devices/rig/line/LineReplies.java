package emu.devices.rig.line;

import emu.devices.rig.RigFault;
import emu.devices.rig.RigProtocolException;
import emu.devices.rig.RigRejectedException.Code;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading the arguments of the rig's replies and events (docs/rig-protocol.md): error codes,
 * {@code key=value} lists, integers and numbers, fault flags. A malformed one is a
 * {@link RigProtocolException} naming the device and what was wrong; an unknown fault flag is logged
 * and reported as {@link RigFault#OTHER}.
 */
final class LineReplies {
    private static final Logger LOG = LoggerFactory.getLogger(LineRig.class);
    private final String device;

    LineReplies(String device) {
        this.device = device;
    }

    /** The error code of a reply that is not OK; a reply neither OK nor ERR, or an unknown code, is a protocol error. */
    Code errorCode(LineFrame reply, String what) throws RigProtocolException {
        if (!reply.verb().equals("ERR") || reply.args().isEmpty())
            throw new RigProtocolException(device, "reply to " + what + " is neither OK nor ERR: '" + reply + "'");
        try {
            return Code.of(Integer.parseInt(reply.args().get(0))).orElseThrow(NumberFormatException::new);
        } catch (NumberFormatException e) {
            throw new RigProtocolException(device, "unknown error code in reply to " + what + ": '" + reply + "'");
        }
    }

    /** The reply's {@code key=value} arguments; each of {@code required} must be there. */
    Map<String, String> keyValues(LineFrame reply, String... required) throws RigProtocolException {
        Map<String, String> kv = new HashMap<>();
        for (String a : reply.args()) {
            int eq = a.indexOf('=');
            if (eq > 0) kv.put(a.substring(0, eq), a.substring(eq + 1));
        }
        for (String k : required) {
            if (!kv.containsKey(k)) throw new RigProtocolException(device, "reply '" + reply + "' lacks " + k + "=");
        }
        return kv;
    }

    int intValue(Map<String, String> kv, String key) throws RigProtocolException {
        return parseInt(kv.get(key), key);
    }

    int parseInt(String s, String what) throws RigProtocolException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new RigProtocolException(device, what + " is not an integer: '" + s + "'");
        }
    }

    double doubleValue(Map<String, String> kv, String key) throws RigProtocolException {
        try {
            return Double.parseDouble(kv.get(key));
        } catch (NumberFormatException e) {
            throw new RigProtocolException(device, key + " is not a number: '" + kv.get(key) + "'");
        }
    }

    Set<RigFault> parseFaults(String list) {
        Set<RigFault> out = EnumSet.noneOf(RigFault.class);
        if (list.equals("NONE")) return out;
        for (String name : list.split(",")) {
            Optional<RigFault> f = RigFault.byName(name);
            if (f.isPresent()) out.add(f.get());
            else {
                LOG.warn("rig {}: unknown fault flag '{}', reported as OTHER", device, name);
                out.add(RigFault.OTHER);
            }
        }
        return out;
    }

    /** The line as a log can show it: control bytes as \\xNN, cut after 120 characters. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7F) sb.append(c);
            else sb.append(String.format("\\x%02X", (int) c));
            if (sb.length() > 120) return sb.append("...").toString();
        }
        return sb.toString();
    }
}
