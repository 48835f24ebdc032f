package emu.devices.sim.spectral;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bundled spectral CSV: first column {@code nm} on the 380-780/5 grid, one named spectrum per
 * further column, in file order. The files and their source are described in the
 * {@code spectral/README.md} resource next to them.
 */
public final class SpectralTable {
    private static final String FOLDER = "/emu/devices/sim/spectral/";

    private final Map<String, Spectrum> columns;

    private SpectralTable(Map<String, Spectrum> columns) {
        this.columns = Collections.unmodifiableMap(columns);
    }

    /** Loads {@code file} from the bundled spectral folder, or the classpath resource {@code file} when it starts with '/'. */
    public static SpectralTable load(String file) {
        String path = file.startsWith("/") ? file : FOLDER + file;
        try (InputStream in = SpectralTable.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("spectral table " + path + " is missing from the classpath: rebuild the devices module");
            }
            return parse(path, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spectral table " + path, e);
        }
    }

    static SpectralTable parse(String source, BufferedReader reader) throws IOException {
        String header = reader.readLine();
        if (header == null || !header.startsWith("nm,")) {
            throw new IllegalStateException(source + ":1: expected a header starting with 'nm,'");
        }
        String[] names = header.split(",", -1);
        List<double[]> cols = new ArrayList<>();
        for (int c = 1; c < names.length; c++) {
            cols.add(new double[Spectrum.SIZE]);
        }
        int row = 0;
        String line;
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != names.length) {
                throw new IllegalStateException(source + ":" + lineNo + ": " + cells.length + " cells, header has " + names.length);
            }
            if (row >= Spectrum.SIZE) {
                throw new IllegalStateException(source + ":" + lineNo + ": more than " + Spectrum.SIZE + " wavelengths");
            }
            try {
                double nm = Double.parseDouble(cells[0]);
                if (nm != Spectrum.wavelength(row)) {
                    throw new IllegalStateException(source + ":" + lineNo + ": wavelength " + cells[0] + ", expected " + Spectrum.wavelength(row));
                }
                for (int c = 1; c < names.length; c++) {
                    cols.get(c - 1)[row] = Double.parseDouble(cells[c]);
                }
            } catch (NumberFormatException e) {
                throw new IllegalStateException(source + ":" + lineNo + ": not a number: " + e.getMessage(), e);
            }
            row++;
        }
        if (row != Spectrum.SIZE) {
            throw new IllegalStateException(source + ": " + row + " wavelengths, expected " + Spectrum.SIZE + " (380-780 nm by 5 nm)");
        }
        Map<String, Spectrum> map = new LinkedHashMap<>();
        for (int c = 1; c < names.length; c++) {
            map.put(names[c], Spectrum.of(cols.get(c - 1)));
        }
        return new SpectralTable(map);
    }

    /** Column names in file order. */
    public List<String> names() {
        return List.copyOf(columns.keySet());
    }

    /** The column named {@code name}. */
    public Spectrum get(String name) {
        Spectrum s = columns.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no spectrum named '" + name + "'; known: " + columns.keySet());
        }
        return s;
    }
}
