package emu.devices.sim.pairs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.sim.Noise;
import emu.devices.sim.film.Development;
import emu.devices.sim.film.FilmStock;
import emu.devices.sim.film.FilmStocks;
import emu.devices.sim.film.Lottery;
import emu.devices.sim.film.ProcessedRoll;
import emu.devices.sim.film.Scanner;
import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.Spectrum;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Issue 20: the virtual bench's roll-to-roll lottery (repeats, the nominal render, a pushed roll, process drift). */
class LotteryTest {
    private static final FilmStock STOCK = FilmStocks.get("portrait-160");
    private static final PairsSpec SMALL = PairsSpec.defaults("portrait-160", 42)
            .withIlluminants(List.of("D65", "A"), List.of()).withEvs(List.of(-1.0, 0.0, 1.0), List.of());

    @Test
    void todaysLotteryDrawsWhatTheGeneratorAlwaysDrew() {
        for (int i = 0; i < 3; i++) {
            Development old = Development.sample(new SplittableRandom(Noise.derive(42, i)), STOCK.variation());
            Development now = Lottery.TODAY.development(STOCK, 42, i);
            assertArrayEquals(old.gammaFactor(), now.gammaFactor(), 0);
            assertArrayEquals(old.speedShift(), now.speedShift(), 0);
            assertArrayEquals(old.fog(), now.fog(), 0);
        }
        assertEquals(SMALL, new PairsSpec(SMALL.stock(), 42, SMALL.illuminants(), SMALL.heldoutIlluminants(), SMALL.evs(),
                SMALL.heldoutEvs(), 5, 400, 36), "the old constructor means today's lottery");
    }

    @Test
    void everyRepeatShootsTheWholePlanOnItsOwnRoll() {
        List<GeneratedPair> pairs = PairsGenerator.generate(SMALL.withLottery(new Lottery(1, 4, 0, 0, 0)));
        Map<String, Set<String>> cover = pairs.stream().collect(Collectors.groupingBy(GeneratedPair::roll,
                Collectors.mapping(p -> p.illuminant() + "@" + p.ev(), Collectors.toSet())));
        assertEquals(Set.of("R0001", "R0002", "R0003", "R0004"), cover.keySet());
        for (Set<String> steps : cover.values()) {
            assertEquals(6, steps.size(), "2 lights x 3 EVs on every roll: " + cover);
        }
        assertEquals(4 * 6 * (24 + 190), pairs.size());
        // frames restart at 1 on each roll
        assertEquals(1, pairs.stream().filter(p -> p.roll().equals("R0003")).mapToInt(GeneratedPair::frame).min().orElseThrow());
    }

    @Test
    void theNominalRenderHasNoRollVariation() {
        Lottery nominal = new Lottery(1, 3, 2, 1.0 / 3, 1).nominal();
        for (int i = 0; i < 3; i++) {
            Development d = nominal.development(STOCK, 5, i);
            assertArrayEquals(Development.NOMINAL.gammaFactor(), d.gammaFactor(), 0);
            assertArrayEquals(Development.NOMINAL.speedShift(), d.speedShift(), 0);
        }
    }

    @Test
    void aPushedRollIsFasterAndHarderAndItsScanShowsIt() {
        Lottery push = new Lottery(1, 4, 3, 1.0 / 3, 0);
        Development plain = Lottery.TODAY.development(STOCK, 9, 2);
        Development pushed = push.development(STOCK, 9, 2);
        for (int c = 0; c < 3; c++) {
            assertEquals(plain.gammaFactor()[c] * 1.05, pushed.gammaFactor()[c], 1e-12);
            assertEquals(plain.speedShift()[c] + Math.log10(2) / 3, pushed.speedShift()[c], 1e-12);
        }
        assertArrayEquals(Lottery.TODAY.development(STOCK, 9, 1).gammaFactor(), push.development(STOCK, 9, 1).gammaFactor(), 0,
                "only roll 3 is pushed");
        // the lab pins grey, so a push shows as contrast: a light patch comes out lighter, a dark one darker
        ProcessedRoll a = new ProcessedRoll(STOCK, Development.NOMINAL, Scanner.labScanner());
        ProcessedRoll b = new ProcessedRoll(STOCK, Development.NOMINAL.pushed(1.0 / 3), Scanner.labScanner());
        var d65 = Illuminants.get("D65");
        assertTrue(b.scanPatch(Spectrum.constant(0.6), d65, 1, null, 1)[1] > a.scanPatch(Spectrum.constant(0.6), d65, 1, null, 1)[1]);
        assertTrue(b.scanPatch(Spectrum.constant(0.05), d65, -1, null, 1)[1] < a.scanPatch(Spectrum.constant(0.05), d65, -1, null, 1)[1]);
    }

    @Test
    void theSimulatedLabDevelopsARollPushedWhenAskedOrByMistake() {
        emu.devices.sim.lab.FilmRoll roll = new emu.devices.sim.lab.FilmRoll("portrait-160", "R0007", 36, 11);
        emu.devices.sim.lab.FilmLab lab = emu.devices.sim.lab.FilmLab.standard();
        Development plain = lab.develop(roll).development();
        Development pushed = lab.develop(roll, 1.0 / 3).development();
        assertEquals(plain.gammaFactor()[0] * 1.05, pushed.gammaFactor()[0], 1e-12);
        emu.devices.film.LabQuirks q = emu.devices.film.LabQuirks.NONE.withPush(0.5).withNumberingOffset(2).withSkippedFrame(3);
        assertEquals(0.5, q.pushStops(), 0, "the push survives the other quirks");
        assertThrows(IllegalArgumentException.class, () -> emu.devices.film.LabQuirks.NONE.withPush(5));
    }

    @Test
    void theProcessDriftsBetweenVisitsAndBadSettingsAreRefused() {
        Lottery drift = new Lottery(0, 4, 0, 0, 1);
        assertArrayEquals(Development.NOMINAL.gammaFactor(), drift.development(STOCK, 3, 0).gammaFactor(), 0, "the first visit");
        assertNotEquals(drift.development(STOCK, 3, 1).gammaFactor()[0], drift.development(STOCK, 3, 3).gammaFactor()[0]);
        assertThrows(IllegalArgumentException.class, () -> new Lottery(-1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Lottery(1, 51, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Lottery(1, 0, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Lottery(1, 0, 1, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> new Lottery(1, 0, 0, 0, Double.NaN));
    }
}
