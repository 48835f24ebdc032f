package emu.devices.camera.gphoto2;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.FloatByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of libgphoto2 2.5's C API the station uses (headers gphoto2-camera.h, -context.h,
 * -abilities-list.h, -port-info-list.h, -list.h, -widget.h, -file.h, -filesys.h). Every function
 * returns a GP result code ({@code >= 0} ok) unless noted. Opaque objects are {@link Pointer}s; who
 * frees what is in {@link Gphoto2Runtime} and {@link Gphoto2Camera}. Call only from the runtime's thread.
 */
interface LibGphoto2 extends Library {
    int GP_OK = 0;
    int GP_WIDGET_WINDOW = 0, GP_WIDGET_SECTION = 1, GP_WIDGET_TEXT = 2, GP_WIDGET_RANGE = 3, GP_WIDGET_TOGGLE = 4,
            GP_WIDGET_RADIO = 5, GP_WIDGET_MENU = 6, GP_WIDGET_BUTTON = 7, GP_WIDGET_DATE = 8;
    int GP_CAPTURE_IMAGE = 0;
    int GP_FILE_TYPE_NORMAL = 1;
    int GP_EVENT_UNKNOWN = 0, GP_EVENT_TIMEOUT = 1, GP_EVENT_FILE_ADDED = 2, GP_EVENT_FOLDER_ADDED = 3,
            GP_EVENT_CAPTURE_COMPLETE = 4, GP_EVENT_FILE_CHANGED = 5;

    /** {@code GPContextErrorFunc}, {@code GPContextStatusFunc}, {@code GPContextMessageFunc}: text already formatted. */
    interface ContextTextFunc extends Callback {
        void invoke(Pointer context, String text, Pointer data);
    }

    /** {@code CameraFilePath}: where a captured or added file sits on the camera. */
    @Structure.FieldOrder({"name", "folder"})
    class CameraFilePath extends Structure {
        public byte[] name = new byte[128];
        public byte[] folder = new byte[1024];

        CameraFilePath() {}

        CameraFilePath(Pointer p) {
            super(p);
            read();
        }
    }

    /**
     * {@code CameraAbilities} (gphoto2-abilities-list.h), passed BY VALUE to {@code gp_camera_set_abilities}:
     * 2504 bytes on x86-64, checked in {@link Gphoto2Runtime}.
     */
    @Structure.FieldOrder({"model", "status", "port", "speed", "operations", "file_operations", "folder_operations",
            "usb_vendor", "usb_product", "usb_class", "usb_subclass", "usb_protocol", "library", "id", "device_type",
            "reserved2", "reserved3", "reserved4", "reserved5", "reserved6", "reserved7", "reserved8"})
    class CameraAbilities extends Structure implements Structure.ByValue {
        public byte[] model = new byte[128];
        public int status;
        public int port;
        public int[] speed = new int[64];
        public int operations;
        public int file_operations;
        public int folder_operations;
        public int usb_vendor;
        public int usb_product;
        public int usb_class;
        public int usb_subclass;
        public int usb_protocol;
        public byte[] library = new byte[1024];
        public byte[] id = new byte[1024];
        public int device_type;
        public int reserved2;
        public int reserved3;
        public int reserved4;
        public int reserved5;
        public int reserved6;
        public int reserved7;
        public int reserved8;
    }

    Pointer gp_context_new();
    void gp_context_unref(Pointer context);
    void gp_context_set_error_func(Pointer context, ContextTextFunc func, Pointer data);
    void gp_context_set_status_func(Pointer context, ContextTextFunc func, Pointer data);
    void gp_context_set_message_func(Pointer context, ContextTextFunc func, Pointer data);

    /** Returns a static string; not a result code. */
    String gp_result_as_string(int result);

    int gp_list_new(PointerByReference list);
    int gp_list_free(Pointer list);
    int gp_list_count(Pointer list);
    int gp_list_get_name(Pointer list, int index, PointerByReference name);
    int gp_list_get_value(Pointer list, int index, PointerByReference value);

    int gp_camera_autodetect(Pointer list, Pointer context);

