package emu.station.ui;

import emu.calibration.chart.ChartLocation;
import emu.calibration.chart.ChartLocator;
import emu.calibration.chart.ChartNotFoundException;
import emu.calibration.chart.ChartSpec;
import emu.calibration.chart.ChartSpecs;
import emu.calibration.chart.RgbImage;
import emu.calibration.chart.SamplingOptions;
import emu.station.http.Params;
import emu.station.readings.ChartReadings;
import emu.station.store.CaptureRepository.Capture;
import emu.station.store.OverviewRepository.StoredFile;
import emu.station.store.ReadingRepository.PatchValue;
import emu.station.store.ReadingRepository.Source;
import emu.station.store.Store;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the chart and its patch sample areas lie on a capture or a scan, for the pairing page's
 * overlay: the chart's grid corners (the operator's when the set has them, else detected, exactly
 * as the readings are made by {@link ChartReadings}), the image and thumbnail sizes, and per patch
 * its centre and sampled square ({@link SamplingOptions#DEFAULTS}'s area) in image pixels with the
 * flags of the stored reading.
 *
 * <p>The stored readings keep values and flags, not the location, so the location is found again
 * from the file; files are content-addressed, so answers are kept in memory per file hash and
 * corners (a bounded cache: one detection per image, not per page view).
 */
final class ReadingGeometry {
    private static final int CACHE_ENTRIES = 512;
    private static final SamplingOptions SAMPLING = SamplingOptions.DEFAULTS;

    /** A located chart (or why there is none) on one image, before the stored flags are added. */
    record Location(int width, int height, Optional<ChartLocation> chart, String problem) {}

    private final Store store;
    private final Function<StoredFile, Optional<Path>> files;
    private final Map<String, Location> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Location> eldest) {
                    return size() > CACHE_ENTRIES;
                }
            });

    /** @param files a stored row's file, if it lies inside the data directory (else absent) */
    ReadingGeometry(Store store, Function<StoredFile, Optional<Path>> files) {
        this.store = store;
        this.files = files;
    }

    /** {@code GET /api/ui/captures/{id}/geometry}. */
    void capture(Context ctx) {
        Optional<Capture> c = Params.idIfNumber(ctx).flatMap(store.captures()::byId);
        Optional<StoredFile> f = c.flatMap(k -> store.overview().captureFile(k.id()));
        Optional<Path> p = f.flatMap(files);
        var set = c.flatMap(k -> store.sets().byId(k.setId()));
        if (p.isEmpty() || set.isEmpty()) {
            UiModule.notFound(ctx);
            return;
        }
        ctx.json(of(p.get(), f.get().sha256(), set.get().chart(), store.readings().corners(set.get().id(), Source.CAPTURE),
                store.readings().ofCapture(c.get().id())));
    }

    /** {@code GET /api/ui/scans/{id}/geometry}; a scan takes its chart and corners from its roll's set. */
    void scan(Context ctx) {
        Optional<StoredFile> f = Params.idIfNumber(ctx).flatMap(store.overview()::scanFile);
        Optional<Path> p = f.flatMap(files);
        var set = f.flatMap(s -> store.scans().bySha256(s.sha256())).flatMap(s -> store.rolls().byId(s.rollId()))
                .flatMap(r -> r.setId()).flatMap(store.sets()::byId);
        if (p.isEmpty() || set.isEmpty()) {
            UiModule.notFound(ctx);
            return;
        }
        ctx.json(of(p.get(), f.get().sha256(), set.get().chart(), store.readings().corners(set.get().id(), Source.SCAN),
                store.readings().ofScan(f.get().id())));
    }

    /**
     * The overlay geometry of {@code file} as a JSON-ready map.
     *
     * @param chartName      the set's chart ({@link ChartSpecs} name)
     * @param operatorCorners the set's stored corners JSON for this source, if any
     * @param stored         the stored patch readings of this image (flags), possibly empty
     */
    Map<String, Object> of(Path file, String sha256, String chartName, Optional<String> operatorCorners,
            List<PatchValue> stored) {
        ChartSpec spec = ChartSpecs.byName(chartName);
        String key = sha256 + "|" + chartName + "|" + operatorCorners.orElse("");
        Location loc = cache.get(key);
        if (loc == null) {
            loc = locate(file, spec, operatorCorners);
            cache.put(key, loc);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chart", spec.name());
        out.put("width", loc.width());
        out.put("height", loc.height());
        int[] thumb = Thumbnails.size(loc.width(), loc.height());
        out.put("thumb_width", thumb[0]);
        out.put("thumb_height", thumb[1]);
        out.put("located", loc.chart().isPresent());
        out.put("problem", loc.problem());
        if (loc.chart().isEmpty()) {
            out.put("method", null);
            out.put("corners", null);
            out.put("patches", List.of());
            return out;
        }
        ChartLocation c = loc.chart().get();
        out.put("method", c.method().name().toLowerCase(java.util.Locale.ROOT));
        out.put("confidence", c.confidence());
        out.put("notes", c.notes());
        out.put("corners", c.corners());
        Map<Integer, PatchValue> flags = new LinkedHashMap<>();
        for (PatchValue p : stored) {
            flags.put(p.patch(), p);
        }
        List<Map<String, Object>> patches = new ArrayList<>();
        for (int i = 0; i < spec.patchCount(); i++) {
            double[] centre = spec.patchCentre(i);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("patch", i + 1);
            p.put("name", spec.patchName(i));
            p.put("label", spec.patchLabel(i));
            p.put("centre", c.chartToImage().map(centre[0], centre[1]));
            p.put("box", c.chartToImage().map(spec.patchSquare(i, SAMPLING.area())));
            PatchValue v = flags.get(i + 1);
            p.put("read", v != null);
            p.put("clipped", v != null && v.clipped());
            p.put("non_uniform", v != null && v.noisy());
            patches.add(p);
        }
        out.put("patches", patches);
        return out;
    }

    private static Location locate(Path file, ChartSpec spec, Optional<String> operatorCorners) {
        RgbImage image;
        try {
            image = RgbImage.read(file);
        } catch (IOException e) {
            return new Location(0, 0, Optional.empty(), "cannot read " + file.getFileName() + ": " + e.getMessage());
        }
        try {
            ChartLocation c = operatorCorners.isPresent()
                    ? ChartLocator.fromCorners(image, spec, ChartReadings.parseCorners(operatorCorners.get()))
                    : ChartLocator.locate(image, spec);
            return new Location(image.width(), image.height(), Optional.of(c), null);
        } catch (ChartNotFoundException | IllegalArgumentException e) {
            return new Location(image.width(), image.height(), Optional.empty(), e.getMessage());
        }
    }
}
