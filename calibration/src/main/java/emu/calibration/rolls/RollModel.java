package emu.calibration.rolls;

import emu.calibration.fit.ColourModel;
import java.util.List;

/** The nominal response rendered as one roll: the roll's shift on the way in, its contrast and offset on the way out. */
public record RollModel(ColourModel nominal, RollDeviation deviation) implements ColourModel {
    @Override
    public double[] predict(double[] digitalRgb, String illuminant) {
        return deviation.scanSide(nominal.predict(deviation.shiftInput(digitalRgb), illuminant));
    }

    @Override
    public List<String> illuminants() {
        return nominal.illuminants();
    }
}
