/**
 * The station's database (SQLite, {@code station.db}): {@link emu.station.store.Store} (one
 * connection, transactions, backup), the forward-only {@code Migrations}, and one repository per
 * table family returning records. Bottom of the map: imports only {@code errors}.
 */
package emu.station.store;
