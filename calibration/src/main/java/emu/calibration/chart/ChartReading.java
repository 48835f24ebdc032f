package emu.calibration.chart;

import java.util.List;

/** A located chart and its sampled patches, in chart order. */
public record ChartReading(ChartLocation location, List<PatchReading> patches) {
    public ChartReading {
        patches = List.copyOf(patches);
    }
}
