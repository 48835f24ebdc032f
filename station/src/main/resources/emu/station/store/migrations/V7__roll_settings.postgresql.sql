-- V7 on PostgreSQL: the same columns as V7__roll_settings.sql. Its data fix (settings moved out of
-- the JSON in rolls.notes) is SQLite's only: a PostgreSQL catalogue is created by an emu-station
-- that already writes the typed columns (schema V10 onwards), so its rolls table is empty here,
-- and `station migrate-store` copies rows at the latest schema.
ALTER TABLE rolls ADD COLUMN camera TEXT NOT NULL DEFAULT '';
ALTER TABLE rolls ADD COLUMN iso INTEGER NOT NULL DEFAULT 100 CHECK (iso BETWEEN 1 AND 25600);
ALTER TABLE rolls ADD COLUMN frames INTEGER NOT NULL DEFAULT 36 CHECK (frames BETWEEN 1 AND 99);
ALTER TABLE rolls ADD COLUMN slate INTEGER NOT NULL DEFAULT 0 CHECK (slate IN (0, 1));
ALTER TABLE rolls ADD COLUMN trigger TEXT NOT NULL DEFAULT 'rig_shutter' CHECK (trigger IN ('rig_shutter', 'operator'));
ALTER TABLE rolls ADD COLUMN push_pull INTEGER CHECK (push_pull BETWEEN -3 AND 3);
