package emu.station.store;

/** The database was written by a newer emu-station: opening it could corrupt what it does not know. */
public final class SchemaTooNewException extends StoreException {
    private static final long serialVersionUID = 1L;

    SchemaTooNewException(String database, int found, int known) {
        super("database " + database + " has schema version " + found + ", but this emu-station knows versions up to "
                + known + ": run a newer emu-station, or restore a backup made with this one");
    }
}
