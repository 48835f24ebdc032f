-- V13 (issue 21): several benches sharing one data root and one catalogue.
-- The data root the catalogue's files live under. Its id is also written in the marker file
-- data-root.id at the top of the root; a station whose data_dir lacks that file or holds another id
-- refuses to start, naming both. One row (slot = 1), recorded by the first station that starts.
CREATE TABLE data_root (
    slot        INTEGER NOT NULL UNIQUE CHECK (slot = 1),
    root_id     TEXT NOT NULL,
    first_path  TEXT NOT NULL,
    first_bench TEXT NOT NULL,
    first_seen  TEXT NOT NULL
);

-- A set is shot by one bench at a time: the bench ([station] bench_name) holding its lease, since
-- when, and the end of the lease (epoch milliseconds, as jobs.lease_until), renewed while it
-- shoots. A lease that ran out (the bench died) may be taken by another bench.
CREATE TABLE set_leases (
    set_id      INTEGER NOT NULL UNIQUE REFERENCES profiling_sets(id) ON DELETE CASCADE,
    bench       TEXT NOT NULL,
    since       TEXT NOT NULL,
    lease_until INTEGER NOT NULL
);

-- The bench running a film shoot: a bench that starts resumes its own interrupted film shoots only
-- (the film is in its camera), never another bench's. NULL for shoots started before V13.
ALTER TABLE film_shoots ADD COLUMN bench TEXT;
