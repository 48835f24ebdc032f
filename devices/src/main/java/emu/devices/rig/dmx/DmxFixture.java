package emu.devices.rig.dmx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DMX fixture used as the rig: its start address, its channels (each 8-bit, or 16-bit as a
 * coarse slot followed by a fine slot) and named presets (illuminants) giving every channel's
 * value in that channel's own resolution. Built from the {@code [rig.fixture]} table of
 * {@code config.toml} by {@link #fromConfig}.
 */
public record DmxFixture(String name, int address, List<Channel> channels, Map<String, int[]> presets) {
    /** DMX512 universe size (ANSI E1.11, 512 slots after the start code). */
    public static final int UNIVERSE = 512;
    private static final Pattern CHANNEL = Pattern.compile("([A-Za-z][A-Za-z0-9_-]{0,31}):(8|16)");
    private static final Pattern PRESET = Pattern.compile("[A-Za-z0-9_.+-]{1,32}");

    /** A logical channel: a name and 8 or 16 bits. */
    public record Channel(String name, int bits) {
        public Channel {
            if (bits != 8 && bits != 16) throw new IllegalArgumentException("channel '" + name + "' must be 8 or 16 bits, got " + bits);
        }

        /** Largest value in this channel's own resolution. */
        public int max() {
            return bits == 8 ? 255 : 65535;
        }

        /** DMX slots taken: 1, or 2 (coarse, fine). */
        public int slots() {
            return bits / 8;
        }
    }

    public DmxFixture {
        Objects.requireNonNull(name, "name");
        channels = List.copyOf(channels);
        if (channels.isEmpty()) throw new IllegalArgumentException("fixture '" + name + "' has no channels");
        int footprint = channels.stream().mapToInt(Channel::slots).sum();
        if (address < 1 || address + footprint - 1 > UNIVERSE)
            throw new IllegalArgumentException("fixture '" + name + "' at address " + address + " with " + footprint
                    + " slots does not fit in a 512-slot universe");
        Map<String, int[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : presets.entrySet()) {
            int[] v = e.getValue().clone();
            if (v.length != channels.size())
                throw new IllegalArgumentException("preset '" + e.getKey() + "' has " + v.length + " values, the fixture has "
                        + channels.size() + " channels");
            for (int i = 0; i < v.length; i++) {
                if (v[i] < 0 || v[i] > channels.get(i).max())
                    throw new IllegalArgumentException("preset '" + e.getKey() + "' channel " + channels.get(i).name() + " value "
                            + v[i] + " is outside 0.." + channels.get(i).max());
            }
            copy.put(e.getKey(), v);
        }
        presets = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Builds a fixture from config values, naming the key in every error ({@code rig.fixture.*}).
     *
     * @param channelSpecs e.g. {@code ["red:16", "green:16", "blue:16", "white:8"]}
     * @param presets preset name -> one value per channel, in the channel's resolution
     */
    public static DmxFixture fromConfig(String name, long address, List<String> channelSpecs, Map<String, List<Long>> presets) {
        String key = "rig.fixture";
        if (name == null || name.isBlank()) throw new IllegalArgumentException(key + ".name is missing");
        if (address < 1 || address > UNIVERSE) throw new IllegalArgumentException(key + ".address must be 1..512, got " + address);
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < channelSpecs.size(); i++) {
            Matcher m = CHANNEL.matcher(channelSpecs.get(i));
            if (!m.matches())
                throw new IllegalArgumentException(key + ".channels[" + i + "] = \"" + channelSpecs.get(i)
                        + "\": write NAME:8 or NAME:16, e.g. \"red:16\"");
            channels.add(new Channel(m.group(1), Integer.parseInt(m.group(2))));
        }
        Map<String, int[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<Long>> e : presets.entrySet()) {
            String pkey = key + ".presets." + e.getKey();
            if (!PRESET.matcher(e.getKey()).matches())
                throw new IllegalArgumentException(pkey + ": a preset name must match " + PRESET);
            int[] v = new int[e.getValue().size()];
            for (int i = 0; i < v.length; i++) {
                long x = e.getValue().get(i);
                if (x < 0 || x > 65535) throw new IllegalArgumentException(pkey + "[" + i + "] = " + x + " is outside 0..65535");
                v[i] = (int) x;
            }
            values.put(e.getKey(), v);
        }
        if (values.isEmpty()) throw new IllegalArgumentException(key + ".presets is empty: name at least one illuminant");
        try {
            return new DmxFixture(name, (int) address, channels, values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** A preset's values scaled to 16 bits (an 8-bit value v becomes v * 257, so 255 -> 65535). */
    public int[] levels16(String preset) {
        int[] v = presets.get(preset);
        if (v == null) throw new IllegalArgumentException("fixture '" + name + "' has no preset '" + preset + "'");
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = channels.get(i).bits() == 8 ? v[i] * 257 : v[i];
        return out;
    }

    /**
     * DMX slot values 1..n (n = address - 1 + footprint) for 16-bit channel levels scaled by
     * {@code intensity}: a 16-bit channel sends its coarse then fine byte, an 8-bit one the
     * level rounded to 8 bits.
     */
    public byte[] slots(int[] levels16, double intensity) {
        if (levels16.length != channels.size())
            throw new IllegalArgumentException("fixture '" + name + "' has " + channels.size() + " channels, got " + levels16.length + " levels");
        int footprint = channels.stream().mapToInt(Channel::slots).sum();
        byte[] out = new byte[address - 1 + footprint];
        int slot = address - 1;
        for (int i = 0; i < levels16.length; i++) {
            int v = (int) Math.round(levels16[i] * intensity);
            if (channels.get(i).bits() == 16) {
                out[slot++] = (byte) (v >> 8);
                out[slot++] = (byte) v;
            } else {
                out[slot++] = (byte) ((v + 128) / 257);
            }
        }
        return out;
    }
}
