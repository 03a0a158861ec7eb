package org.warmline.assessing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.warmline.calendar.Period;
import org.warmline.cases.CaseDatabase;
import org.warmline.cases.CaseLedgerStore;
import org.warmline.cases.LeanCopyFloor;
import org.warmline.ledger.CaseColumn;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.Instants;
import org.warmline.ledger.LedgerReader;
import org.warmline.administration.Calendars;
import org.warmline.administration.SchemeVersions;
import org.warmline.organization.OrganizationStore;
import org.warmline.records.ManualRecords;
import org.warmline.scheme.Scheme;
import org.warmline.persistence.Databases;
import org.warmline.scheme.SchemeLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Composing the live assessment's data set from the database, on H2 and PostgreSQL: the period's cases and the
 * complaints of the repeat window before it (nothing else), and the assessment of the composed data set is the
 * command's expected JSON for the example ledger.
 */
class LiveAssessmentStoresTest {

    static final Scheme SCHEME = SchemeLoader.defaultScheme();

    static DataSet example() {
        return new LedgerReader(SCHEME, Locale.SIMPLIFIED_CHINESE).read(Path.of("examples/ledger")).data();
    }

    /** A copy of a case, renumbered, submitted at another instant, with another phone and category. */
    static CaseRecord moved(CaseRecord c, String caseNo, long shift, Category category, String phone) {
        CaseRecord.Builder moved = c.toBuilder().row(0).set(CaseColumn.CASE_NO, caseNo)
                .set(CaseColumn.CATEGORY, category).set(CaseColumn.CITIZEN_PHONE, phone);
        for (CaseColumn<?> column : CaseColumn.ALL) {
            if (column.kind() == CaseColumn.Kind.INSTANT && c.get(column) != null) {
                moved.at(column.asInstant(), c.at(column.asInstant()) + shift);
            }
        }
        return moved.build();
    }

    static LiveAssessment live(DataSource ds) {
        JdbcClient jdbc = JdbcClient.create(ds);
        JdbcTransactionManager tx = new JdbcTransactionManager(ds);
        SchemeVersions versions = SchemeVersions.of(jdbc);
        return new LiveAssessment(SCHEME, versions,
                Calendars.of(jdbc, versions),
                new OrganizationStore(jdbc, tx), new CaseLedgerStore(jdbc, tx, Databases.caseDatabase(ds)),
                new ManualRecords(jdbc, tx));
    }

    static void load(DataSource ds, DataSet data) {
        JdbcClient jdbc = JdbcClient.create(ds);
        JdbcTransactionManager tx = new JdbcTransactionManager(ds);
        new OrganizationStore(jdbc, tx).saveAll(data.units(), data.staff());
        new CaseLedgerStore(jdbc, tx, Databases.caseDatabase(ds)).importCases(data.cases());
        new ManualRecords(jdbc, tx).importAll(data.regulations(), data.trainings(), data.outages(), data.tasks(),
                data.adjustments(), "test", Instant.parse("2026-03-01T00:00:00Z"));
    }

    static String expected(String period) throws Exception {
        return Files.readString(Path.of("examples/expected/" + period + ".json"), StandardCharsets.UTF_8);
    }

