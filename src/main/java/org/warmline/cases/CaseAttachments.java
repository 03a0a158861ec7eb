package org.warmline.cases;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;
import org.warmline.files.FileChecker;
import org.warmline.files.FileKind;
import org.warmline.files.FileRefused;
import org.warmline.files.FileStore;
import org.warmline.files.Upload;
import org.warmline.security.Account;

/**
 * The files of a case (photos and documents; table {@code case_attachment}): checked by the desk's file checker (type
 * by content, size, bombs, names), photos kept without their location data and with a small preview, the contents in
 * the {@link FileStore} (the database by default). A file is added in one transaction with its history line, with
 * the case's row locked so that the count per case holds against concurrent uploads: it is kept whole or not at all,
 * and is committed before the caller answers. Every download by staff is a history line.
 *
 * <p>Settings: {@code warmline.attachments.max-size} (default 10MB) and {@code warmline.attachments.max-per-case}
 * (default 20).
 */
@Service
public class CaseAttachments {

    /** The history action of a staff download. */
    public static final String DOWNLOADED = "FILE_DOWNLOADED";
    /** The longest side of a preview, in pixels. */
    public static final int PREVIEW_SIDE = 320;

    /** A file of a case, without its bytes. */
    public record Attachment(long id, CaseId caseId, String fileName, FileKind kind, long size, String sha256,
                             Integer width, Integer height, boolean hasPreview, boolean byCitizen, Instant addedAt,
                             String addedBy) {
    }

    /**
     * A file checked and ready to be kept (a photo already without its location data, with its preview); closing it
     * deletes its temporary files.
     */
    public static final class Prepared implements AutoCloseable {
        private final Upload upload;
        private final FileChecker.Checked checked;
        private final Path content;
        private final byte[] preview;

        private Prepared(Upload upload, FileChecker.Checked checked, Path content, byte[] preview) {
            this.upload = upload;
            this.checked = checked;
            this.content = content;
            this.preview = preview;
        }

        public String fileName() {
            return checked.fileName();
        }

        public FileKind kind() {
            return checked.kind();
        }

        @Override
        public void close() {
            upload.close();
            if (!content.equals(upload.path())) {
                try {
                    Files.deleteIfExists(content);
                } catch (IOException ignored) {
                    // a temporary file; the system's cleaning removes it
                }
            }
        }
    }

    private static final String COLUMNS = "id, case_id, file_name, kind, size_bytes, sha256, width, height, "
            + "preview_id, by_citizen, added_at, added_by";

    private final JdbcClient jdbc;
    private final CaseDesk desk;
    private final CaseRepository cases;
    private final FileChecker checker;
    private final FileStore store;
    private final long maxSize;
    private final int maxPerCase;

    CaseAttachments(JdbcClient jdbc, CaseDesk desk, CaseRepository cases, FileChecker checker, FileStore store,
                    @Value("${warmline.attachments.max-size:10MB}") DataSize maxSize,
                    @Value("${warmline.attachments.max-per-case:20}") int maxPerCase) {
        this.jdbc = jdbc;
        this.desk = desk;
        this.cases = cases;
        this.checker = checker;
        this.store = store;
        this.maxSize = maxSize.toBytes();
        this.maxPerCase = maxPerCase;
    }

    /** The largest file, in bytes. */
    public long maxSize() {
        return maxSize;
    }

    /** The most files a case keeps. */
    public int maxPerCase() {
        return maxPerCase;
    }

    /**
     * Reads and checks an uploaded file of one of these kinds (spooled to a temporary file, never whole in memory); a
     * photo loses its location data and gets its preview. Nothing is stored yet.
     *
     * @throws FileRefused with the reason the file is refused
     */
    public Prepared prepare(InputStream content, String name, Set<FileKind> accepted) throws FileRefused {
        Upload upload;
        try {
            upload = Upload.spool(content, name, maxSize);
        } catch (IOException e) {
            throw new FileRefused("files.refused.unreadable");
        }
        try {
            FileChecker.Checked checked = checker.check(upload, accepted);
            if (!checked.kind().photo()) {
                return new Prepared(upload, checked, upload.path(), null);
            }
            Path cleaned = Files.createTempFile("warmline-photo-", ".part");
            try {
                byte[] preview = checker.withoutLocation(upload, checked.kind(), cleaned, PREVIEW_SIDE).orElse(null);
                return new Prepared(upload, checked, cleaned, preview);
            } catch (FileRefused | RuntimeException e) {
                Files.deleteIfExists(cleaned);
                throw e;
            }
        } catch (FileRefused | RuntimeException e) {
            upload.close();
            throw e;
        } catch (IOException e) {
            upload.close();
            throw new FileRefused("files.refused.unreadable");
        }
    }

