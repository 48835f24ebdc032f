/**
 * Importing a lab's scans of a roll (folder or zip, unpacked within bounds by {@code LabDelivery}): checks, copies into the data directory,
 * reads each scan's QR slate and chart, and pairs what it can (QR, file-name number, order),
 * leaving doubts to {@code pairing}. May import {@code pairing}, {@code store}, {@code readings},
 * {@code errors}.
 */
package emu.station.scans;
