package org.warmline.ledger;

/** Instants of the ledger model are epoch milliseconds; {@link #NONE} marks an empty cell. */
public final class Instants {

    /** An empty instant. */
    public static final long NONE = Long.MIN_VALUE;

    private Instants() {
    }

    public static boolean present(long instant) {
        return instant != NONE;
    }
}
