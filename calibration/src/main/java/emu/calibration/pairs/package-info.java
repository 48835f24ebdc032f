/**
 * Pairs: {@link emu.calibration.pairs.Pair} (one patch, digital and film, of one plan step),
 * {@link emu.calibration.pairs.PairSet}, the pairs CSV contract ({@link emu.calibration.pairs.PairsCsv},
 * DESIGN.md), {@link emu.calibration.pairs.ReadingPairs}, which makes a step's pairs from two
 * chart readings, {@link emu.calibration.pairs.RollWeights}, per-roll training weights applied as a
 * stratified subsample (issue 20), and {@link emu.calibration.pairs.ExposureSeries}, clipped digital
 * readings found from their exposure series (issue 24). May import {@code emu.calibration.chart} (patch readings) and {@code
 * emu.calibration.io} (atomic writes); nothing outside calibration.
 */
package emu.calibration.pairs;
