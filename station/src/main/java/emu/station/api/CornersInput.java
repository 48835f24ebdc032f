package emu.station.api;

import emu.station.errors.InvalidInputException;
import emu.station.readings.ChartReadings;
import emu.station.store.ReadingRepository;
import emu.station.store.Store;
import emu.calibration.io.Confined;
import java.awt.Dimension;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The one check of chart corners a request sends (issue 16, 1: {@code [[1e308,0],[0,1e308],[1,1],[2,2]]}
 * was accepted and the re-read then dropped every pair): four finite points inside the set's images
 * (their size read from the header of the first capture or scan of that source), forming a convex,
 * non-degenerate quadrilateral in order (clockwise or counter-clockwise) covering at least
 * {@value #MIN_AREA_FRACTION} of the image, as a chart that can be sampled does.
 */
final class CornersInput {
    static final double MIN_AREA_FRACTION = 0.002;

    private CornersInput() {}

    static double[][] check(String json, Store store, Path dataDir, long setId, ReadingRepository.Source source) {
        double[][] c = ChartReadings.parseCorners(json);
        Optional<Dimension> size = imageSize(store, dataDir, setId, source);
        if (size.isPresent()) {
            Dimension d = size.get();
            for (double[] p : c) {
                if (p[0] > d.width || p[1] > d.height) {
                    throw new InvalidInputException("corners", "corner [" + p[0] + ", " + p[1] + "] lies outside the "
                            + d.width + "x" + d.height + " image");
                }
            }
        }
        double turn = 0;
        for (int i = 0; i < 4; i++) {
            double[] a = c[i], b = c[(i + 1) % 4], n = c[(i + 2) % 4];
            double cross = (b[0] - a[0]) * (n[1] - b[1]) - (b[1] - a[1]) * (n[0] - b[0]);
            if (cross == 0 || turn != 0 && Math.signum(cross) != Math.signum(turn)) {
                throw new InvalidInputException("corners", "the corners must form a convex quadrilateral, in order around"
                        + " the chart (no three in a line, no crossing edges)");
            }
            turn = cross;
        }
        double area = 0; // shoelace formula
        for (int i = 0; i < 4; i++) {
            area += c[i][0] * c[(i + 1) % 4][1] - c[(i + 1) % 4][0] * c[i][1];
        }
        area = Math.abs(area) / 2;
        double min = size.map(d -> (double) d.width * d.height * MIN_AREA_FRACTION).orElse(100.0);
        if (area < min) {
            throw new InvalidInputException("corners", "the corners enclose " + Math.round(area) + " square pixels; a chart"
                    + " covers at least " + Math.round(min));
        }
        return c;
    }

    /** The pixel size of the set's first image of {@code source}, from its header only. */
    private static Optional<Dimension> imageSize(Store store, Path dataDir, long setId, ReadingRepository.Source source) {
        Optional<String> file = source == ReadingRepository.Source.CAPTURE
                ? store.captures().bySet(setId).stream().map(x -> x.file()).findFirst()
                : store.rolls().bySet(setId).stream().flatMap(r -> store.scans().byRoll(r.id()).stream()).map(x -> x.file()).findFirst();
        return file.flatMap(f -> Confined.existing(dataDir, f)).flatMap(CornersInput::dimension);
    }

    private static Optional<Dimension> dimension(Path p) {
        try (ImageInputStream in = ImageIO.createImageInputStream(p.toFile())) {
            Iterator<ImageReader> it = in == null ? null : ImageIO.getImageReaders(in);
            if (it == null || !it.hasNext()) {
                return Optional.empty(); // a RAW: its developed size is not in a header ImageIO reads
            }
            ImageReader r = it.next();
            try {
                r.setInput(in);
                return Optional.of(new Dimension(r.getWidth(0), r.getHeight(0)));
            } finally {
                r.dispose();
            }
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
