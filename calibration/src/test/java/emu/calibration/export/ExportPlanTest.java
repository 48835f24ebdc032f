package emu.calibration.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExportPlanTest {

    @Test
    void registryKnowsEveryFormatWithTheBundleLast() {
        assertEquals(List.of("cube", "haldclut", "clf", "ocio", "xmp", "icc", "cube-pq", "cube-hlg", "dcp",
                "icc-input", "bundle"),
                ExportFormats.names());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportFormats.get("3dl"));
        assertTrue(e.getMessage().contains("3dl") && e.getMessage().contains("haldclut"), e.getMessage());
    }

    @Test
    void everyBadCombinationIsReportedAtOnceWithItsField() {
        // The plan the shipped config.toml had before issue 14: every training failed at export.
        ExportPlan plan = ExportPlan.uniform(List.of("cube", "haldclut", "3dl"), List.of("linear", "srgb", "nope"),
                List.of(33));
        List<ExportPlan.Problem> problems = plan.problems();
        assertEquals(List.of(
                "cube ENCODINGS nope", "haldclut ENCODINGS linear", "haldclut ENCODINGS nope",
                "haldclut SIZES 33", "3dl FORMATS 3dl"),
                problems.stream().map(p -> p.format() + " " + p.field() + " " + p.value()).toList());
        ExportPlan.InvalidPlanException e = assertThrows(ExportPlan.InvalidPlanException.class,
                () -> plan.check(p -> "exports." + p.format() + "." + p.field().name().toLowerCase()));
        assertTrue(e.getMessage().contains("exports.haldclut.sizes: the haldclut format takes L^2 points per axis"),
                e.getMessage());
        assertTrue(e.getMessage().contains("1D shaper the 'linear' encoding needs"), e.getMessage());
        assertEquals(5, e.problems().size());
    }

    @Test
    void eachFormatMayHaveItsOwnEncodingsAndSizes() {
        ExportPlan plan = new ExportPlan(List.of(
                new ExportPlan.Entry("cube", List.of("acescct", "logc3", "srgb"), List.of(33, 65)),
                new ExportPlan.Entry("haldclut", List.of("srgb"), List.of(64)),
                new ExportPlan.Entry("xmp", List.of("srgb"), List.of(32)),
                new ExportPlan.Entry("bundle", List.of(), List.of())), List.of());
        assertEquals(List.of(), plan.problems());
        assertEquals(8, plan.items().size());
        assertTrue(plan.bundle());
        assertEquals(new ExportPlan.Item("haldclut", "srgb", 64), plan.items().get(6));
    }

    @Test
    void cameraProfilesTakeNoEncodingAndAreOneItemPerSize() {
        // The camera's raw RGB is their input: encodings given to them are not checked nor multiplied.
        ExportPlan plan = new ExportPlan(List.of(
                new ExportPlan.Entry("dcp", List.of(), List.of(33)),
                new ExportPlan.Entry("icc-input", List.of("linear", "nope"), List.of(17, 300))), List.of());
        assertEquals(List.of("icc-input SIZES 300"),
                plan.problems().stream().map(p -> p.format() + " " + p.field() + " " + p.value()).toList());
        assertEquals(List.of(new ExportPlan.Item("dcp", "camera", 33), new ExportPlan.Item("icc-input", "camera", 17),
                new ExportPlan.Item("icc-input", "camera", 300)), plan.items());
    }
}
