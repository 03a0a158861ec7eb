package org.warmline.records;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.warmline.files.FileKind;
import org.warmline.ledger.Training;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.OrganizationStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The training attachment table of V6 on H2 and PostgreSQL: bytes read back exactly (every byte value, a few MB), the
 * training's record of that kind is marked kept in the same transaction, and a file for no training stores nothing.
 */
class TrainingAttachmentsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void filesReadBackByteForByteAndMarkTheirRecordKept(String name, Supplier<DataSource> database) {
        DataSource ds = database.get();
        JdbcClient jdbc = JdbcClient.create(ds);
        JdbcTransactionManager tx = new JdbcTransactionManager(ds);
        new OrganizationStore(jdbc, tx).saveAll(List.of(new Unit("B1", "城东分公司", UnitKind.BRANCH, null)), List.of());
        ManualRecords records = new ManualRecords(jdbc, tx);
        TrainingAttachments attachments = new TrainingAttachments(jdbc, tx, records);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long training = records.addTraining(new Training("B1", LocalDate.of(2026, 1, 8), "投诉处理规范", false, false,
                false), "assessor", at);

        byte[] photo = new byte[3 * 1024 * 1024 + 7];
        for (int i = 0; i < photo.length; i++) {
            photo[i] = (byte) (i * 31 + i / 256);
        }
        photo[0] = (byte) 0xFF;
        photo[1] = (byte) 0xD8;
        photo[2] = (byte) 0xFF;
        long id = attachments.add(training, AttachmentKind.PHOTOS, "现场.jpg", FileKind.JPEG, photo, "assessor", at);

        var stored = attachments.file(id).orElseThrow();
        assertThat(stored.content()).isEqualTo(photo);
        assertThat(stored.attachment()).isEqualTo(new TrainingAttachments.Attachment(id, training,
                AttachmentKind.PHOTOS, "现场.jpg", FileKind.JPEG, photo.length, TrainingAttachments.sha256(photo), at,
                "assessor"));
        assertThat(records.training(training).orElseThrow().record())
                .isEqualTo(new Training("B1", LocalDate.of(2026, 1, 8), "投诉处理规范", false, false, true));

        byte[] pdf = "%PDF-1.7 签到表".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long second = attachments.add(training, AttachmentKind.SIGN_IN, "签到表.pdf", FileKind.PDF, pdf, "mgr", at);
        assertThat(attachments.of(training)).extracting(TrainingAttachments.Attachment::id).containsExactly(id, second);
        assertThat(attachments.all()).hasSize(2);
        assertThat(records.training(training).orElseThrow().record().signIn()).isTrue();
        assertThat(records.training(training).orElseThrow().record().courseware()).isFalse();
        assertThat(attachments.file(second).orElseThrow().content()).isEqualTo(pdf);
        assertThat(attachments.file(second + 1000)).isEmpty();

        assertThatThrownBy(() -> attachments.add(training + 1000, AttachmentKind.COURSEWARE, "x.pdf", FileKind.PDF,
                pdf, "assessor", at)).isInstanceOf(IllegalArgumentException.class);
        assertThat(attachments.all()).hasSize(2);
        assertThatThrownBy(() -> jdbc.sql("insert into training_attachment (training_id, kind, file_name, content_type, "
                + "size_bytes, sha256, content, uploaded_at, uploaded_by) values (?, 'PHOTOS', 'x.png', 'image/png', 1, "
                + "'0', ?, current_timestamp, 'x')").params(training + 1000, new byte[] {1}).update())
                .as("a file of no training").isInstanceOf(Exception.class);
    }
}
