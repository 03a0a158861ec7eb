package org.warmline.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An uploaded file spooled to a temporary file of its own as it is read (never whole in memory), at most a given size:
 * what {@link FileChecker} checks and a {@link FileStore} stores. Closing it deletes the temporary file.
 */
public final class Upload implements AutoCloseable {

    private final Path file;
    private final String name;
    private final long size;

    private Upload(Path file, String name, long size) {
        this.file = file;
        this.name = name;
        this.size = size;
    }

    /**
     * Reads the stream into a temporary file.
     *
     * @param name     the name the sender gave the file (checked later, by {@link FileChecker})
     * @param maxBytes the largest file accepted
     * @throws FileRefused {@code files.refused.empty} or {@code files.refused.tooLarge} (nothing is kept)
     */
    public static Upload spool(InputStream content, String name, long maxBytes) throws FileRefused, IOException {
        Path file = Files.createTempFile("warmline-upload-", ".part");
        long copied = 0;
        try (InputStream in = content; OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                copied += n;
                if (copied > maxBytes) {
                    throw new FileRefused("files.refused.tooLarge", megabytes(maxBytes));
                }
                out.write(buffer, 0, n);
            }
        } catch (FileRefused | IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (copied == 0) {
            Files.deleteIfExists(file);
            throw new FileRefused("files.refused.empty");
        }
        return new Upload(file, name, copied);
    }

    /** A limit in whole megabytes (at least 1), as messages show it. */
    public static long megabytes(long bytes) {
        return Math.max(1, bytes / (1024 * 1024));
    }

    public Path path() {
        return file;
    }

    /** The name the sender gave, unchecked. */
    public String name() {
        return name;
    }

    public long size() {
        return size;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the system's cleaning removes it
        }
    }
}
