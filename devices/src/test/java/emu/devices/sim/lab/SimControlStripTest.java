package emu.devices.sim.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.process.ControlValues;
import emu.calibration.process.Evaluation;
import emu.calibration.process.ProcessLimits;
import emu.calibration.process.StripDensities;
import emu.devices.film.ControlStrip;
import emu.devices.film.LabQuirks;
import emu.devices.film.LoadedRoll;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The simulated lab's control strip carries the roll's development: the datasheet run reads as
 * the reference; a roll the lab pushed a third of a stop by mistake reads +0.05..+0.15 LD above the
 * same run undisturbed in every channel, which puts most such strips beyond the C-41 control
 * limits; but the simulated lab's own run-to-run spread (one sigma ±0.04 log H common speed,
 * {@code Development#sample}) is of the same order as the limits, so a slow run can hide a push and
 * a fast one can be out of control unpushed (measured on R1..R12: 10 pushed strips out of control,
 * one normal strip out of control); and the strip of one roll is the same every time it is asked for.
 */
class SimControlStripTest {
    private static Evaluation judge(ControlStrip s) {
        return Evaluation.of(ControlValues.of(StripDensities.ofFlat(s.densities()), StripDensities.ofFlat(s.reference())),
                ProcessLimits.C41_Z131);
    }

    @Test
    void aThirdOfAStopMisprocessedIsOutOfControlAndTheLabsOwnSpreadMostlyIsNot() {
        SimFilmLab lab = new SimFilmLab();
        int inControl = 0;
        int outOfControl = 0;
        int rolls = 12;
        for (int i = 1; i <= rolls; i++) {
            LoadedRoll roll = new LoadedRoll("portrait-160", "R" + i, 36, false);
            ControlStrip normal = lab.controlStrip(roll, LabQuirks.NONE).orElseThrow();
            ControlStrip pushed = lab.controlStrip(roll, LabQuirks.NONE.withPush(1.0 / 3)).orElseThrow();
            assertEquals("C-41", normal.process());
            Evaluation n = judge(normal);
            Evaluation p = judge(pushed);
            System.out.printf(Locale.ROOT, "R%d normal %s LD %s HD-LD %s | pushed %s LD %s HD-LD %s%n", i, n.verdict(),
                    fmt(n.values().ld()), fmt(n.values().hdMinusLd()), p.verdict(), fmt(p.values().ld()), fmt(p.values().hdMinusLd()));
            for (int c = 0; c < 3; c++) {
                double rise = p.values().ld()[c] - n.values().ld()[c];
                assertTrue(rise > 0.05 && rise < 0.15, "roll R" + i + " channel " + c + ": the push raised LD by " + rise);
            }
            outOfControl += p.outOfControl() ? 1 : 0;
            inControl += n.outOfControl() ? 0 : 1;
        }
        assertTrue(outOfControl >= rolls * 3 / 4, outOfControl + " of " + rolls + " rolls pushed 1/3 stop out of control");
        assertTrue(inControl >= rolls * 2 / 3, inControl + " of " + rolls + " normally processed rolls in control");
    }

    @Test
    void theDatasheetRunReadsAsTheReferenceAndARollsStripIsRepeatable() {
        LoadedRoll roll = new LoadedRoll("consumer-200", "RX", 36, false);
        ControlStrip a = new SimFilmLab().controlStrip(roll, LabQuirks.NONE).orElseThrow();
        ControlStrip b = new SimFilmLab().controlStrip(roll, LabQuirks.NONE).orElseThrow();
        assertArrayEquals(a.densities(), b.densities());
        double[] ref = a.reference();
        assertTrue(ref[0] < ref[3] && ref[3] < ref[6], "D-min < LD < HD in red: " + List.of(ref[0], ref[3], ref[6]));
        assertEquals("ECN-2", new SimFilmLab().controlStrip(new LoadedRoll("cine-250d", "RY", 36, false), LabQuirks.NONE)
                .orElseThrow().process());
    }

    private static String fmt(double[] v) {
        return String.format(Locale.ROOT, "%+.3f/%+.3f/%+.3f", v[0], v[1], v[2]);
    }
}
