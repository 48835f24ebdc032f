/**
 * Photo-editor profiles and HDR outputs made from a baked LUT: the Camera Raw creative profile
 * ({@code xmp}), the ICC v4 abstract Lab profile ({@code icc}), the DCP table encoder, and the
 * .cube with PQ / HLG outputs. {@link emu.calibration.profile.ProfileFormats} lists its formats;
 * the registry by name is {@code emu.calibration.export.ExportFormats}.
 * May import {@code color}, {@code io}, {@code lut}; never {@code export}.
 */
package emu.calibration.profile;
