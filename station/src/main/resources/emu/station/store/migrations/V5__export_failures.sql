-- Issue 14: a fitted model is kept when an export fails; each planned export that could not be
-- made is recorded with its reason, until a re-export (after the config is fixed) replaces them.
CREATE TABLE export_failures (
    id          INTEGER PRIMARY KEY,
    model_id    INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    format      TEXT NOT NULL,
    encoding    TEXT NOT NULL,
    size        INTEGER NOT NULL,
    illuminant  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX export_failures_by_model ON export_failures(model_id);
