package emu.devices.camera;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The name -> {@link CameraDriver} registry, filled from {@link ServiceLoader}. */
public final class CameraDrivers {
    private CameraDrivers() {}

    /** Every registered driver by name. */
    public static Map<String, CameraDriver> all() {
        Map<String, CameraDriver> m = new TreeMap<>();
        for (CameraDriver d : ServiceLoader.load(CameraDriver.class, CameraDrivers.class.getClassLoader())) {
            CameraDriver prev = m.putIfAbsent(d.name(), d);
            if (prev != null) {
                throw new IllegalStateException("two camera drivers are named '" + d.name() + "': "
                        + prev.getClass().getName() + " and " + d.getClass().getName());
            }
        }
        return m;
    }

    /**
     * The driver called {@code name}.
     *
     * @throws IllegalArgumentException naming the known drivers if there is none
     */
    public static CameraDriver get(String name) {
        Map<String, CameraDriver> m = all();
        CameraDriver d = m.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown camera driver '" + name + "'; known: "
                    + String.join(", ", m.keySet()));
        }
        return d;
    }
}
