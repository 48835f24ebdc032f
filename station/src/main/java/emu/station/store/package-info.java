/**
 * The station's database: SQLite ({@code station.db}, the default) or a PostgreSQL catalogue shared
 * by benches and workers. {@link emu.station.store.Store} (one connection, transactions, backup),
 * the forward-only {@code Migrations} for both engines, the {@code Dialect} seam holding every place
 * the engines' SQL differs, the job leases of the shared queue ({@link emu.station.store.JobLeases}), the set leases of benches
 * sharing a catalogue and its data root's id ({@link emu.station.store.SetLeaseRepository},
 * {@link emu.station.store.DataRootRepository}),
 * the SQLite-to-PostgreSQL copy ({@link emu.station.store.StoreCopy}), and one repository per table
 * family returning records. Bottom of the map: imports only {@code errors} (and the JDBC drivers).
 */
package emu.station.store;
