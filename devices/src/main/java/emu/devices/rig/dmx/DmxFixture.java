package emu.devices.rig.dmx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A DMX fixture used as the rig: its channels (each at a DMX slot, 8-bit, or 16-bit as a coarse
 * slot followed by a fine slot) and named presets (illuminants) giving every channel's value in
 * that channel's own resolution. {@link #fromConfig} builds one from config.toml's
 * {@code [rig.dmx]} tables.
 */
public record DmxFixture(String name, List<Channel> channels, Map<String, int[]> presets) {
    /** DMX512 universe size (ANSI E1.11: 512 slots after the start code). */
    public static final int UNIVERSE = 512;
    private static final Pattern PRESET = Pattern.compile("[A-Za-z0-9_.+-]{1,32}");

    /** A channel: a name, its first DMX slot (1-based) and 8 or 16 bits (coarse at slot, fine at slot + 1). */
    public record Channel(String name, int slot, int bits) {
        public Channel {
            if (bits != 8 && bits != 16) throw new IllegalArgumentException("channel " + name + " must be 8 or 16 bits, got " + bits);
            if (slot < 1 || slot + bits / 8 - 1 > UNIVERSE)
                throw new IllegalArgumentException("channel " + name + " at slot " + slot + " (" + bits + " bits) does not fit slots 1..512");
        }

        /** Largest value in this channel's own resolution. */
        public int max() {
            return bits == 8 ? 255 : 65535;
        }

        /** Last DMX slot used. */
        public int lastSlot() {
            return slot + bits / 8 - 1;
        }
    }

    public DmxFixture {
        Objects.requireNonNull(name, "name");
        channels = List.copyOf(channels);
        if (channels.isEmpty()) throw new IllegalArgumentException("fixture " + name + " has no channels");
        boolean[] used = new boolean[UNIVERSE + 1];
        for (Channel c : channels) {
            for (int s = c.slot(); s <= c.lastSlot(); s++) {
                if (used[s]) throw new IllegalArgumentException("fixture " + name + ": channel " + c.name() + " overlaps another at slot " + s);
                used[s] = true;
            }
        }
        Map<String, int[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : presets.entrySet()) {
            if (!PRESET.matcher(e.getKey()).matches())
                throw new IllegalArgumentException("preset name '" + e.getKey() + "' must match " + PRESET);
            int[] v = e.getValue().clone();
            if (v.length != channels.size())
                throw new IllegalArgumentException("preset " + e.getKey() + " has " + v.length + " values, the fixture has "
                        + channels.size() + " channels");
            for (int i = 0; i < v.length; i++) {
                if (v[i] < 0 || v[i] > channels.get(i).max())
                    throw new IllegalArgumentException("preset " + e.getKey() + " channel " + channels.get(i).name() + " value "
                            + v[i] + " is outside 0.." + channels.get(i).max());
            }
            copy.put(e.getKey(), v);
        }
        if (copy.isEmpty()) throw new IllegalArgumentException("fixture " + name + " has no presets");
        presets = Collections.unmodifiableMap(copy);
    }

    /**
     * The fixture config.toml describes: {@code [rig.dmx] bits} and one
     * {@code [rig.dmx.fixtures.NAME] channels = { slot = level, ... }} per illuminant. The
     * channels are the union of the slots named by any illuminant; one that an illuminant does not
     * name is 0 for it. Errors name the config key.
     */
    public static DmxFixture fromConfig(int bits, Map<String, Map<Integer, Integer>> illuminants) {
        if (bits != 8 && bits != 16) throw new IllegalArgumentException("rig.dmx.bits must be 8 or 16, got " + bits);
        if (illuminants.isEmpty())
            throw new IllegalArgumentException("rig.dmx.fixtures is empty: add a [rig.dmx.fixtures.NAME] table per illuminant");
        TreeSet<Integer> slots = new TreeSet<>();
        illuminants.values().forEach(m -> slots.addAll(m.keySet()));
        List<Channel> channels = new ArrayList<>();
        for (int s : slots) {
            try {
                channels.add(new Channel("ch" + s, s, bits));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rig.dmx.fixtures: " + e.getMessage(), e);
            }
        }
        List<Integer> order = new ArrayList<>(slots);
        Map<String, int[]> presets = new LinkedHashMap<>();
        for (Map.Entry<String, Map<Integer, Integer>> e : illuminants.entrySet()) {
            int[] v = new int[order.size()];
            for (Map.Entry<Integer, Integer> c : e.getValue().entrySet()) {
                int max = bits == 8 ? 255 : 65535;
                if (c.getValue() < 0 || c.getValue() > max)
                    throw new IllegalArgumentException("rig.dmx.fixtures." + e.getKey() + ".channels." + c.getKey() + " = " + c.getValue()
                            + " is outside 0.." + max + " (rig.dmx.bits = " + bits + ")");
                v[order.indexOf(c.getKey())] = c.getValue();
            }
            presets.put(e.getKey(), v);
        }
        try {
            return new DmxFixture("DMX-" + bits + "bit-" + channels.size() + "ch", channels, presets);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rig.dmx: " + e.getMessage(), e);
        }
    }

    /** A preset's values scaled to 16 bits (an 8-bit value v becomes v * 257, so 255 -> 65535). */
    public int[] levels16(String preset) {
        int[] v = presets.get(preset);
        if (v == null) throw new IllegalArgumentException("fixture " + name + " has no preset '" + preset + "'");
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = channels.get(i).bits() == 8 ? v[i] * 257 : v[i];
        return out;
    }

    /**
     * DMX slot values 1..n (n = the highest slot used; unused slots 0) for 16-bit channel levels
     * scaled by {@code intensity}: a 16-bit channel sends its coarse then its fine byte, an 8-bit
     * one the level rounded to 8 bits.
     */
    public byte[] slots(int[] levels16, double intensity) {
        if (levels16.length != channels.size())
            throw new IllegalArgumentException("fixture " + name + " has " + channels.size() + " channels, got " + levels16.length + " levels");
        byte[] out = new byte[channels.stream().mapToInt(Channel::lastSlot).max().orElseThrow()];
        for (int i = 0; i < levels16.length; i++) {
            Channel c = channels.get(i);
            int v = (int) Math.round(levels16[i] * intensity);
            if (c.bits() == 16) {
                out[c.slot() - 1] = (byte) (v >> 8);
                out[c.slot()] = (byte) v;
            } else {
                out[c.slot() - 1] = (byte) ((v + 128) / 257);
            }
        }
        return out;
    }
}
