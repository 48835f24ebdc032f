/**
 * The {@code gphoto2} camera driver: libgphoto2 (2.5.x, {@code libgphoto2.so.6}) through JNA.
 * {@link emu.devices.camera.gphoto2.LibGphoto2} is the raw binding, {@link emu.devices.camera.gphoto2.Gphoto2Runtime}
 * owns the loaded library, its context and the single watchdog thread every call goes through,
 * {@link emu.devices.camera.gphoto2.Gphoto2Camera} implements {@link emu.devices.camera.Camera} on top,
 * over one {@link emu.devices.camera.gphoto2.Gphoto2Session} (the camera's session: connect, busy retries,
 * reconnect after a disconnect), {@link emu.devices.camera.gphoto2.Gphoto2Widgets} (settings as config
 * widgets) and {@link emu.devices.camera.gphoto2.Gphoto2Files} (a shot's new files, downloads, storage).
 * Imports the camera API ({@code emu.devices.camera}) and JNA only.
 */
package emu.devices.camera.gphoto2;
