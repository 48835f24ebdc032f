-- V9 (issue 20): a roll the operator left out of training ("leave this roll out and refit", from a
-- model's roll spread). Like a bad frame its pairs leave the set's pairs and training; its files,
-- readings and pairing stay, so putting it back undoes it.
ALTER TABLE rolls ADD COLUMN left_out INTEGER NOT NULL DEFAULT 0 CHECK (left_out IN (0, 1));
