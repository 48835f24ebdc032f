-- V1: the bench and the analysis chain. Timestamps are ISO-8601 UTC text (Instant.toString()).
-- Files live in the data directory; rows hold their path relative to it and their SHA-256.

CREATE TABLE stocks (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    format      TEXT NOT NULL DEFAULT '135',
    iso         INTEGER CHECK (iso IS NULL OR iso > 0),
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE profiling_sets (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    stock_id    INTEGER NOT NULL REFERENCES stocks(id),
    chart       TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'shooting', 'awaiting_scans', 'complete')),
    created_at  TEXT NOT NULL
);
CREATE INDEX profiling_sets_by_stock ON profiling_sets(stock_id);

-- A plan step: stable id (a UUID every capture, frame and scan points to) and a short human code
-- written on the film log, e.g. S3-07.
CREATE TABLE plan_steps (
    id          TEXT PRIMARY KEY,
    set_id      INTEGER NOT NULL REFERENCES profiling_sets(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    code        TEXT NOT NULL,
    illuminant  TEXT NOT NULL,
    ev          REAL NOT NULL,
    UNIQUE (set_id, seq),
    UNIQUE (set_id, code),
    UNIQUE (id, set_id)
);

CREATE TABLE captures (
    id           INTEGER PRIMARY KEY,
    set_id       INTEGER NOT NULL,
    step_id      TEXT NOT NULL,
    file         TEXT NOT NULL UNIQUE,
    sha256       TEXT NOT NULL,
    ev_achieved  REAL NOT NULL,
    shutter      TEXT NOT NULL DEFAULT '',
    captured_at  TEXT NOT NULL,
    FOREIGN KEY (step_id, set_id) REFERENCES plan_steps(id, set_id) ON DELETE CASCADE
);
CREATE INDEX captures_by_set_step ON captures(set_id, step_id);
CREATE INDEX captures_by_step ON captures(step_id);

CREATE TABLE rolls (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    stock_id    INTEGER NOT NULL REFERENCES stocks(id),
    set_id      INTEGER REFERENCES profiling_sets(id),
    status      TEXT NOT NULL DEFAULT 'loaded'
                CHECK (status IN ('loaded', 'shot', 'at_lab', 'scanned')),
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX rolls_by_set ON rolls(set_id);

CREATE TABLE frames (
    id          INTEGER PRIMARY KEY,
    roll_id     INTEGER NOT NULL REFERENCES rolls(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL CHECK (number >= 0),
    step_id     TEXT REFERENCES plan_steps(id),
    shot_at     TEXT,
    UNIQUE (roll_id, number)
);
CREATE INDEX frames_by_step ON frames(step_id);

CREATE TABLE scans (
    id           INTEGER PRIMARY KEY,
    roll_id      INTEGER NOT NULL REFERENCES rolls(id) ON DELETE CASCADE,
    frame_id     INTEGER REFERENCES frames(id),
    file         TEXT NOT NULL UNIQUE,
    sha256       TEXT NOT NULL,
    imported_at  TEXT NOT NULL
);
CREATE INDEX scans_by_roll ON scans(roll_id);
CREATE INDEX scans_by_frame ON scans(frame_id);

-- One sampled patch of a capture or of a scan (exactly one of the two).
CREATE TABLE patch_readings (
    id          INTEGER PRIMARY KEY,
    capture_id  INTEGER REFERENCES captures(id) ON DELETE CASCADE,
    scan_id     INTEGER REFERENCES scans(id) ON DELETE CASCADE,
    patch       INTEGER NOT NULL CHECK (patch >= 1),
    r           REAL NOT NULL,
    g           REAL NOT NULL,
    b           REAL NOT NULL,
    noise       REAL NOT NULL DEFAULT 0,
    clipped     INTEGER NOT NULL DEFAULT 0 CHECK (clipped IN (0, 1)),
    noisy       INTEGER NOT NULL DEFAULT 0 CHECK (noisy IN (0, 1)),
    CHECK ((capture_id IS NULL) <> (scan_id IS NULL)),
    UNIQUE (capture_id, patch),
    UNIQUE (scan_id, patch)
);

-- The training data: one row of the pairs CSV (DESIGN.md) per patch per step.
CREATE TABLE pairs (
    id          INTEGER PRIMARY KEY,
    set_id      INTEGER NOT NULL REFERENCES profiling_sets(id) ON DELETE CASCADE,
    step_id     TEXT NOT NULL REFERENCES plan_steps(id) ON DELETE CASCADE,
    capture_id  INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
    scan_id     INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    patch       INTEGER NOT NULL,
    illuminant  TEXT NOT NULL,
    ev          REAL NOT NULL,
    digital_r   REAL NOT NULL,
    digital_g   REAL NOT NULL,
    digital_b   REAL NOT NULL,
    film_r      REAL NOT NULL,
    film_g      REAL NOT NULL,
    film_b      REAL NOT NULL,
    UNIQUE (capture_id, scan_id, patch)
);
CREATE INDEX pairs_by_set ON pairs(set_id);

CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'queued'
                 CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    payload      TEXT NOT NULL DEFAULT '{}',
    progress     REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
    message      TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    started_at   TEXT,
    finished_at  TEXT
);
CREATE INDEX jobs_by_state ON jobs(state, id);

CREATE TABLE training_runs (
    id           INTEGER PRIMARY KEY,
    set_id       INTEGER NOT NULL REFERENCES profiling_sets(id) ON DELETE CASCADE,
    job_id       INTEGER REFERENCES jobs(id),
    pairs_hash   TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
    report       TEXT NOT NULL DEFAULT '{}',
    started_at   TEXT NOT NULL,
    finished_at  TEXT
);
CREATE INDEX training_runs_by_set ON training_runs(set_id, id);

CREATE TABLE models (
    id               INTEGER PRIMARY KEY,
    set_id           INTEGER NOT NULL REFERENCES profiling_sets(id) ON DELETE CASCADE,
    training_run_id  INTEGER NOT NULL REFERENCES training_runs(id),
    version          INTEGER NOT NULL CHECK (version >= 1),
    fitter           TEXT NOT NULL,
    dir              TEXT NOT NULL UNIQUE,
    held_out_de2000  REAL NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (set_id, version)
);

CREATE TABLE exports (
    id          INTEGER PRIMARY KEY,
    model_id    INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    format      TEXT NOT NULL,
    encoding    TEXT NOT NULL,
    size        INTEGER NOT NULL,
    illuminant  TEXT,
    file        TEXT NOT NULL UNIQUE,
    sha256      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX exports_by_model ON exports(model_id);
