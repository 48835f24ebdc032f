-- Issue 20 (bench drift). A reference frame is the chart shot under the set's first light at the
-- metered exposure at the start and end of a digital shoot run and every N steps; its neutral-row
-- mean per channel is kept. run = the id of the run's first reference; position = the captures the
-- run had recorded when it was shot.
CREATE TABLE drift_references (
    id          INTEGER PRIMARY KEY,
    set_id      INTEGER NOT NULL REFERENCES profiling_sets(id) ON DELETE CASCADE,
    run         INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    file        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    r           REAL NOT NULL,
    g           REAL NOT NULL,
    b           REAL NOT NULL,
    taken_at    TEXT NOT NULL
);
CREATE INDEX drift_references_by_set ON drift_references(set_id, run, position);

-- Per capture, the drift relative to its run's first reference (interpolated between references):
-- the pairs' digital values are divided by it. No row = no normalisation (factor 1).
CREATE TABLE capture_drift (
    capture_id  INTEGER PRIMARY KEY REFERENCES captures(id) ON DELETE CASCADE,
    r           REAL NOT NULL,
    g           REAL NOT NULL,
    b           REAL NOT NULL
);

-- Lamp hours the station counted per rig light (the rig's device name), from light on to off in shoots.
CREATE TABLE lamp_hours (
    rig         TEXT PRIMARY KEY,
    seconds     REAL NOT NULL
);
