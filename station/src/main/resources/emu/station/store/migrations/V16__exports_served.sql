-- V16 (issue 24, the default's user path): how each exported light is served, recorded when the export is written
-- (emu.calibration.fit.Serving): served_kind trained / spectral / blend / shared / input / mixed, served_lights the
-- trained lights standing in for an untrained one (one a line; blend and shared), served the operator's sentence,
-- served_refused why the spectral model was refused at training (null when it was not). NULL on rows written
-- before V16: "not recorded".
ALTER TABLE exports ADD COLUMN served_kind TEXT;
ALTER TABLE exports ADD COLUMN served_lights TEXT;
ALTER TABLE exports ADD COLUMN served TEXT;
ALTER TABLE exports ADD COLUMN served_refused TEXT;
