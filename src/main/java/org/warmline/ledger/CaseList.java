package org.warmline.ledger;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The cases read, in reading order: appended to while a table is read, then handed on unmodifiable
 * ({@link #frozen()}). Kept in chunks of {@value #CHUNK} records, each a small array made when the one before is full,
 * so that a new record is stored in an array as new as itself: one large array, which the garbage collector soon
 * holds as old, would have every store of a new record into it noted and scanned (on a million cases about a fifth of
 * the reader's time went to that), and would be copied whole each time it grew.
 */
final class CaseList extends AbstractList<CaseRecord> implements RandomAccess {

    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private CaseRecord[][] chunks = new CaseRecord[16][];
    private int size;
    private boolean frozen;

    void append(CaseRecord record) {
        Objects.requireNonNull(record);
        if (frozen) {
            throw new UnsupportedOperationException("frozen");
        }
        int chunk = size >>> SHIFT;
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        if (chunks[chunk] == null) {
            chunks[chunk] = new CaseRecord[CHUNK];
        }
        chunks[chunk][size & MASK] = record;
        size++;
    }

    /** Appends every record of another list, in its order. */
    void appendAll(CaseList other) {
        for (int i = 0; i < other.size; i++) {
            append(other.get(i));
        }
    }

    /** This list, from now on unmodifiable. */
    CaseList frozen() {
        frozen = true;
        return this;
    }

    boolean isFrozen() {
        return frozen;
    }

    @Override
    public CaseRecord get(int index) {
        Objects.checkIndex(index, size);
        return chunks[index >>> SHIFT][index & MASK];
    }

    @Override
    public int size() {
        return size;
    }
}
