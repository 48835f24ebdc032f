package emu.station.labs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.calibration.process.Process;
import emu.calibration.process.StripDensities;
import emu.calibration.process.StripScan;
import emu.devices.film.ControlStrip;
import emu.station.errors.InvalidInputException;
import emu.station.errors.NotFoundException;
import emu.station.store.ControlStripRepository.Reference;
import emu.station.store.ControlStripRepository.Strip;
import emu.station.store.RollLogRepository.Entry;
import emu.station.store.RollLogRepository.Stage;
import emu.station.store.Store;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Recording control strips: a roll's strip (typed, or delivered by the lab), and a strip lot's
 * reference strip, typed once per lot. Every value is checked here; a bad one is an {@link
 * InvalidInputException} naming its field ({@code ld_g}, {@code lot}, {@code date}, ...).
 */
public final class ControlStrips {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOT = "[A-Za-z0-9][A-Za-z0-9._-]{0,31}";

    private final Store store;

    public ControlStrips(Store store) {
        this.store = store;
    }

    /**
     * Records roll {@code rollId}'s strip (replacing an earlier one). {@code lab} and {@code
     * process} may be null: then those the roll was sent to the lab with ({@code POST
     * /api/rolls/N/lab}); {@code date} null or blank: the day it was sent, else today.
     *
     * @param densities D-min, LD, HD x R, G, B (status M)
     */
    public Strip record(long rollId, String lab, String process, String lot, String date, double[] densities, String source) {
        store.rolls().byId(rollId).orElseThrow(() -> new NotFoundException("no roll " + rollId));
        Optional<JsonNode> sent = sentToLab(rollId);
        String l = lab != null ? lab.strip() : sent.map(n -> n.path("lab").asText("")).orElse("");
        if (l.isEmpty() || l.length() > 100) {
            throw new InvalidInputException("lab", "lab: name the lab that ran the strip (1-100 characters)"
                    + (sent.isEmpty() ? "; the roll has no sent-to-lab entry to take it from" : ""));
        }
        String p = process != null ? process : sent.map(n -> n.path("process").asText(null)).orElse(null);
        if (p == null) {
            throw new InvalidInputException("process", "process: give C-41, E-6 or ECN-2 (the roll has no sent-to-lab entry)");
        }
        String day = date != null && !date.isBlank() ? date : sent.map(n -> n.path("date").asText(null)).orElse(null);
        return store.controlStrips().put(rollId, l, process(p), lot(lot), day(day), source, densities(densities));
    }

    /** Records what a lab the station drives delivered with the roll, and its lot's reference if not typed yet. */
    public Strip recordFromLab(long rollId, ControlStrip strip) {
        return store.atomically(() -> {
            if (store.controlStrips().reference(strip.process(), strip.lot()).isEmpty()) {
                store.controlStrips().putReference(strip.process(), strip.lot(), densities(strip.reference()));
            }
            Optional<JsonNode> sent = sentToLab(rollId);
            String lab = sent.map(n -> n.path("lab").asText("")).filter(s -> !s.isBlank()).orElse("Simulated lab");
            return record(rollId, lab, strip.process(), strip.lot(), null, strip.densities(), "lab");
        });
    }

    /**
     * Records the roll's strip read from its scan ({@link StripScan}: a linear 16-bit transmission
     * image, D-min | LD | HD side by side); lab, process and date as {@link #record}.
     *
     * @throws InvalidInputException (field {@code scan}) for bytes no image reader takes, or an
     *     image that is not laid out as a strip
     */
    public Strip recordScan(long rollId, String lab, String process, String lot, String date, byte[] image) {
        java.awt.image.BufferedImage img;
        try {
            img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(image));
        } catch (java.io.IOException | RuntimeException e) {
            throw new InvalidInputException("scan", "the strip scan could not be read as an image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new InvalidInputException("scan", "the strip scan is not an image a reader here takes (16-bit TIFF, PNG)");
        }
        StripDensities read;
        try {
            read = StripScan.read(img);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("scan", "strip scan: " + e.getMessage(), e);
        }
        return record(rollId, lab, process, lot, date, read.flat(), "scan");
    }

    /** Records (or replaces) the reference strip of a lot. */
    public Reference putReference(String process, String lot, double[] densities) {
        return store.controlStrips().putReference(process(process), lot(lot), densities(densities));
    }

    /** The nine densities from the body's three triples, as {@code {"dmin": [r, g, b], "ld": [...], "hd": [...]}}. */
    public static double[] densities(List<Double> dmin, List<Double> ld, List<Double> hd) {
        double[] out = new double[9];
        List<List<Double>> patches = java.util.Arrays.asList(dmin, ld, hd);
        for (int p = 0; p < 3; p++) {
            List<Double> v = patches.get(p);
            String name = StripDensities.PATCHES[p];
            if (v == null || v.size() != 3) {
                throw new InvalidInputException(name, "\"" + name + "\" must be [red, green, blue] densities (status M)");
            }
            for (int c = 0; c < 3; c++) {
                out[p * 3 + c] = v.get(c);
            }
        }
        return densities(out);
    }

    private static double[] densities(double[] v) {
        try {
            return StripDensities.ofFlat(v).flat();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            int colon = m.indexOf(':');
            throw new InvalidInputException(colon > 0 ? m.substring(0, colon) : "densities", m, e);
        }
    }

    private static String process(String p) {
        try {
            return Process.of(p).label();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("process", e.getMessage(), e);
        }
    }

    private static String lot(String lot) {
        if (lot == null || !lot.matches(LOT)) {
            throw new InvalidInputException("lot", "lot '" + lot + "': the strip lot (batch) number, 1-32 letters, digits, '.', '_' or '-'");
        }
        return lot;
    }

    private static String day(String date) {
        if (date == null) {
            return LocalDate.now().toString();
        }
        try {
            return LocalDate.parse(date).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("date", "date '" + date + "' must be a day as YYYY-MM-DD", e);
        }
    }

    /** The details of the roll's last sent-to-lab entry. */
    private Optional<JsonNode> sentToLab(long rollId) {
        List<Entry> log = store.rollLog().entries(rollId);
        for (int i = log.size() - 1; i >= 0; i--) {
            if (log.get(i).stage() == Stage.SENT_TO_LAB) {
                try {
                    return Optional.of(JSON.readTree(log.get(i).detailsJson()));
                } catch (java.io.IOException e) {
                    return Optional.empty(); // an unreadable old entry names nothing
                }
            }
        }
        return Optional.empty();
    }
}
