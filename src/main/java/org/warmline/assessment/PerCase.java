package org.warmline.assessment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An object per judged case (its loss, its reasons, its group), most of them null: kept in chunks made as judging
 * reaches them, so that a new object is stored in an array about as new as itself. One array of a million, which the
 * garbage collector holds as old from the start, would have every such store noted and scanned again at each young
 * collection (see also src/main/java/org/warmline/ledger/ChunkList.java). Cases are judged in two threads, each
 * setting its own cases; a chunk they share is made once.
 */
final class PerCase<T> {

    private static final int SHIFT = 10;
    private static final int MASK = (1 << SHIFT) - 1;
    private static final VarHandle CHUNK = MethodHandles.arrayElementVarHandle(Object[][].class);

    private final Object[][] chunks;

    PerCase(int cases) {
        chunks = new Object[(cases + MASK) >>> SHIFT][];
    }

    @SuppressWarnings("unchecked")
    T get(int k) {
        Object[] chunk = (Object[]) CHUNK.getAcquire(chunks, k >>> SHIFT);
        return chunk == null ? null : (T) chunk[k & MASK];
    }

    void set(int k, T value) {
        Object[] chunk = (Object[]) CHUNK.getAcquire(chunks, k >>> SHIFT);
        if (chunk == null) {
            if (value == null) {
                return;
            }
            Object[] made = new Object[1 << SHIFT];
            Object[] won = (Object[]) CHUNK.compareAndExchangeRelease(chunks, k >>> SHIFT, null, made);
            chunk = won == null ? made : won;
        }
        chunk[k & MASK] = value;
    }
}
