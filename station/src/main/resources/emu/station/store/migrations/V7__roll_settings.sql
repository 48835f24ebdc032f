-- V7: a roll's settings as typed columns (issue 15); they were a JSON string in rolls.notes,
-- re-parsed on every run. notes stays (forward-only) and keeps what older stations wrote there.
-- push_pull: the stops the lab pushed (+) or pulled (-) the roll, once it is sent to a lab.

ALTER TABLE rolls ADD COLUMN camera TEXT NOT NULL DEFAULT '';
ALTER TABLE rolls ADD COLUMN iso INTEGER NOT NULL DEFAULT 100 CHECK (iso BETWEEN 1 AND 25600);
ALTER TABLE rolls ADD COLUMN frames INTEGER NOT NULL DEFAULT 36 CHECK (frames BETWEEN 1 AND 99);
ALTER TABLE rolls ADD COLUMN slate INTEGER NOT NULL DEFAULT 0 CHECK (slate IN (0, 1));
ALTER TABLE rolls ADD COLUMN trigger TEXT NOT NULL DEFAULT 'rig_shutter' CHECK (trigger IN ('rig_shutter', 'operator'));
ALTER TABLE rolls ADD COLUMN push_pull INTEGER CHECK (push_pull BETWEEN -3 AND 3);

UPDATE rolls SET
    camera = COALESCE(json_extract(notes, '$.camera'), ''),
    iso = COALESCE(json_extract(notes, '$.iso'), 100),
    frames = COALESCE(json_extract(notes, '$.frames'), 36),
    slate = CASE WHEN json_extract(notes, '$.slate') THEN 1 ELSE 0 END,
    trigger = CASE json_extract(notes, '$.trigger') WHEN 'operator' THEN 'operator' ELSE 'rig_shutter' END
WHERE json_valid(notes) AND json_type(notes) = 'object';

UPDATE rolls SET push_pull = (SELECT json_extract(e.details, '$.push_pull') FROM roll_events e
    WHERE e.roll_id = rolls.id AND e.event = 'sent_to_lab' AND json_valid(e.details) ORDER BY e.id DESC LIMIT 1);