    static Instant asOfOf(String json) {
        int at = json.indexOf("\"asOf\" : \"") + 10;
        return OffsetDateTime.parse(json.substring(at, json.indexOf('"', at))).toInstant();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void theDataSetOfAPeriodHoldsItsCasesAndTheComplaintsOfTheRepeatWindowBeforeIt(String name,
            Supplier<DataSource> database) throws Exception {
        DataSource ds = database.get();
        DataSet file = example();
        CaseRecord january = file.cases().stream()
                .filter(c -> c.at(CaseColumn.SUBMITTED_AT) >= Instant.parse("2026-01-10T00:00:00Z").toEpochMilli())
                .findFirst()
                .orElseThrow();
        long day = 86_400_000L;
        List<CaseRecord> extra = new ArrayList<>();
        // 20 days before January 10th: in the window; 40 days before: outside it; a consultation: never needed
        extra.add(moved(january, "X-IN-WINDOW", -20 * day, Category.COMPLAINT, "13900000001"));
        extra.add(moved(january, "X-TOO-EARLY", -60 * day, Category.COMPLAINT, "13900000002"));
        extra.add(moved(january, "X-CONSULT", -20 * day, Category.CONSULTATION, "13900000003"));
        List<CaseRecord> all = new ArrayList<>(file.cases());
        all.addAll(extra);
        load(ds, new DataSet(file.units(), file.staff(), all, file.regulations(), file.trainings(), file.outages(),
                file.tasks(), file.adjustments()));
        LiveAssessment live = live(ds);

        Period period = live.period("2026-01");
        DataSet composed = live.dataSet(period);
        List<String> expectedNumbers = new ArrayList<>(file.cases().stream()
                .filter(c -> c.caseNo().startsWith("C202601")).map(CaseRecord::caseNo).toList());
        expectedNumbers.add("X-IN-WINDOW");
        assertThat(composed.cases()).extracting(CaseRecord::caseNo)
                .containsExactlyInAnyOrderElementsOf(expectedNumbers);
        assertThat(composed.units()).containsExactlyInAnyOrderElementsOf(file.units());
        assertThat(composed.staff()).containsExactlyInAnyOrderElementsOf(file.staff());
        assertThat(composed.adjustments()).hasSameSizeAs(file.adjustments());
        assertThat(composed.trainings()).containsExactlyInAnyOrderElementsOf(file.trainings());

        // the engine's lean read: every column as the full read has it, free texts only as present or absent (on
        // PostgreSQL the lean read is a binary COPY decoded by hand)
        java.util.Map<String, CaseRecord> full = new java.util.HashMap<>();
        composed.cases().forEach(c -> full.put(c.caseNo(), c));
        List<CaseRecord> lean = live.assessmentData(period).cases();
        assertThat(lean).hasSameSizeAs(composed.cases()).allSatisfy(c -> {
            CaseRecord f = full.get(c.caseNo());
            for (CaseColumn<?> column : CaseColumn.ALL) {
                if (column.free()) {
                    assertThat(c.get(column)).as(column.name()).isEqualTo(f.get(column) == null ? null
                            : CaseLedgerStore.PRESENT);
                } else {
                    assertThat((Object) c.get(column)).as(column.name()).isEqualTo(f.get(column));
                }
            }
        });
        assertThat(lean).anySatisfy(c -> assertThat(c.at(CaseColumn.OCCURRED_AT)).isEqualTo(Instants.NONE));

        // the benchmark's floor (c): the same COPYs, received undecoded; PostgreSQL only
        CaseDatabase caseDatabase = Databases.caseDatabase(ds);
        Instant from = Instant.parse("2025-12-31T16:00:00Z");
        Instant to = Instant.parse("2026-01-31T16:00:00Z");
        if (name.contains("PostgreSQL")) {
            // 19-byte header, 2-byte trailer, and per row at least 2 + 29 x 4 bytes of counts and lengths
            assertThat(LeanCopyFloor.bytes(caseDatabase, from, to, java.time.Duration.ofDays(30)))
                    .isGreaterThan(2 * 21 + (long) lean.size() * (2 + 29 * 4));
        } else {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> LeanCopyFloor.bytes(caseDatabase, from, to, java.time.Duration.ofDays(30)))
                    .isInstanceOf(IllegalStateException.class);
        }

        for (String p : List.of("2026-01", "2026-Q1", "2026")) {
            String expected = expected(p);
            String json = new String(LiveAssessment.json(live.assess(live.period(p), asOfOf(expected),
                    Locale.SIMPLIFIED_CHINESE)), StandardCharsets.UTF_8);
            assertThat(json).as(p).isEqualTo(expected);
        }
    }
}
