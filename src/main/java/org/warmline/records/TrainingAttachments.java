package org.warmline.records;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.files.FileKind;
import org.warmline.ledger.Training;

/**
 * The files kept with training records (培训记录附件: sign-in sheets, courseware, photos), in the database (table
 * {@code training_attachment} of V6). Adding a file of a kind marks that record of the training as kept, in the same
 * transaction, which is what the assessment scores (docs/assessment.md 1.3). Files are never deleted.
 *
 * <p>Checking a file (its type by content, its size, its name) is {@link AttachmentCheck}'s work (with the desk's one file checker); this store keeps what
 * it is given.
 */
@Repository
public class TrainingAttachments {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ManualRecords records;

    public TrainingAttachments(JdbcClient jdbc, PlatformTransactionManager transactions, ManualRecords records) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.records = records;
    }

    /**
     * A stored file's description, without its bytes.
     *
     * @param trainingId the training it belongs to
     * @param sha256     the content's SHA-256, hex
     */
    public record Attachment(long id, long trainingId, AttachmentKind kind, String fileName, FileKind type,
                             long size, String sha256, Instant uploadedAt, String uploadedBy) {
    }

    /** A stored file with its bytes. */
    public record StoredFile(Attachment attachment, byte[] content) {
    }

    /**
     * Keeps a file with a training and marks that record of the training as kept.
     *
     * @return the file's id
     * @throws IllegalArgumentException when there is no such training
     */
    public long add(long trainingId, AttachmentKind kind, String fileName, FileKind type, byte[] content, String by,
                    Instant at) {
        return transaction.execute(status -> {
            Training training = records.training(trainingId)
                    .orElseThrow(() -> new IllegalArgumentException("no training " + trainingId)).record();
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("insert into training_attachment (training_id, kind, file_name, content_type, size_bytes, sha256, "
                            + "content, uploaded_at, uploaded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(trainingId, kind.name(), fileName, type.mediaType(), (long) content.length,
                            sha256(content), content, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), by)
                    .update(keys, "id");
            records.markTrainingRecords(trainingId, training.signIn() || kind == AttachmentKind.SIGN_IN,
                    training.courseware() || kind == AttachmentKind.COURSEWARE,
                    training.photos() || kind == AttachmentKind.PHOTOS);
            return keys.getKeyAs(Number.class).longValue();
        });
    }

    /** The files of a training, in the order uploaded. */
    public List<Attachment> of(long trainingId) {
        return jdbc.sql("select " + COLUMNS + " from training_attachment where training_id = ? order by id")
                .param(trainingId).query((rs, i) -> attachment(rs)).list();
    }

    /** Every file's description, by training and upload. */
    public List<Attachment> all() {
        return jdbc.sql("select " + COLUMNS + " from training_attachment order by training_id, id")
                .query((rs, i) -> attachment(rs)).list();
    }

    /** A file with its bytes. */
    public Optional<StoredFile> file(long id) {
        return jdbc.sql("select " + COLUMNS + ", content from training_attachment where id = ?").param(id)
                .query((rs, i) -> new StoredFile(attachment(rs), rs.getBytes("content"))).optional();
    }

    private static final String COLUMNS =
            "id, training_id, kind, file_name, content_type, size_bytes, sha256, uploaded_at, uploaded_by";

    private static Attachment attachment(ResultSet rs) throws SQLException {
        FileKind type = FileKind.ofMediaType(rs.getString("content_type")).orElse(null);
        return new Attachment(rs.getLong("id"), rs.getLong("training_id"), AttachmentKind.valueOf(rs.getString("kind")),
                rs.getString("file_name"), type, rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getObject("uploaded_at", OffsetDateTime.class).toInstant(), rs.getString("uploaded_by"));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
