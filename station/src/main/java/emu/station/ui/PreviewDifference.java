package emu.station.ui;

import emu.calibration.chart.ChartSpec;
import emu.calibration.color.Cielab;
import emu.calibration.color.DeltaE;
import emu.calibration.color.InputEncoding;
import emu.calibration.lut.LutInterpolations;
import emu.calibration.lut.ShapedLut;
import emu.station.store.ReadingRepository.PairRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The LUT preview's difference view: per chart patch of one step, how far the LUT's prediction
 * lies from the film scan, in CIEDE2000 (CIE 142-2001, {@link DeltaE#CIEDE2000}).
 *
 * <p>From the readings the station already has (the store's pairs, clipped patches left out as
 * training leaves them out), not from the images: no registration needed. The capture's reading
 * (scene-linear Rec.709) is encoded with the export's input encoding and mapped through the LUT
 * (tetrahedral), as {@link LutPreview} maps the pixels; prediction and scan reading, both
 * film-scan sRGB, go to L*a*b* as the fitter's evaluation scores them ({@link Cielab#fromSrgb}).
 */
final class PreviewDifference {
    private PreviewDifference() {
    }

    /** The rows of one capture and one scan ({@code pairs} already narrowed to them), as JSON maps. */
    static Map<String, Object> of(List<PairRow> pairs, ShapedLut lut, String encoding, ChartSpec chart) {
        int n = pairs.size();
        double[] linear = new double[3 * n];
        double[] film = new double[3 * n];
        for (int i = 0; i < n; i++) {
            PairRow p = pairs.get(i);
            linear[3 * i] = p.digitalR();
            linear[3 * i + 1] = p.digitalG();
            linear[3 * i + 2] = p.digitalB();
            film[3 * i] = p.filmR();
            film[3 * i + 1] = p.filmG();
            film[3 * i + 2] = p.filmB();
        }
        float[] rgb = LutPreview.toFloats(InputEncoding.get(encoding).fromRec709Linear(linear));
        lut.apply(rgb, 0, n, LutInterpolations.TETRAHEDRAL);
        double[] predicted = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            predicted[i] = rgb[i];
        }
        double[] de = DeltaE.CIEDE2000.rows(Cielab.fromSrgb(predicted), Cielab.fromSrgb(film));
        List<Map<String, Object>> rows = new ArrayList<>();
        double sum = 0;
        double max = 0;
        for (int i = 0; i < n; i++) {
            int index = pairs.get(i).patch() - 1;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("patch", chart.patchId(index));
            r.put("row", chart.row(index));
            r.put("col", chart.col(index));
            r.put("label", chart.patchLabel(index));
            r.put("de", de[i]);
            r.put("predicted", new double[] {predicted[3 * i], predicted[3 * i + 1], predicted[3 * i + 2]});
            r.put("film", new double[] {film[3 * i], film[3 * i + 1], film[3 * i + 2]});
            rows.add(r);
            sum += de[i];
            max = Math.max(max, de[i]);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("patches", rows);
        out.put("patch_count", chart.patchCount());
        out.put("rows", chart.rows());
        out.put("cols", chart.cols());
        out.put("mean", n == 0 ? null : sum / n);
        out.put("max", n == 0 ? null : max);
        return out;
    }
}
