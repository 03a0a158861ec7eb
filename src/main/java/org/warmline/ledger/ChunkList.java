package org.warmline.ledger;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A list appended to while a table is read (the cases, their case numbers), then handed on unmodifiable
 * ({@link #frozen()}). Kept in chunks of {@value #CHUNK} elements, each a small array made when the one before is full,
 * so that a new element is stored in an array as new as itself: one large array, which the garbage collector soon
 * holds as old, would have every store of a new element into it noted and scanned (on a million cases about a fifth
 * of the reader's time went to that), and would be copied whole each time it grew.
 */
final class ChunkList<T> extends AbstractList<T> implements RandomAccess {

    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private Object[][] chunks = new Object[16][];
    private int size;
    private boolean frozen;

    void append(T element) {
        Objects.requireNonNull(element);
        if (frozen) {
            throw new UnsupportedOperationException("frozen");
        }
        int chunk = size >>> SHIFT;
        if (chunk == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        if (chunks[chunk] == null) {
            chunks[chunk] = new Object[CHUNK];
        }
        chunks[chunk][size & MASK] = element;
        size++;
    }

    /** Appends every element of another list, in its order. */
    void appendAll(ChunkList<T> other) {
        for (int i = 0; i < other.size; i++) {
            append(other.get(i));
        }
    }

    /** This list, from now on unmodifiable. */
    ChunkList<T> frozen() {
        frozen = true;
        return this;
    }

    boolean isFrozen() {
        return frozen;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        Objects.checkIndex(index, size);
        return (T) chunks[index >>> SHIFT][index & MASK];
    }

    @Override
    public int size() {
        return size;
    }
}
