-- V4: the workflow gaps of issue 8. Steps that failed after their retries (so a later run skips
-- them unless asked to retry), captures and frames an operator marked bad (left out of pairs and
-- training, kept with the reason), film shoots as persisted state (an operator-triggered shoot
-- waits for confirmations across restarts), and the virtual bench's exposed film (so the
-- simulated lab still develops a roll after a restart).

CREATE TABLE step_failures (
    step_id    TEXT PRIMARY KEY REFERENCES plan_steps(id) ON DELETE CASCADE,
    set_id     INTEGER NOT NULL REFERENCES profiling_sets(id) ON DELETE CASCADE,
    attempts   INTEGER NOT NULL CHECK (attempts >= 1),
    reason     TEXT NOT NULL,
    failed_at  TEXT NOT NULL
);
CREATE INDEX step_failures_by_set ON step_failures(set_id);

ALTER TABLE captures ADD COLUMN bad INTEGER NOT NULL DEFAULT 0 CHECK (bad IN (0, 1));
ALTER TABLE captures ADD COLUMN bad_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE frames ADD COLUMN bad INTEGER NOT NULL DEFAULT 0 CHECK (bad IN (0, 1));
ALTER TABLE frames ADD COLUMN bad_reason TEXT NOT NULL DEFAULT '';

-- One film shoot of a roll. trigger: the rig fires the camera's shutter, or the operator presses
-- it and confirms each frame. step_id/frame: the step being shot (or waited for) and its frame
-- number; skipped: JSON array of the step ids the operator skipped. A shoot in state 'running' or
-- 'waiting' when the daemon stops is resumed at start, at the first step without a frame.
CREATE TABLE film_shoots (
    id          INTEGER PRIMARY KEY,
    roll_id     INTEGER NOT NULL REFERENCES rolls(id) ON DELETE CASCADE,
    trigger     TEXT NOT NULL CHECK (trigger IN ('rig_shutter', 'operator')),
    state       TEXT NOT NULL DEFAULT 'running'
                CHECK (state IN ('running', 'waiting', 'done', 'cancelled', 'failed')),
    step_id     TEXT REFERENCES plan_steps(id),
    frame       INTEGER,
    skipped     TEXT NOT NULL DEFAULT '[]',
    message     TEXT NOT NULL DEFAULT '',
    started_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX film_shoots_by_roll ON film_shoots(roll_id, id);
CREATE INDEX film_shoots_by_state ON film_shoots(state);

-- A frame the virtual bench's film camera exposed: the light that reached it (name and emitted
-- spectrum, 380..780 nm in 5 nm steps, as a JSON array) and the exposure, all the simulated lab needs.
CREATE TABLE sim_exposures (
    roll_id     INTEGER NOT NULL REFERENCES rolls(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL CHECK (number >= 1),
    step        TEXT NOT NULL,
    light       TEXT NOT NULL,
    spectrum    TEXT NOT NULL,
    ev          REAL NOT NULL,
    PRIMARY KEY (roll_id, number)
);

-- Pairs are assembled on demand from patch_readings (ReadingRepository.pairs): one indexed join,
-- always consistent with re-pairing, bad marking and re-reading. A stored copy would need
-- invalidating on each of those and was never written; it goes.
DROP TABLE pairs;
