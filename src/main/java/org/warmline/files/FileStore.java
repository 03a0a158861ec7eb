package org.warmline.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where the desk keeps file contents, by id; the files' descriptions (names, kinds, what they belong to) are kept by
 * their owners. Storing runs in the caller's transaction, so a file is kept together with what refers to it or not at
 * all. Contents are streamed both ways, never held whole in memory. The database is the default store
 * ({@link DatabaseFileStore}); a file store (a directory, an object store) can replace it behind this interface.
 */
public interface FileStore {

    /** A stored content: its id, size and SHA-256 (hex). */
    record Stored(long id, long size, String sha256) {
    }

    /** Stores the content read from the stream (to its end), in the caller's transaction. */
    Stored store(InputStream content) throws IOException;

    /** Writes a stored content to the stream. */
    void copyTo(long id, OutputStream out) throws IOException;
}
