package emu.station.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import emu.station.store.ProfilingSetRepository.StepSpec;
import emu.station.store.TrainingRepository.Export;
import emu.station.store.TrainingRepository.Served;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V16 (issue 24, the default's user path): an export row keeps how its light is served. A row written by a V15
 * station (no such columns) reads back as not recorded (null) once the file is upgraded; rows written since keep
 * kind, stand-in lights (in order), sentence and refusal, a trained light's and a bundle's (null) too. Real SQLite
 * file, the bundled migrations.
 */
class ExportServedStoreTest {
    @TempDir Path dir;

    @Test
    void aV15RowIsNotRecordedAndRowsWrittenSinceKeepHowTheirLightIsServed() {
        Path db = dir.resolve("station.db");
        long model;
        try (Store old = Store.open(db, Migrations.bundled().upTo(15))) {
            long stock = old.stocks().create("Portra 400", "135", 400).id();
            long set = old.sets().create("old", stock, "colorchecker24", StepSpec.grid(List.of("D65"), List.of(0.0))).id();
            long run = old.training().startRun(set, null, "hash").id();
            model = old.training().addModel(set, run, 1, "matrix", "models/set-1/v1", 1.5).id();
            long m = model;
            // what a V15 station wrote: no served columns to fill
            old.transaction(c -> Rows.insert(c, "INSERT INTO exports (model_id, format, encoding, size, illuminant, file,"
                    + " sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", m, "cube", "srgb", 9, "D55",
                    "exports/set-1/v1/d55.cube", "00", Instant.now()));
        }
        try (Store store = Store.open(db)) {
            assertEquals(15, store.migratedFrom());
            TrainingRepository repo = store.training();
            assertNull(repo.exports(model).get(0).served(), "a row written before V16: not recorded");

            Served blend = new Served("blend", List.of("D65", "D50"), "D55: not trained; served by an inverse-distance"
                    + " blend of D65 and D50 (nearest of its spectral family)", "its fit failed on these pairs: singular");
            Served trained = new Served("trained", List.of(), "D65: trained", null);
            repo.addExport(model, "cube", "srgb", 9, "D55", "exports/set-1/v1.r1/d55.cube", "11", blend);
            repo.addExport(model, "cube", "srgb", 9, "D65", "exports/set-1/v1.r1/d65.cube", "22", trained);
            repo.addExport(model, "bundle", "", 0, null, "exports/set-1/v1.r1/model.zip", "33", null);
            List<Export> rows = repo.exports(model);
            assertEquals(4, rows.size(), rows::toString);
            assertNull(rows.get(0).served());
            assertEquals(blend, rows.get(1).served(), "the stand-in lights in their order, the refusal kept");
            assertEquals(trained, rows.get(2).served());
            assertNull(rows.get(3).served(), "the bundle: no one light");
            assertEquals(blend, repo.export(rows.get(1).id()).orElseThrow().served());
        }
    }
}
