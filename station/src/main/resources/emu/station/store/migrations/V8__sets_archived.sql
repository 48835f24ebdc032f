-- A set can be archived: hidden from the dashboard and the set list, kept with all its data.
ALTER TABLE profiling_sets ADD COLUMN archived_at TEXT;
