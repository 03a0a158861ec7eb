package org.warmline.cases;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.GpsDirectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.unit.DataSize;
import org.warmline.files.DatabaseFileStore;
import org.warmline.files.FileChecker;
import org.warmline.files.FileKind;
import org.warmline.files.FileRefused;
import org.warmline.files.FileStore;
import org.warmline.files.TestFiles;
import org.warmline.ledger.CaseColumn;
import org.warmline.persistence.Databases;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Case work on H2 and PostgreSQL: internal notes, the contact log (the first contact that reaches the citizen is the
 * case's contact), corrections of a case's facts (history before → after with the reason, deadline and ledger record
 * from the corrected facts), and the files of a case (kept whole or not at all, photos without location, the count per
 * case limited, downloads on the history).
 */
class CaseWorkTest {

    private static Case dispatched(DeskFixture f, Category category) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Case c = f.desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, category, false, "室温不达标", "王女士",
                "13812345678", "幸福小区3-2-501", "卧室室温只有16度", null, now.minusSeconds(600), null),
                DeskFixture.AGENT, now);
        return f.desk.dispatch(c.id(), c.version(), DeskFixture.AGENT, now, "T1", "S01");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void notesAreKeptWithAHistoryLineAndLeaveTheVersionAlone(String name, Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        Case c = dispatched(f, Category.COMPLAINT);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        f.desk.note(c.id(), DeskFixture.STEWARD, at, "  用户白天上班,晚上7点后再联系 ");
        f.desk.note(c.id(), DeskFixture.AGENT, at.plusSeconds(1), "已提醒处理人");
        assertThat(f.desk.notes(c.id())).extracting(CaseWorkLog.Note::author, CaseWorkLog.Note::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("S01", "用户白天上班,晚上7点后再联系"),
                        org.assertj.core.groups.Tuple.tuple("A01", "已提醒处理人"));
        assertThat(f.repository.findById(c.id()).orElseThrow().version()).isEqualTo(c.version());
        assertThat(f.desk.history(c.id())).filteredOn(h -> h.action().equals("NOTE"))
                .extracting(HistoryEntry::actor, HistoryEntry::note)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("S01", "用户白天上班,晚上7点后再联系"),
                        org.assertj.core.groups.Tuple.tuple("A01", "已提醒处理人"));
        assertThat(f.jdbc.sql("select notes_text from petition_case where id = ?").param(c.id().value())
                .query(String.class).single()).isEqualTo("用户白天上班,晚上7点后再联系\n已提醒处理人");
        assertThat(f.events).filteredOn(e -> e instanceof CaseEvent.NoteAdded).hasSize(2);
        assertThatThrownBy(() -> f.desk.note(c.id(), DeskFixture.AGENT, at, " "))
                .isInstanceOf(TransitionRefused.class).hasMessageContaining("must be written");
        assertThatThrownBy(() -> f.desk.note(c.id(), DeskFixture.AGENT, at, "长".repeat(1001)))
                .isInstanceOf(TransitionRefused.class);
        assertThat(f.desk.notes(c.id())).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void theFirstAttemptThatReachesTheCitizenIsTheContact(String name, Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        Case c = dispatched(f, Category.COMPLAINT);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Case afterNoAnswer = f.desk.logContact(c.id(), c.version(), DeskFixture.STEWARD, t0, ContactOutcome.NO_ANSWER,
                "响铃一分钟无人接");
        assertThat(afterNoAnswer.contactedAt()).isNull();
        assertThat(afterNoAnswer.version()).as("an attempt that changes nothing leaves the version").isEqualTo(c.version());
        f.desk.logContact(c.id(), c.version() + 7, DeskFixture.STEWARD, t0.plusSeconds(60),
                ContactOutcome.SWITCHED_OFF, null); // a stale version does not matter when nothing changes
        assertThatThrownBy(() -> f.desk.logContact(c.id(), c.version() + 7, DeskFixture.STEWARD, t0.plusSeconds(90),
                ContactOutcome.REACHED, null)).isInstanceOf(CaseChanged.class);
        Case reached = f.desk.logContact(c.id(), c.version(), DeskFixture.STEWARD, t0.plusSeconds(120),
                ContactOutcome.REACHED, "约好下午上门");
        assertThat(reached.contactedAt()).isEqualTo(t0.plusSeconds(120));
        assertThat(reached.state()).isEqualTo(CaseState.IN_PROGRESS);
        assertThat(reached.version()).isEqualTo(c.version() + 1);
        Case again = f.desk.logContact(c.id(), reached.version(), DeskFixture.STEWARD, t0.plusSeconds(300),
                ContactOutcome.REACHED, null);
        assertThat(again.contactedAt()).as("the first contact stays").isEqualTo(t0.plusSeconds(120));
        assertThat(f.desk.contacts(c.id())).extracting(CaseWorkLog.ContactAttempt::outcome).containsExactly(
                ContactOutcome.NO_ANSWER, ContactOutcome.SWITCHED_OFF, ContactOutcome.REACHED, ContactOutcome.REACHED);
        assertThat(f.desk.contacts(c.id()).get(0).remark()).isEqualTo("响铃一分钟无人接");
        List<HistoryEntry> history = f.desk.history(c.id());
        assertThat(history).filteredOn(h -> h.action().equals("CONTACT_ATTEMPT") && "contact_outcome".equals(h.field()))
                .extracting(HistoryEntry::after).containsExactly("NO_ANSWER", "SWITCHED_OFF", "REACHED", "REACHED");
        assertThat(history).filteredOn(h -> "contacted_at".equals(h.field())).singleElement()
                .extracting(HistoryEntry::action).isEqualTo("CONTACT_ATTEMPT");
        assertThat(f.events).filteredOn(e -> e instanceof CaseEvent.CaseContacted).hasSize(1);

        Case accepted = f.desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false,
                "室温不达标", null, "13800000000", "x", "y", null, t0, null), DeskFixture.AGENT, t0);
        assertThatThrownBy(() -> f.desk.logContact(accepted.id(), accepted.version(), DeskFixture.STEWARD, t0,
                ContactOutcome.REACHED, null)).as("not dispatched yet").isInstanceOf(TransitionRefused.class);
        assertThat(f.desk.contacts(accepted.id())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aCorrectionChangesTheFactsWithHistoryAndTheDeadlineFollows(String name, Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        Case c = dispatched(f, Category.CONSULTATION);
        Instant now = Instant.now();
        Instant before = f.desk.clocks(c, now).clock(CaseClocks.Kind.HANDLING).orElseThrow().deadline();
        Map<CaseColumn<?>, Object> values = new java.util.HashMap<>();
        values.put(CaseColumn.CATEGORY, Category.COMPLAINT);
        values.put(CaseColumn.COMPLEX, true);
        values.put(CaseColumn.TOPIC, "漏水");
        values.put(CaseColumn.ADDRESS, "幸福小区3-2-502");
        values.put(CaseColumn.CITIZEN_NAME, "王丽");
        values.put(CaseColumn.CITIZEN_PHONE, "13912345678");
        values.put(CaseColumn.CITIZEN_NAME, "王丽");
        Case corrected = f.desk.correct(c.id(), c.version(), DeskFixture.MANAGER, now, "受理时类别选错,实为投诉", values);
        assertThat(corrected.category()).isEqualTo(Category.COMPLAINT);
        assertThat(corrected.complex()).isTrue();
        assertThat(corrected.citizenPhone()).isEqualTo("13912345678");
        assertThat(corrected.version()).isEqualTo(c.version() + 1);
        Instant after = f.desk.clocks(corrected, now).clock(CaseClocks.Kind.HANDLING).orElseThrow().deadline();
        assertThat(after).as("a complex complaint has a longer handling allowance than a consultation").isAfter(before);
        assertThat(f.jdbc.sql("select nearest_deadline from petition_case where id = ?").param(c.id().value())
                .query(java.time.OffsetDateTime.class).single().toInstant())
                .isEqualTo(f.desk.clocks(corrected, now).nearestDeadline().orElseThrow());
        List<HistoryEntry> lines = f.desk.history(c.id()).stream().filter(h -> h.action().equals("CORRECT")).toList();
        assertThat(lines).extracting(HistoryEntry::field, HistoryEntry::before, HistoryEntry::after).containsExactly(
                org.assertj.core.groups.Tuple.tuple("category", "CONSULTATION", "COMPLAINT"),
                org.assertj.core.groups.Tuple.tuple("topic", "TEMPERATURE", "LEAK"),
                org.assertj.core.groups.Tuple.tuple("complex", "false", "true"),
                org.assertj.core.groups.Tuple.tuple("address", "幸福小区3-2-501", "幸福小区3-2-502"),
                org.assertj.core.groups.Tuple.tuple("citizen_name", "王女士", "王丽"),
                org.assertj.core.groups.Tuple.tuple("citizen_phone", "13812345678", "13912345678"));
        assertThat(lines).allSatisfy(h -> {
            assertThat(h.actor()).isEqualTo("wang");
            assertThat(h.note()).isEqualTo("受理时类别选错,实为投诉");
        });
        CaseRecord exported = new CaseLedgerStore(f.jdbc, f.transactions, Databases.caseDatabase(f.dataSource))
                .submittedBetween(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))).stream()
                .filter(r -> r.caseNo().equals(c.caseNo())).findFirst().orElseThrow();
        assertThat(exported.get(CaseColumn.CATEGORY)).isEqualTo(Category.COMPLAINT);
        assertThat(exported.is(CaseColumn.COMPLEX)).isTrue();
        assertThat(exported.get(CaseColumn.TOPIC)).isEqualTo("LEAK");
        assertThat(exported.get(CaseColumn.CITIZEN_PHONE)).isEqualTo("13912345678");
        assertThat(f.desk.earlierCases("139 1234 5678", now)).extracting(Case::caseNo).containsExactly(c.caseNo());
        assertThat(f.events).filteredOn(e -> e instanceof CaseEvent.FactsChanged).singleElement()
                .extracting(e -> ((CaseEvent.FactsChanged) e).facts()).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.collection(CaseColumn.class)).hasSize(6);

        int version = corrected.version();
        assertThatThrownBy(() -> f.desk.correct(c.id(), version, DeskFixture.AGENT, now, "重复",
                Map.of(CaseColumn.CATEGORY, Category.COMPLAINT))).isInstanceOf(TransitionRefused.class)
                .extracting(e -> ((TransitionRefused) e).key()).isEqualTo("case.refused.nothing-changed");
        assertThatThrownBy(() -> f.desk.correct(c.id(), version, DeskFixture.AGENT, now, " ",
                Map.of(CaseColumn.CATEGORY, Category.SUGGESTION))).extracting(e -> ((TransitionRefused) e).key())
                .isEqualTo("case.refused.change-reason");
        assertThatThrownBy(() -> f.desk.correct(c.id(), version, DeskFixture.AGENT, now, "号码",
                Map.of(CaseColumn.CITIZEN_PHONE, "()-+"))).extracting(e -> ((TransitionRefused) e).key())
                .isEqualTo("case.refused.fact");
        assertThatThrownBy(() -> f.desk.correct(c.id(), version, DeskFixture.AGENT, now, "清空",
                Map.of(CaseColumn.TOPIC, " "))).extracting(e -> ((TransitionRefused) e).key())
                .isEqualTo("case.refused.fact");
        assertThatThrownBy(() -> f.desk.correct(c.id(), version - 1, DeskFixture.AGENT, now, "旧版本",
                Map.of(CaseColumn.CATEGORY, Category.SUGGESTION))).isInstanceOf(CaseChanged.class);
        Case cleared = f.desk.correct(c.id(), version, DeskFixture.AGENT, now, "用户不愿留姓名",
                Map.of(CaseColumn.CITIZEN_NAME, ""));
        assertThat(cleared.citizenName()).isNull();
        assertThat(f.repository.findById(c.id()).orElseThrow().category()).isEqualTo(Category.COMPLAINT);
    }

    private static CaseAttachments attachments(DeskFixture f, FileStore store, int maxPerCase) {
        return new CaseAttachments(f.jdbc, f.desk, f.repository,
                new FileChecker(DataSize.ofMegabytes(100), 100_000_000), store, DataSize.ofMegabytes(10), maxPerCase);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void filesAreKeptWholeWithoutLocationAndCountedPerCase(String name, Supplier<DataSource> database)
            throws Exception {
        DeskFixture f = new DeskFixture(database.get());
        Case c = dispatched(f, Category.COMPLAINT);
        CaseAttachments files = attachments(f, new DatabaseFileStore(f.jdbc), 3);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CaseAttachments.Attachment photo;
        try (CaseAttachments.Prepared p = files.prepare(new ByteArrayInputStream(TestFiles.fixture("gps.jpg")),
                "温度计.jpg", FileKind.ALL)) {
            photo = files.add(c.id(), p, "S01", false, at);
        }
        assertThat(photo.kind()).isEqualTo(FileKind.JPEG);
        assertThat(photo.hasPreview()).isTrue();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        files.copyTo(photo, false, kept);
        java.nio.file.Path keptFile = java.nio.file.Files.createTempFile("kept", ".jpg");
        java.nio.file.Files.write(keptFile, kept.toByteArray());
        assertThat(ImageMetadataReader.readMetadata(keptFile.toFile()).getDirectoriesOfType(GpsDirectory.class)
                .stream().map(GpsDirectory::getGeoLocation).filter(java.util.Objects::nonNull)).isEmpty();
        java.nio.file.Files.delete(keptFile);
        assertThat(photo.size()).isEqualTo(kept.size());
        ByteArrayOutputStream preview = new ByteArrayOutputStream();
        files.copyTo(photo, true, preview);
        assertThat(javax.imageio.ImageIO.read(new ByteArrayInputStream(preview.toByteArray())).getWidth()).isEqualTo(48);

        byte[] pdf = TestFiles.pdfWithStream(700_000, "FlateDecode");
        CaseAttachments.Attachment doc;
        try (CaseAttachments.Prepared p = files.prepare(new ByteArrayInputStream(TestFiles.xlsx()), "温度记录.xlsx",
                FileKind.ALL)) {
            doc = files.add(c.id(), p, "S01", false, at);
        }
        assertThat(doc.hasPreview()).isFalse();
        assertThat(files.of(c.id())).extracting(CaseAttachments.Attachment::fileName)
                .containsExactly("温度计.jpg", "温度记录.xlsx");
        assertThat(f.desk.history(c.id())).filteredOn(h -> h.action().equals("ATTACH"))
                .extracting(HistoryEntry::note).containsExactly("温度计.jpg", "温度记录.xlsx");
        assertThat(f.repository.findById(c.id()).orElseThrow().version()).isEqualTo(c.version());

        try (CaseAttachments.Prepared a = files.prepare(new ByteArrayInputStream(pdf), "a.pdf", FileKind.ALL);
             CaseAttachments.Prepared b = files.prepare(new ByteArrayInputStream(pdf), "b.pdf", FileKind.ALL)) {
            assertThatThrownBy(() -> files.addAll(c.id(), List.of(a, b), "S01", false, at))
                    .as("two more would make four").isInstanceOf(TransitionRefused.class)
                    .extracting(e -> ((TransitionRefused) e).key()).isEqualTo("case.refused.files-full");
            assertThat(files.of(c.id())).hasSize(2);
            files.add(c.id(), a, "S01", false, at);
        }
        assertThat(files.of(c.id())).hasSize(3);
        assertThat(files.find(c.id(), photo.id())).isPresent();
        assertThat(files.find(new CaseId(c.id().value() + 1), photo.id())).as("of no other case").isEmpty();

        files.downloaded(photo, DeskFixture.MANAGER, at);
        assertThat(f.desk.history(c.id())).filteredOn(h -> h.action().equals(CaseAttachments.DOWNLOADED))
                .extracting(HistoryEntry::actor, HistoryEntry::note)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("wang", "温度计.jpg"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aFileInterruptedWhileStoredLeavesNothingAndABigFileReadsBackWhole(String name, Supplier<DataSource> database)
            throws Exception {
        DeskFixture f = new DeskFixture(database.get());
        Case c = dispatched(f, Category.COMPLAINT);
        DatabaseFileStore real = new DatabaseFileStore(f.jdbc);
        FileStore failing = new FileStore() {
            @Override
            public Stored store(InputStream content) throws IOException {
                return real.store(new java.io.FilterInputStream(content) {
                    private long read;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        read += Math.max(0, n);
                        if (read > 600_000) {
                            throw new IOException("connection lost");
                        }
                        return n;
                    }
                });
            }

            @Override
            public void copyTo(long id, java.io.OutputStream out) throws IOException {
                real.copyTo(id, out);
            }
        };
        byte[] photo = TestFiles.noisyJpeg(1200, 900);
        assertThat(photo.length).as("several chunks").isGreaterThan(600_000);
        Instant at = Instant.now();
        try (CaseAttachments.Prepared p = attachments(f, failing, 20).prepare(new ByteArrayInputStream(photo),
                "现场.jpg", FileKind.ALL)) {
            assertThatThrownBy(() -> attachments(f, failing, 20).add(c.id(), p, "S01", false, at))
                    .hasRootCauseMessage("connection lost");
            assertThat(f.jdbc.sql("select count(*) from stored_file").query(Integer.class).single()).isZero();
            assertThat(f.jdbc.sql("select count(*) from stored_file_chunk").query(Integer.class).single()).isZero();
            assertThat(f.jdbc.sql("select count(*) from case_attachment").query(Integer.class).single()).isZero();
            assertThat(f.desk.history(c.id())).noneMatch(h -> h.action().equals("ATTACH"));

            CaseAttachments.Attachment kept = attachments(f, real, 20).add(c.id(), p, "S01", false, at);
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            attachments(f, real, 20).copyTo(kept, false, back);
            assertThat(back.toByteArray()).as("a JPEG without location data is kept as it came").isEqualTo(photo);
            assertThat(kept.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(photo)));
            assertThat(f.jdbc.sql("select count(*) from stored_file_chunk").query(Integer.class).single())
                    .isGreaterThan(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aCitizenAddsFilesOnlyWhileTheCaseIsOpen(String name, Supplier<DataSource> database) throws Exception {
        DeskFixture f = new DeskFixture(database.get());
        Case c = dispatched(f, Category.COMPLAINT);
        CaseAttachments files = attachments(f, new DatabaseFileStore(f.jdbc), 20);
        Instant at = Instant.now();
        try (CaseAttachments.Prepared p = files.prepare(new ByteArrayInputStream(TestFiles.png(40, 30)), "a.png",
                FileKind.PHOTOS)) {
            assertThat(files.add(c.id(), p, CaseDesk.CITIZEN, true, at).byCitizen()).isTrue();
            Case withdrawn = f.desk.withdraw(c.id(), c.version(), DeskFixture.AGENT, at, "重复");
            assertThatThrownBy(() -> files.add(withdrawn.id(), p, CaseDesk.CITIZEN, true, at))
                    .isInstanceOf(TransitionRefused.class).extracting(e -> ((TransitionRefused) e).key())
                    .isEqualTo("case.refused.closed");
            assertThat(files.add(withdrawn.id(), p, "A01", false, at).byCitizen()).as("staff still may").isFalse();
        }
        assertThatThrownBy(() -> files.prepare(new ByteArrayInputStream(TestFiles.xlsx()), "a.xlsx", FileKind.PHOTOS))
                .isInstanceOf(FileRefused.class);
    }
}
