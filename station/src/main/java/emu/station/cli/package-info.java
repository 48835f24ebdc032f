/**
 * The {@code station} command line (picocli): one class per command, {@code Main} the entry,
 * {@code ExitCodes} the mapping of exceptions to exit codes (bad input 2). Commands parse their
 * options and call one workflow or library; they hold no domain logic. Top of the map: may import
 * every station package; nothing imports it.
 */
package emu.station.cli;
