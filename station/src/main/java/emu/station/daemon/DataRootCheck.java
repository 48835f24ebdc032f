package emu.station.daemon;

import emu.station.config.StationConfig;
import emu.station.files.DataRoot;
import emu.station.store.DataRootRepository.Root;
import emu.station.store.Store;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The start-up check of a shared catalogue (issue 21): the station must see the data root the
 * catalogue's files live under. The first station to start on the catalogue marks its data_dir
 * ({@link DataRoot#markOnce}) and records the id; every later station (bench or worker) must find
 * the same id in its data_dir's marker, or it refuses to start naming both, instead of writing
 * files where no other station will find them and serving none of theirs. A SQLite catalogue lives
 * in its data directory and needs no check.
 */
public final class DataRootCheck {
    private DataRootCheck() {}

    /** The catalogue named safely (no password) for messages. */
    private static String catalogue(StationConfig config) {
        return config.store().postgres().map(Object::toString).orElse("station.db");
    }

    /**
     * Verifies (or on first use records) the data root of a shared catalogue; does nothing for SQLite.
     *
     * @throws DataRootMismatchException (exit 2) when the root lacks the catalogue's marker or holds another
     */
    public static void verify(StationConfig config, Store store) throws IOException {
        DataRoot root = DataRoot.of(config);
        if (!root.shared()) {
            return;
        }
        Optional<Root> recorded = store.dataRoot().get();
        if (recorded.isEmpty()) {
            // First station on this catalogue (nothing to mount yet): its data_dir, made if need be, becomes the root, with
            // the marker it has (a root an earlier catalogue used) or a new one. A wrong choice shows at the next station.
            java.nio.file.Files.createDirectories(root.root());
            recorded = Optional.of(store.dataRoot().recordIfNone(root.markOnce(), root.root().toString(), root.bench()));
        }
        Root want = recorded.get();
        Optional<String> have;
        try {
            have = root.markerId();
        } catch (IOException e) {
            have = Optional.of("an unreadable marker (" + e.getMessage() + ")");
        }
        if (!have.equals(Optional.of(want.id()))) {
            throw new DataRootMismatchException("catalogue " + catalogue(config) + " expects data root " + want.id()
                    + " (first seen at " + want.firstPath() + " on bench " + want.firstBench() + ", "
                    + DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(want.firstSeen()) + "); " + root.root()
                    + " has " + have.map(id -> "data root " + id).orElse("none (no " + DataRoot.MARKER + ")")
                    + ": mount the catalogue's data root at data_dir, or point [store] url at this root's catalogue");
        }
    }

    /** The station sees another data root than its catalogue's, or none. Exit 2 (bad input: the config or the mount). */
    public static final class DataRootMismatchException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        DataRootMismatchException(String message) {
            super(message);
        }
    }
}
