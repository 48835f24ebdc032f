package emu.devices.camera.gphoto2;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.FloatByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import emu.devices.camera.CameraSetting;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A camera's settings as libgphoto2's configuration widgets hold them: the widget tree read into
 * {@link CameraSetting}s (type, value, choices or range, read-only), one setting read or written by
 * name. Calls only; they run on the library thread inside {@link Gphoto2Session#op}, and every widget
 * fetched is freed on every path.
 */
final class Gphoto2Widgets {
    static final int GP_ERROR_BAD_PARAMETERS = -2;

    private final Gphoto2Runtime rt;
    private final LibGphoto2 lib;
    private final String device;

    Gphoto2Widgets(Gphoto2Runtime rt, String device) {
        this.rt = rt;
        this.lib = rt.lib;
        this.device = device;
    }

    /** Every setting of camera {@code c}: the whole configuration tree read. */
    List<CameraSetting> all(Pointer c) {
        PointerByReference root = new PointerByReference();
        rt.check(lib.gp_camera_get_config(c, root, rt.context), device, "reading the configuration");
        try {
            List<CameraSetting> out = new ArrayList<>();
            walk(root.getValue(), "", out);
            return out;
        } finally {
            lib.gp_widget_free(root.getValue());
        }
    }

    /** Sets the setting {@code s} of camera {@code c} to {@code value} (the caller checks the read-back). */
    void write(Pointer c, CameraSetting s, String value) {
        PointerByReference w = new PointerByReference();
        rt.check(lib.gp_camera_get_single_config(c, s.name(), w, rt.context), device, "reading " + s.name());
        try {
            rt.check(lib.gp_widget_set_value(w.getValue(), encode(s.type(), value)), device,
                    "setting " + s.name() + " = " + value);
            rt.check(lib.gp_camera_set_single_config(c, s.name(), w.getValue(), rt.context), device,
                    "setting " + s.name() + " = " + value);
        } finally {
            lib.gp_widget_free(w.getValue());
        }
    }

    private void walk(Pointer w, String parent, List<CameraSetting> out) {
        IntByReference type = new IntByReference();
        rt.check(lib.gp_widget_get_type(w, type), device, "reading the configuration");
        String path = parent + "/" + str(w, lib::gp_widget_get_name);
        if (type.getValue() == LibGphoto2.GP_WIDGET_WINDOW || type.getValue() == LibGphoto2.GP_WIDGET_SECTION) {
            int n = lib.gp_widget_count_children(w);
            for (int i = 0; i < n; i++) {
                PointerByReference child = new PointerByReference();
                rt.check(lib.gp_widget_get_child(w, i, child), device, "reading the configuration");
                walk(child.getValue(), type.getValue() == LibGphoto2.GP_WIDGET_WINDOW ? "" : path, out);
            }
            return;
        }
        out.add(read(w, path, type.getValue()));
    }

    /** The setting {@code name} of camera {@code c}; empty when the camera has no such setting. */
    Optional<CameraSetting> readSingle(Pointer c, String name) {
        PointerByReference w = new PointerByReference();
        int rc = lib.gp_camera_get_single_config(c, name, w, rt.context);
        if (rc == GP_ERROR_BAD_PARAMETERS || rc == Gphoto2Errors.GP_ERROR_NOT_SUPPORTED) {
            return Optional.empty();
        }
        rt.check(rc, device, "reading setting '" + name + "'");
        try {
            IntByReference type = new IntByReference();
            rt.check(lib.gp_widget_get_type(w.getValue(), type), device, "reading setting '" + name + "'");
            return Optional.of(read(w.getValue(), name, type.getValue()));
        } finally {
            lib.gp_widget_free(w.getValue());
        }
    }

    private CameraSetting read(Pointer w, String path, int gpType) {
        CameraSetting.Type type = switch (gpType) {
            case LibGphoto2.GP_WIDGET_TEXT -> CameraSetting.Type.TEXT;
            case LibGphoto2.GP_WIDGET_RANGE -> CameraSetting.Type.RANGE;
            case LibGphoto2.GP_WIDGET_TOGGLE -> CameraSetting.Type.TOGGLE;
            case LibGphoto2.GP_WIDGET_RADIO -> CameraSetting.Type.RADIO;
            case LibGphoto2.GP_WIDGET_MENU -> CameraSetting.Type.MENU;
            case LibGphoto2.GP_WIDGET_DATE -> CameraSetting.Type.DATE;
            default -> CameraSetting.Type.BUTTON;
        };
        IntByReference ro = new IntByReference();
        rt.check(lib.gp_widget_get_readonly(w, ro), device, "reading " + path);
        List<String> choices = new ArrayList<>();
        Optional<CameraSetting.Range> range = Optional.empty();
        String value = "";
        switch (type) {
            case TEXT, RADIO, MENU -> {
                PointerByReference v = new PointerByReference();
                rt.check(lib.gp_widget_get_value(w, v.getPointer()), device, "reading " + path);
                value = v.getValue() == null ? "" : v.getValue().getString(0, StandardCharsets.UTF_8.name());
                if (type != CameraSetting.Type.TEXT) {
                    int n = lib.gp_widget_count_choices(w);
                    for (int i = 0; i < n; i++) {
                        PointerByReference ch = new PointerByReference();
                        rt.check(lib.gp_widget_get_choice(w, i, ch), device, "reading " + path);
                        choices.add(ch.getValue().getString(0, StandardCharsets.UTF_8.name()));
                    }
                }
            }
            case RANGE -> {
                FloatByReference v = new FloatByReference();
                rt.check(lib.gp_widget_get_value(w, v.getPointer()), device, "reading " + path);
                value = formatFloat(v.getValue());
                FloatByReference min = new FloatByReference(), max = new FloatByReference(),
                        step = new FloatByReference();
                rt.check(lib.gp_widget_get_range(w, min, max, step), device, "reading " + path);
                range = Optional.of(new CameraSetting.Range(min.getValue(), max.getValue(), step.getValue()));
            }
            case TOGGLE, DATE -> {
                IntByReference v = new IntByReference();
                rt.check(lib.gp_widget_get_value(w, v.getPointer()), device, "reading " + path);
                value = Integer.toString(v.getValue());
            }
            case BUTTON -> { }
        }
        String name = str(w, lib::gp_widget_get_name);
        return new CameraSetting(name, str(w, lib::gp_widget_get_label), path.startsWith("/") ? path : name, type,
                value, choices, range, ro.getValue() != 0);
    }

    private interface StringGetter {
        int get(Pointer widget, PointerByReference out);
    }

    private String str(Pointer w, StringGetter getter) {
        PointerByReference p = new PointerByReference();
        rt.check(getter.get(w, p), device, "reading the configuration");
        return p.getValue() == null ? "" : p.getValue().getString(0, StandardCharsets.UTF_8.name());
    }

    private static Pointer encode(CameraSetting.Type type, String value) {
        return switch (type) {
            case RANGE -> {
                Memory m = new Memory(4);
                m.setFloat(0, Float.parseFloat(value));
                yield m;
            }
            case TOGGLE, DATE -> {
                Memory m = new Memory(4);
                m.setInt(0, Integer.parseInt(value));
                yield m;
            }
            default -> {
                byte[] b = value.getBytes(StandardCharsets.UTF_8);
                Memory m = new Memory(b.length + 1L);
                m.write(0, b, 0, b.length);
                m.setByte(b.length, (byte) 0);
                yield m;
            }
        };
    }

    /** Whether the camera's value {@code now} is {@code wanted} (a range's float within 1e-4). */
    static boolean sameValue(CameraSetting.Type type, String now, String wanted) {
        if (type == CameraSetting.Type.RANGE) {
            return Math.abs(Float.parseFloat(now) - Float.parseFloat(wanted)) < 1e-4;
        }
        return now.equals(wanted);
    }

    private static String formatFloat(float f) {
        return f == Math.rint(f) ? Integer.toString((int) f) : Float.toString(f);
    }
}
