/**
 * Importing a lab's scans of a roll (folder or zip): checks, copies into the data directory,
 * reads each scan's QR slate and chart, and pairs scans with frames (by QR, name or order, with
 * conflicts for the operator). May import {@code store}, {@code readings}, {@code errors}.
 */
package emu.station.scans;
