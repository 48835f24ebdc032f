-- V15 (issue 20): a roll's training weight, the operator's choice for a roll processed out of control
-- besides leaving it out (V9 left_out): 1 = its pairs count like every other roll's, below 1 its pairs
-- are down-weighted in the fit (emu.calibration.pairs.RollWeights). Left out wins over any weight.
ALTER TABLE rolls ADD COLUMN train_weight REAL NOT NULL DEFAULT 1 CHECK (train_weight > 0 AND train_weight <= 1);
