/**
 * The soak test (issue 16): a simulated night of profiling sets on the virtual bench with injected
 * faults, checking the data directory's invariants after each. Test code only; it may import the
 * station's workflows and store, and reads the SQLite file with its own JDBC connection.
 */
package emu.station.soak;
