-- V12 (issue 20, lab process control): a roll's control strip, the lab's C-41 / E-6 / ECN-2
-- control strip run with the roll, read as status M densities (D-min, LD, HD per channel), and
-- the reference strip of each strip lot, typed once per lot (its densities already corrected by
-- the lot's correction factors: the lab's aims). One strip per roll (typed again = replaced).
-- source: 'typed' by the operator, 'scan' read from the strip's scan, or 'lab' when the lab (the virtual
-- bench's) delivered it.
CREATE TABLE control_strips (
    id          INTEGER PRIMARY KEY,
    roll_id     INTEGER NOT NULL UNIQUE REFERENCES rolls(id) ON DELETE CASCADE,
    lab         TEXT NOT NULL,
    process     TEXT NOT NULL CHECK (process IN ('C-41', 'E-6', 'ECN-2')),
    lot         TEXT NOT NULL,
    strip_date  TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('typed', 'scan', 'lab')),
    dmin_r      REAL NOT NULL,
    dmin_g      REAL NOT NULL,
    dmin_b      REAL NOT NULL,
    ld_r        REAL NOT NULL,
    ld_g        REAL NOT NULL,
    ld_b        REAL NOT NULL,
    hd_r        REAL NOT NULL,
    hd_g        REAL NOT NULL,
    hd_b        REAL NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX control_strips_by_lab ON control_strips(lab, process, strip_date);

CREATE TABLE strip_references (
    process     TEXT NOT NULL CHECK (process IN ('C-41', 'E-6', 'ECN-2')),
    lot         TEXT NOT NULL,
    dmin_r      REAL NOT NULL,
    dmin_g      REAL NOT NULL,
    dmin_b      REAL NOT NULL,
    ld_r        REAL NOT NULL,
    ld_g        REAL NOT NULL,
    ld_b        REAL NOT NULL,
    hd_r        REAL NOT NULL,
    hd_g        REAL NOT NULL,
    hd_b        REAL NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (process, lot)
);
