-- V6: a scan the operator set aside (issue 17): the lab's second scan of a frame, a scan of the
-- wrong roll. Like a bad capture or frame it keeps its file, readings and pairing (so "restore"
-- undoes it) but leaves the pairs, training and the roll's pairing conflicts, with the reason.
ALTER TABLE scans ADD COLUMN bad INTEGER NOT NULL DEFAULT 0 CHECK (bad IN (0, 1));
ALTER TABLE scans ADD COLUMN bad_reason TEXT NOT NULL DEFAULT '';
