/**
 * DNG Camera Profiles (.dcp, DNG 1.6 chapter 6) made from a fitted model, for Lightroom, Camera
 * Raw, RawTherapee and other DNG-pipeline raw converters.
 *
 * <ul>
 *   <li>{@link emu.calibration.profile.dcp.DcpBuilder}: model to profile content
 *       ({@link emu.calibration.profile.dcp.DcpProfile}): two calibration lights chosen by
 *       {@link emu.calibration.profile.dcp.CalibrationLight}, matrices of
 *       {@link emu.calibration.profile.dcp.CameraSpace}, a 3D
 *       {@link emu.calibration.profile.dcp.HueSatMap} per light and a shared
 *       {@link emu.calibration.profile.dcp.ProfileToneCurve}.</li>
 *   <li>{@link emu.calibration.profile.dcp.DcpFile}: the "IIRC" TIFF-like bytes.</li>
 *   <li>{@link emu.calibration.profile.dcp.DcpRender}: the DNG SDK's pipeline applied by the
 *       station, to state a profile's own error against the model.</li>
 * </ul>
 * May import {@code emu.calibration.color}, {@code emu.calibration.fit} (the
 * {@code ColourModel} interface) and the JDK; nothing of the station.
 */
package emu.calibration.profile.dcp;
