/**
 * Photo-editor profiles and HDR outputs.
 *
 * <ul>
 *   <li>Made from a baked LUT: the Camera Raw creative profile ({@code xmp}), the ICC v4 abstract
 *       Lab profile ({@code icc}), the RGB-table encoder they use, and the .cube with PQ / HLG
 *       outputs. {@link emu.calibration.profile.ProfileFormats} lists them.</li>
 *   <li>Made from the model itself, camera profiles whose input is the camera's raw RGB
 *       ({@link emu.calibration.profile.CameraProfileFormat}): the DNG camera profile
 *       ({@code dcp}, sub-package {@code dcp}) and the ICC input profile ({@code icc-input},
 *       sub-package {@code icc}, which also holds the ICC byte layout every ICC profile here
 *       uses). {@link emu.calibration.profile.CameraProfileFormats} lists them;
 *       {@link emu.calibration.profile.CameraProfiles} writes them and states each one's own
 *       error against the model.</li>
 * </ul>
 * The registry by name is {@code emu.calibration.export.ExportFormats}.
 * May import {@code color}, {@code io}, {@code lut}, {@code fit} (the {@code ColourModel} a camera
 * profile is made from); never {@code export}.
 */
package emu.calibration.profile;
