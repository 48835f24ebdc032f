/**
 * Pairs from charts shot without the station (issue 22): a folder of digital captures and a folder
 * of the lab's scans of the same frames become a pairs CSV, with no daemon and no database.
 * {@link emu.station.fromimages.SourceImages} opens any capture (camera RAW through libraw's
 * {@code dcraw_emu}, 16-bit TIFF, JPEG decoded to linear); {@link emu.station.fromimages.Manifest}
 * and {@link emu.station.fromimages.FolderPairing} (file names + EXIF via {@code exiftool}) say
 * which capture goes with which scan; {@link emu.station.fromimages.FromImages} reads both charts
 * and writes the pairs; {@link emu.station.fromimages.ContactSheet} shows what was read.
 *
 * <p>May import {@code emu.calibration.*}, {@code emu.station.readings} (RAW development) and
 * {@code emu.devices.camera.CapturedFile} (which file names are camera RAW); not the store, the
 * device drivers or HTTP.
 */
package emu.station.fromimages;
