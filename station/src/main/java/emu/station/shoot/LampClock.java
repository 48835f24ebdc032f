package emu.station.shoot;

import emu.station.store.Store;
import java.util.function.Supplier;

/**
 * The lamp hours of each rig light (issue 20): during a digital shoot, the time from one light being
 * lit to the next light (or the rig switched off at the end) is added to that light's count, kept in
 * the database as {@code "<rig device> / <preset>"} beside the rig's own total. A light is counted from
 * the moment it is asked for, settling included: a lamp ages while it warms up too.
 */
public final class LampClock {
    /** Separates the rig's device name from a light's preset in the counter's key. */
    static final String SEPARATOR = " / ";

    private final Store store;
    private final Supplier<String> rig;
    private String lit;
    private long since;

    /** @param rig the rig's device name, asked when a light's time is counted */
    LampClock(Store store, Supplier<String> rig) {
        this.store = store;
        this.rig = rig;
    }

    /** The lamp hours counted per light of rig {@code rig}, by preset name. */
    public static java.util.Map<String, Double> perLight(Store store, String rig) {
        return store.drift().lampHoursUnder(rig + SEPARATOR);
    }

    /** {@code preset} is being lit now: the light lit before it, if another, is counted up to here. */
    synchronized void lit(String preset) {
        if (preset.equals(lit)) {
            return;
        }
        off();
        lit = preset;
        since = System.nanoTime();
    }

    /** The rig went off (the end of a run): the light lit last is counted up to here. */
    synchronized void off() {
        if (lit != null) {
            store.drift().addLampSeconds(rig.get() + SEPARATOR + lit, (System.nanoTime() - since) / 1e9);
            lit = null;
        }
    }
}
