package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.spectral.SpectralModelTest;
import emu.calibration.spectral.SpectralRefusedException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The spectral model's fit started beside the selection ({@code station fit}) serves untrained lights exactly as the
 * one fitted after it (the training's): same predictions to the bit, on pairs from a known camera and film
 * ({@link SpectralModelTest}'s). A fit the pairs cannot support is refused through {@link Finishing} with the same
 * reason either way, and pairs other than the selection's are refused outright.
 */
class SpectralFitTest {
    private static final Finishing.Options SPECTRAL = new Finishing.Options(Finishing.Highlights.NONE,
            Finishing.Unseen.SPECTRAL, Finishing.ClippedSeries.KEEP);

    @Test
    void besideServesAsAfter() {
        PairSet train = SpectralModelTest.pairs(SpectralModelTest.TRAINED);
        FittedModel selected = Candidate.parse("root-polynomial:degree=2:illuminant=per").fit(train, 1,
                IlluminantFeatures.from(train));
        SpectralFit ahead = SpectralFit.beside(train);
        List<String> said = new ArrayList<>();
        FittedModel besides = Finishing.finish(selected, train, new PairSet(List.of()), () -> train, 1, SPECTRAL, ahead,
                said::add).model();
        FittedModel after = Finishing.finish(selected, train, () -> train, 1, SPECTRAL, s -> { }).model();
        assertTrue(said.get(0).contains("fitted in") && said.get(0).contains("beside the selection"), said.get(0));
        int lights = 0;
        for (String light : List.of("D65", "A", "LED-V1", "4000K", "D55")) {
            List<Pair> at = new ArrayList<>();
            for (Pair p : train.filter(q -> q.illuminant().equals("D65"))) {
                at.add(SpectralModelTest.truth(light, p.ev(), p.patch()));
            }
            double[] digital = new PairSet(at).digital();
            assertArrayEquals(after.predict(digital, light), besides.predict(digital, light), light);
            lights++;
        }
        assertEquals(5, lights);
        // the served model differs from the selected one on an untrained light: the comparison above has teeth
        double[] d = train.filter(q -> q.illuminant().equals("D65")).digital();
        assertNotEquals(java.util.Arrays.toString(selected.predict(d, "LED-V1")),
                java.util.Arrays.toString(besides.predict(d, "LED-V1")));
    }

    @Test
    void aRefusedFitIsToldAsAfterAndOtherPairsAreRefused() {
        PairSet train = SpectralModelTest.pairs(SpectralModelTest.TRAINED);
        // unknown patch ids: no reflectance known, the spectral model is refused
        List<Pair> renamed = new ArrayList<>();
        for (Pair p : train) {
            renamed.add(new Pair(p.frame(), p.roll(), p.illuminant(), p.ev(), "x-" + p.patch(), p.digitalR(), p.digitalG(),
                    p.digitalB(), p.filmR(), p.filmG(), p.filmB()));
        }
        PairSet odd = new PairSet(renamed);
        FittedModel selected = Candidate.parse("root-polynomial:degree=2:illuminant=per").fit(odd, 1,
                IlluminantFeatures.from(odd));
        SpectralFit ahead = SpectralFit.beside(odd);
        assertThrows(SpectralRefusedException.class, ahead::model, "the fit's own exception, as thrown");
        Finishing.Finished beside = Finishing.finish(selected, odd, new PairSet(List.of()), () -> odd, 1, SPECTRAL, ahead,
                s -> { });
        Finishing.Finished after = Finishing.finish(selected, odd, () -> odd, 1, SPECTRAL, s -> { });
        assertEquals(after.unseenRefused(), beside.unseenRefused());
        assertTrue(beside.unseenRefused().isPresent());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Finishing.finish(selected, train,
                new PairSet(List.of()), () -> train, 1, SPECTRAL, ahead, s -> { }));
        assertEquals("the spectral model was started on other pairs than the selection's", e.getMessage());
    }
}
