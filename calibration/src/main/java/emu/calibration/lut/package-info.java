/**
 * 3D LUTs: baking a fitted model into one, applying one, and the files that carry them.
 *
 * <ul>
 *   <li>Data: {@link emu.calibration.lut.Lut3D} (2..256 points per axis, red fastest),
 *       {@link emu.calibration.lut.Lut1D} shapers, {@link emu.calibration.lut.ShapedLut} (shaper +
 *       cube); {@link emu.calibration.lut.LutInterpolations}: {@code tetrahedral}, {@code trilinear}.
 *   <li>Baking: {@link emu.calibration.lut.LutBaker} decodes each lattice point through the input
 *       encoding ({@code emu.calibration.color.InputEncoding}) to scene-linear Rec.709, predicts
 *       all points in one call, clamps to 0..1 and reports curvature and neutral monotonicity
 *       ({@link emu.calibration.lut.BakeReport}); {@link emu.calibration.lut.LatticeMonotone} makes a
 *       baked lattice monotone in each channel's own input (isotonic lines; measured, not part of the
 *       bake: bench/RESULTS.md, issue 24 session 6). An encoding that needs a shaper
 *       ({@code InputEncoding#needsShaper}: {@code linear}) gets a log shaper over
 *       scene-linear -2^-10 .. 11.52 (see {@code LinearShaper}).
 *   <li>Files ({@link emu.calibration.lut.LutFormats}; each says which sizes it takes, its
 *       default size and whether it carries a shaper): {@code cube} (Adobe 1.0,
 *       or Resolve's shaper form), {@code haldclut} (16-bit PNG), {@code clf} (CLF v3),
 *       {@code ocio} (look snippet + .cube); {@link emu.calibration.lut.CubeFile} also reads
 *       .cube strictly. Provenance: {@link emu.calibration.lut.LutProvenance}.
 *   <li>Images: {@link emu.calibration.lut.LutImages} applies a LUT to 8/16-bit TIFF, PNG, JPEG,
 *       read and written by {@code emu.calibration.io.ImageFiles}; TIFF to TIFF streams in bands
 *       on every core ({@code StreamedTiffApply}, {@code CodeLattice}) through the
 *       {@code emu.calibration.io} TIFF band reader and strip writer.
 * </ul>
 * Consumers checked by the tests: ffmpeg {@code lut3d} (Adobe .cube; ffmpeg 5.1 does not read
 * the Resolve shaper form) and {@code haldclut}, ImageMagick {@code -hald-clut}, OpenColorIO 2.1
 * ({@code ociochecklut} on .cube of both forms and .clf; the look through {@code ociobakelut}).
 * OpenColorIO's .cube readers take at most 129 points per axis.
 *
 * <p>May import {@code color}, {@code fit}, {@code io}; never {@code profile} or {@code export}
 * (the registry of all formats by name lives in {@code emu.calibration.export}).
 */
package emu.calibration.lut;
