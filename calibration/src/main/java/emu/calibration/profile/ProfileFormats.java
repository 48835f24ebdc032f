package emu.calibration.profile;

import emu.calibration.io.AtomicFiles;
import emu.calibration.lut.CubeFile;
import emu.calibration.lut.Lut3D;
import emu.calibration.lut.LutExportFormat;
import emu.calibration.lut.LutProvenance;
import emu.calibration.lut.ShapedLut;
import emu.calibration.profile.RgbTable.Gamma;
import emu.calibration.profile.RgbTable.Gamut;
import emu.calibration.profile.RgbTable.Primaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The export formats this package adds to the registry ({@code emu.calibration.export.ExportFormats}):
 * {@code xmp} (Camera Raw creative profile), {@code icc} (ICC v4 abstract Lab profile) and
 * {@code cube-pq} / {@code cube-hlg} (the .cube with its outputs re-encoded by
 * {@link HdrOutput}). Each takes the LUT the station baked for one illuminant, so one export
 * per illuminant gives one profile per illuminant, named "stock - illuminant" and grouped under
 * the stock.
 */
public final class ProfileFormats {

    private ProfileFormats() {
    }

    /** Every format of this package, for the export registry. */
    public static List<LutExportFormat> all() {
        return List.of(new Xmp(), new Icc(), new HdrCube(HdrOutput.PQ),
                new HdrCube(HdrOutput.HLG));
    }

    /** The profile's display name, e.g. {@code "Portra 400 - D65"}. */
    static String profileName(LutProvenance p) {
        return group(p) + " - " + p.illuminant();
    }

    /** The stock, or a generic group when the model was fitted without a stock name. */
    static String group(LutProvenance p) {
        return p.stock().isBlank() ? "emu-station film" : p.stock();
    }

    static String copyright(LutProvenance p) {
        return "emu-station film profile: stock " + p.stock() + ", set " + p.set() + ", model "
                + p.modelVersion() + ", illuminant " + p.illuminant();
    }

    /**
     * {@code xmp}: the look sampled on {@code min(size, 32)} points per axis (the SDK's limit),
     * sRGB primaries and curve, clipped; Amount 0..200%.
     */
    static final class Xmp implements LutExportFormat {
        @Override
        public String name() {
            return "xmp";
        }

        @Override
        public String extension() {
            return "xmp";
        }

        /** Sampled on at most 32 points: a larger lattice only costs baking time. */
        @Override
        public int defaultSize() {
            return RgbTable.MAX_DIVISIONS;
        }

        @Override
        public String sizeProblem(int cubeSize) {
            String s = Lut3D.sizeProblem(cubeSize);
            return s != null || cubeSize >= RgbTable.MIN_DIVISIONS ? s
                    : "needs a LUT of at least " + RgbTable.MIN_DIVISIONS + " points per axis";
        }

        @Override
        public List<Path> write(ShapedLut lut, LutProvenance provenance, Path file)
                throws IOException {
            DisplayLook look = new DisplayLook(lut, provenance.inputEncoding());
            int n = Math.min(lut.cube().size(), RgbTable.MAX_DIVISIONS);
            RgbTable table = RgbTable.sample(n, look::onSrgb, Primaries.SRGB, Gamma.SRGB,
                    Gamut.CLIP, 0.0, 2.0);
            String xmp = new CreativeProfileXmp(profileName(provenance), group(provenance),
                    copyright(provenance), table).toXmp();
            AtomicFiles.write(file, out -> out.write(xmp.getBytes(StandardCharsets.UTF_8)));
            return List.of(file);
        }
    }

    /**
     * {@code icc}: the look as a Lab CLUT with as many points per axis as the LUT has (at most
     * 255). The header date is fixed (the epoch) so that the same LUT always gives the same
     * bytes; provenance is in the description and copyright tags.
     */
    static final class Icc implements LutExportFormat {
        @Override
        public String name() {
            return "icc";
        }

        @Override
        public String extension() {
            return "icc";
        }

        @Override
        public String sizeProblem(int cubeSize) {
            return cubeSize < 2 || cubeSize > 255 ? "stores 2..255 CLUT points per axis" : null;
        }

        @Override
        public List<Path> write(ShapedLut lut, LutProvenance provenance, Path file)
                throws IOException {
            check(lut.cube().size(), lut.shaper().isPresent());
            DisplayLook look = new DisplayLook(lut, provenance.inputEncoding());
            byte[] icc = IccAbstractProfile.build(profileName(provenance), copyright(provenance),
                    Instant.EPOCH, lut.cube().size(), look::onLab);
            AtomicFiles.write(file, out -> out.write(icc));
            return List.of(file);
        }
    }

    /** {@code cube-pq}, {@code cube-hlg}: the .cube with every lattice output re-encoded. */
    static final class HdrCube implements LutExportFormat {
        private final HdrOutput output;

        HdrCube(HdrOutput output) {
            this.output = output;
        }

        @Override
        public String name() {
            return "cube-" + output.id();
        }

        @Override
        public String extension() {
            return "cube";
        }


        @Override
        public List<Path> write(ShapedLut lut, LutProvenance provenance, Path file)
                throws IOException {
            LutProvenance hdr = new LutProvenance(provenance.stock(), provenance.set(),
                    provenance.modelVersion(), provenance.illuminant(),
                    provenance.inputEncoding(), output.description(),
                    provenance.heldOutDeltaE());
            CubeFile.write(reencode(lut, output), hdr, file);
            return List.of(file);
        }
    }

    /** {@code lut} with its 3D table's outputs passed through {@code output}. */
    public static ShapedLut reencode(ShapedLut lut, HdrOutput output) {
        Lut3D cube = lut.cube();
        float[] t = cube.table();
        double[] v = new double[3];
        for (int i = 0; i < t.length; i += 3) {
            v[0] = t[i];
            v[1] = t[i + 1];
            v[2] = t[i + 2];
            output.apply(v, 0);
            t[i] = (float) v[0];
            t[i + 1] = (float) v[1];
            t[i + 2] = (float) v[2];
        }
        return new ShapedLut(lut.shaper(),
                new Lut3D(cube.size(), t, cube.domainMin(), cube.domainMax()));
    }
}
