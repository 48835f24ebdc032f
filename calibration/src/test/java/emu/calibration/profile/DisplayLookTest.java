package emu.calibration.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.color.InputEncoding;
import emu.calibration.color.Srgb;
import emu.calibration.fit.ColourModel;
import emu.calibration.lut.LutBaker;
import emu.calibration.lut.ShapedLut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a model through the station's baker to a profile: what the editor sees. */
class DisplayLookTest {

    /** A "film" that renders exactly what the camera saw: the sRGB encoding of the scene. */
    static final ColourModel NEUTRAL_FILM = new ColourModel() {
        @Override
        public double[] predict(double[] digitalRgb, String illuminant) {
            return Srgb.INSTANCE.encode(digitalRgb);
        }

        @Override
        public List<String> illuminants() {
            return List.of("D65");
        }
    };

    @Test
    void aNeutralModelGivesAnIdentityProfileWhateverTheBakeEncoding(@TempDir Path dir)
            throws Exception {
        for (String encoding : new String[] {"srgb", "linear", "rec709"}) {
            ShapedLut lut = LutBaker.bake(NEUTRAL_FILM, "D65", InputEncoding.get(encoding), 33).lut();
            Path file = dir.resolve(encoding + ".xmp");
            FilmLooks.format("xmp").write(lut,
                    FilmLooks.provenance("D65").withInputEncoding(encoding), file);
            IndependentXmpProfileDecoder.Decoded d =
                    IndependentXmpProfileDecoder.decode(Files.readAllBytes(file));
            int n = d.divisions();
            double worst = 0;
            for (int k = 0; k < d.samples().length; k += 3) {
                int p = k / 3;
                int[] idx = {p / (n * n), p / n % n, p % n};
                for (int c = 0; c < 3; c++) {
                    worst = Math.max(worst, Math.abs(d.samples()[k + c] / 65535.0
                            - idx[c] / (n - 1.0)));
                }
            }
            assertTrue(worst < (encoding.equals("srgb") ? 1e-4 : 0.01),
                    encoding + " bake: worst departure from identity " + worst);
        }
    }

    @Test
    void iccFormLeavesColoursOutsideSrgbWhereANeutralLookLeavesThem() {
        ShapedLut lut = LutBaker.bake(NEUTRAL_FILM, "D65", InputEncoding.get("srgb"), 17).lut();
        DisplayLook look = new DisplayLook(lut, "srgb");
        // far outside sRGB (saturated cyan-blue), and a dark in-gamut grey
        double[] lab = {50, -60, -70, 20, 0, 0};
        double[] out = look.onLab(lab);
        for (int i = 0; i < lab.length; i++) {
            assertEquals(lab[i], out[i], 0.05, "Lab value " + i);
        }
    }
}
