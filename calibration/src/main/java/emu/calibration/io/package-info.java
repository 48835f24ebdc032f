/**
 * Files on disk without colour or LUT knowledge: atomic writes ({@link emu.calibration.io.AtomicFiles})
 * and keeping paths inside a folder by their real path ({@link emu.calibration.io.Confined}: symlink
 * escapes, zip-slip). Imports only the JDK.
 */
package emu.calibration.io;
