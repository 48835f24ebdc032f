/**
 * ICC profiles the station writes and their shared byte layout: {@link
 * emu.calibration.profile.icc.IccBytes} (header, tag table, small tag types, used by the
 * abstract look profile of {@code emu.calibration.profile} too) and {@link
 * emu.calibration.profile.icc.IccInputProfile} (camera RGB to Lab, v2 lut16Type and v4
 * lutAToBType, for Capture One and LittleCMS / ArgyllCMS hosts).
 * May import {@code emu.calibration.color}, {@code emu.calibration.fit} (ColourModel) and the
 * JDK.
 */
package emu.calibration.profile.icc;
