package emu.devices.camera;

import java.util.List;
import java.util.Objects;

/**
 * Bracketing by shutter speed, shared by every camera driver: the speed nearest to a requested exposure,
 * measured in stops. Exposure is proportional to time at fixed aperture and ISO, so a step of
 * {@code ev} stops from a base time {@code t0} wants {@code t = t0 * 2^ev} (APEX, ISO 2720 annex:
 * Tv = log2(1/t)); nearness is compared in stops, not seconds, so 1/3-stop scales are treated evenly.
 */
public final class Exposures {
    private Exposures() {}

    /**
     * The available speed nearest (in stops) to {@code base} shifted by {@code ev}; on a tie the shorter.
     *
     * @param available timed speeds the camera offers (non-empty)
     * @param base      the metered exposure (EV 0); need not be one of {@code available}
     * @param ev        stops relative to {@code base}; positive = more light (longer)
     * @throws CameraSettingException if {@code device} offers no timed speed at all
     */
    public static ExposureChoice nearest(String device, List<ShutterSpeed> available, ShutterSpeed base, double ev) {
        Objects.requireNonNull(base, "base");
        if (!Double.isFinite(ev)) {
            throw new IllegalArgumentException("exposure step must be a finite number of stops, not " + ev);
        }
        if (available.isEmpty()) {
            throw new CameraSettingException(device, device + " offers no timed shutter speed (only bulb/auto?); "
                    + "set the camera's mode dial to M");
        }
        ShutterSpeed best = null;
        double bestDist = Double.POSITIVE_INFINITY;
        for (ShutterSpeed s : available) {
            double dist = Math.abs(s.stopsFrom(base) - ev);
            if (dist < bestDist - 1e-9 || (Math.abs(dist - bestDist) <= 1e-9 && s.seconds() < best.seconds())) {
                best = s;
                bestDist = dist;
            }
        }
        return new ExposureChoice(best, ev, best.stopsFrom(base));
    }

    /** The speed nearest to {@code ev} stops from {@code base}, refusing one more than {@code toleranceEv} away. */
    public static ExposureChoice nearestWithin(String device, List<ShutterSpeed> available, ShutterSpeed base,
                                               double ev, double toleranceEv) {
        ExposureChoice c = nearest(device, available, base, ev);
        if (Math.abs(c.errorEv()) > toleranceEv) {
            throw new CameraSettingException(device, String.format(java.util.Locale.ROOT,
                    "%s cannot expose %+.2f EV from %s: its nearest speed %s gives %+.2f EV (tolerance %.2f); "
                            + "speeds run %s..%s", device, ev, base.label(), c.speed().label(), c.achievedEv(),
                    toleranceEv, available.get(0).label(), available.get(available.size() - 1).label()));
        }
        return c;
    }
}
