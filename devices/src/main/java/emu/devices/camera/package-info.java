/**
 * The bench camera as the station sees it: {@link emu.devices.camera.Camera} (describe, settings,
 * capture of one bracket step, storage), the drivers that open one by name
 * ({@link emu.devices.camera.CameraDrivers}: {@code gphoto2}, and {@code sim} from the virtual bench),
 * shutter-speed bracketing ({@link emu.devices.camera.Exposures}), atomic capture files
 * ({@link emu.devices.camera.CapturedFiles}) and the error model ({@link emu.devices.camera.CameraException}
 * and its subclasses).
 */
package emu.devices.camera;
