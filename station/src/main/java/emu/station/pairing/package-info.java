/**
 * Pairing scans with frames after import: open doubts, pairing by hand, applying a lab's
 * numbering offset, frame numbers from file names. May import {@code store}, {@code errors}.
 */
package emu.station.pairing;
