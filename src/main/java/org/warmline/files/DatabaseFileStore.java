package org.warmline.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * The default {@link FileStore}: contents in the database (tables {@code stored_file} and {@code stored_file_chunk}),
 * in chunks of 256 KiB, written one chunk at a time as the stream is read and read back one chunk per query, so
 * neither way holds more than a chunk in memory, on H2 and PostgreSQL alike. Everything is written in the caller's
 * transaction: a stream that fails half way, or a transaction rolled back, leaves no row.
 */
@Component
public class DatabaseFileStore implements FileStore {

    static final int CHUNK = 256 * 1024;

    private final JdbcClient jdbc;

    public DatabaseFileStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Stored store(InputStream content) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into stored_file (size_bytes, sha256, chunks, stored_at) values (0, '', 0, ?)")
                .param(OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        byte[] buffer = new byte[CHUNK];
        long size = 0;
        int seq = 0;
        while (true) {
            int n = content.readNBytes(buffer, 0, CHUNK);
            if (n <= 0) {
                break;
            }
            digest.update(buffer, 0, n);
            jdbc.sql("insert into stored_file_chunk (file_id, seq, data) values (?, ?, ?)")
                    .params(id, seq++, n == CHUNK ? buffer : Arrays.copyOf(buffer, n))
                    .update();
            size += n;
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        jdbc.sql("update stored_file set size_bytes = ?, sha256 = ?, chunks = ? where id = ?")
                .params(size, sha256, seq, id).update();
        return new Stored(id, size, sha256);
    }

    @Override
    public void copyTo(long id, OutputStream out) throws IOException {
        int chunks = jdbc.sql("select chunks from stored_file where id = ?").param(id).query(Integer.class)
                .optional().orElseThrow(() -> new IOException("no stored file " + id));
        for (int seq = 0; seq < chunks; seq++) {
            byte[] data = jdbc.sql("select data from stored_file_chunk where file_id = ? and seq = ?")
                    .params(id, seq).query((rs, row) -> rs.getBytes(1)).optional()
                    .orElseThrow(() -> new IOException("stored file " + id + " lacks a chunk"));
            out.write(data);
        }
    }
}