    /** Keeps a prepared file with the case (see {@link #addAll}). */
    public Attachment add(CaseId caseId, Prepared file, String actor, boolean byCitizen, Instant at) {
        return addAll(caseId, List.of(file), actor, byCitizen, at).get(0);
    }

    /**
     * Keeps prepared files with the case, all or none, in one transaction (joining the caller's, if any) with a history
     * line each; the case's row is locked meanwhile.
     *
     * @throws TransitionRefused {@code case.refused.files-full} when the case would have more than the most files,
     *                           {@code case.refused.closed} when a citizen adds to a closed case
     */
    public List<Attachment> addAll(CaseId caseId, List<Prepared> files, String actor, boolean byCitizen, Instant at) {
        return desk.withLockedCase(caseId, c -> files.forEach(f -> c.attached(actor, at, f.fileName(), byCitizen)),
                c -> {
                    int count = jdbc.sql("select count(*) from case_attachment where case_id = ?")
                            .param(caseId.value()).query(Integer.class).single();
                    if (count + files.size() > maxPerCase) {
                        throw new TransitionRefused("case.refused.files-full",
                                "A case keeps at most " + maxPerCase + " files.", maxPerCase);
                    }
                    List<Long> ids = new ArrayList<>();
                    for (Prepared f : files) {
                        ids.add(insert(caseId, f, actor, byCitizen, at));
                    }
                    return ids.stream().map(id -> find(caseId, id).orElseThrow()).toList();
                });
    }

    private long insert(CaseId caseId, Prepared f, String actor, boolean byCitizen, Instant at) {
        try {
            FileStore.Stored content;
            try (InputStream in = Files.newInputStream(f.content)) {
                content = store.store(in);
            }
            Long preview = f.preview == null ? null : store.store(new ByteArrayInputStream(f.preview)).id();
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("insert into case_attachment (case_id, file_id, preview_id, file_name, kind, size_bytes, sha256, "
                            + "width, height, by_citizen, added_at, added_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(caseId.value(), content.id(), preview, f.fileName(), f.kind().name(), content.size(),
                            content.sha256(), f.checked.width(), f.checked.height(), byCitizen,
                            OffsetDateTime.ofInstant(at, ZoneOffset.UTC), actor)
                    .update(keys, "id");
            return keys.getKeyAs(Number.class).longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files of a case, in the order added. */
    public List<Attachment> of(CaseId caseId) {
        return jdbc.sql("select " + COLUMNS + " from case_attachment where case_id = ? order by id")
                .param(caseId.value()).query((rs, i) -> read(rs)).list();
    }

    /** A file of the case (and of no other case). */
    public Optional<Attachment> find(CaseId caseId, long id) {
        return jdbc.sql("select " + COLUMNS + " from case_attachment where case_id = ? and id = ?")
                .params(caseId.value(), id).query((rs, i) -> read(rs)).optional();
    }

    /** Writes the file's bytes (or its preview's, when asked and it has one) to the stream. */
    public void copyTo(Attachment file, boolean preview, OutputStream out) throws IOException {
        Long content = jdbc.sql("select " + (preview ? "preview_id" : "file_id") + " from case_attachment where id = ?")
                .param(file.id()).query(Long.class).optional().orElseThrow(() -> new IOException("no file"));
        store.copyTo(content, out);
    }

    /** Records in the case's history that a member of staff downloaded the file (the case does not change). */
    public void downloaded(Attachment file, Account by, Instant at) {
        cases.appendHistory(List.of(new HistoryEntry(file.caseId(), at, CaseDesk.actor(by), DOWNLOADED, null, null,
                null, file.fileName())));
    }

    private static Attachment read(ResultSet rs) throws SQLException {
        int width = rs.getInt("width");
        Integer w = rs.wasNull() ? null : width;
        int height = rs.getInt("height");
        Integer h = rs.wasNull() ? null : height;
        rs.getLong("preview_id");
        boolean preview = !rs.wasNull();
        return new Attachment(rs.getLong("id"), new CaseId(rs.getLong("case_id")), rs.getString("file_name"),
                FileKind.valueOf(rs.getString("kind")), rs.getLong("size_bytes"), rs.getString("sha256"), w, h,
                preview, rs.getBoolean("by_citizen"), rs.getObject("added_at", OffsetDateTime.class).toInstant(),
                rs.getString("added_by"));
    }
}