    int gp_abilities_list_new(PointerByReference list);
    int gp_abilities_list_free(Pointer list);
    int gp_abilities_list_load(Pointer list, Pointer context);
    int gp_abilities_list_count(Pointer list);
    int gp_abilities_list_lookup_model(Pointer list, String model);
    /** {@code abilities} points at 2504 bytes to fill (a {@link CameraAbilities}' memory). */
    int gp_abilities_list_get_abilities(Pointer list, int index, Pointer abilities);

    int gp_port_info_list_new(PointerByReference list);
    int gp_port_info_list_free(Pointer list);
    int gp_port_info_list_load(Pointer list);
    int gp_port_info_list_count(Pointer list);
    int gp_port_info_list_lookup_path(Pointer list, String path);
    /** {@code info} receives a GPPortInfo, a pointer owned by the list. */
    int gp_port_info_list_get_info(Pointer list, int n, PointerByReference info);
    int gp_port_info_get_path(Pointer info, PointerByReference path);

    int gp_camera_new(PointerByReference camera);
    int gp_camera_set_abilities(Pointer camera, CameraAbilities abilities);
    int gp_camera_set_port_info(Pointer camera, Pointer info);
    int gp_camera_init(Pointer camera, Pointer context);
    int gp_camera_exit(Pointer camera, Pointer context);
    int gp_camera_free(Pointer camera);
    /** {@code summary} is a CameraText: 32 KiB of NUL-terminated text. */
    int gp_camera_get_summary(Pointer camera, Pointer summary, Pointer context);
    int gp_camera_get_config(Pointer camera, PointerByReference window, Pointer context);
    int gp_camera_get_single_config(Pointer camera, String name, PointerByReference widget, Pointer context);
    int gp_camera_set_single_config(Pointer camera, String name, Pointer widget, Pointer context);
    int gp_camera_capture(Pointer camera, int type, CameraFilePath path, Pointer context);
    int gp_camera_trigger_capture(Pointer camera, Pointer context);
    /** {@code data} receives malloc'd event data (CameraFilePath for FILE_ADDED, char* for UNKNOWN) the caller frees. */
    int gp_camera_wait_for_event(Pointer camera, int timeoutMs, IntByReference type, PointerByReference data,
                                 Pointer context);
    /** {@code info} receives a malloc'd array of CameraStorageInformation the caller frees. */
    int gp_camera_get_storageinfo(Pointer camera, PointerByReference info, IntByReference count, Pointer context);
    int gp_camera_file_get(Pointer camera, String folder, String file, int type, Pointer cameraFile, Pointer context);
    /** {@code info} points at a CameraFileInfo (272 bytes on x86-64). */
    int gp_camera_file_get_info(Pointer camera, String folder, String file, Pointer info, Pointer context);
    int gp_camera_file_delete(Pointer camera, String folder, String file, Pointer context);

    int gp_file_new(PointerByReference file);
    int gp_file_free(Pointer file);
    int gp_file_get_data_and_size(Pointer file, PointerByReference data, LongByReference size);

    int gp_widget_free(Pointer widget);
    int gp_widget_count_children(Pointer widget);
    int gp_widget_get_child(Pointer widget, int index, PointerByReference child);
    int gp_widget_get_name(Pointer widget, PointerByReference name);
    int gp_widget_get_label(Pointer widget, PointerByReference label);
    int gp_widget_get_type(Pointer widget, IntByReference type);
    int gp_widget_get_readonly(Pointer widget, IntByReference readonly);
    int gp_widget_count_choices(Pointer widget);
    int gp_widget_get_choice(Pointer widget, int index, PointerByReference choice);
    int gp_widget_get_range(Pointer widget, FloatByReference min, FloatByReference max, FloatByReference step);
    /** {@code value}: char** for text/radio/menu, float* for range, int* for toggle/date. */
    int gp_widget_get_value(Pointer widget, Pointer value);
    /** {@code value}: char* for text/radio/menu, float* for range, int* for toggle/date. */
    int gp_widget_set_value(Pointer widget, Pointer value);
}
