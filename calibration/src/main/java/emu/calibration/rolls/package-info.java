/**
 * Roll-aware fitting: the celluloid lottery measured. Each roll of a profiling set deviates from
 * the stock's nominal response in the film's own terms ({@link emu.calibration.rolls.RollDeviation}:
 * per-channel log-exposure shift, contrast scale, density offset); {@link
 * emu.calibration.rolls.RollAwareFit} estimates those deviations jointly with the nominal response,
 * which is what gets exported (fitted by default on every roll's pairs as they came, flags only reported; or on
 * the in-control rolls' pairs, as they came or corrected:
 * {@link emu.calibration.rolls.RollAwareFit.Nominal}), and {@link emu.calibration.rolls.RollSpread} reports how far each
 * roll sits from it (CIEDE2000 per light and EV) and flags a roll outside the others' control
 * limits. May import {@code emu.calibration.color}, {@code emu.calibration.pairs}, {@code
 * emu.calibration.fit} and Jackson; nothing from devices or station.
 */
package emu.calibration.rolls;
