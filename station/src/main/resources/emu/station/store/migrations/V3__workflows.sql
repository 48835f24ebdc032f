-- V3: the workflows. A roll's life as timestamped log entries (loaded -> shot -> sent to lab ->
-- scans received -> paired, each with its details as JSON), and operator-set chart corners per
-- set and source (the bench does not move, so corners set once serve every later image).

CREATE TABLE roll_events (
    id       INTEGER PRIMARY KEY,
    roll_id  INTEGER NOT NULL REFERENCES rolls(id) ON DELETE CASCADE,
    event    TEXT NOT NULL CHECK (event IN ('loaded', 'shot', 'sent_to_lab', 'scans_received', 'paired')),
    details  TEXT NOT NULL DEFAULT '{}',
    at       TEXT NOT NULL
);
CREATE INDEX roll_events_by_roll ON roll_events(roll_id, id);

CREATE TABLE chart_corners (
    set_id      INTEGER NOT NULL REFERENCES profiling_sets(id) ON DELETE CASCADE,
    source      TEXT NOT NULL CHECK (source IN ('capture', 'scan')),
    corners     TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (set_id, source)
);
