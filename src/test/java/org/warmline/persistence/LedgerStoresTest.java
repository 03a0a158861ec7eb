package org.warmline.persistence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.warmline.assessment.AssessmentEngine;
import org.warmline.assessment.ResultJson;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.CaseLedgerStore;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.LedgerReader;
import org.warmline.organization.OrganizationStore;
import org.warmline.records.ManualRecords;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;

/**
 * The organisation and case stores on H2 and PostgreSQL: a ledger imported into the database reads back field for
 * field, assesses exactly like the file, and a failed import changes nothing.
 */
class LedgerStoresTest {

    private static final Scheme SCHEME = SchemeLoader.defaultScheme();

    private static DataSet example() {
        return new LedgerReader(SCHEME, Locale.ENGLISH).read(Path.of("examples/ledger")).data();
    }

    private static CaseRecord withoutRow(CaseRecord c) {
        return c.withRow(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void anImportedLedgerReadsBackAndAssessesLikeTheFile(String name, Supplier<DataSource> database) {
        DataSource ds = database.get();
        JdbcClient jdbc = JdbcClient.create(ds);
        JdbcTransactionManager tx = new JdbcTransactionManager(ds);
        OrganizationStore organization = new OrganizationStore(jdbc, tx);
        CaseLedgerStore cases = new CaseLedgerStore(jdbc, tx, Databases.caseDatabase(ds));
        DataSet file = example();

        List<org.warmline.ledger.Unit> childrenFirst = new ArrayList<>(file.units());
        java.util.Collections.reverse(childrenFirst);
        organization.saveAll(childrenFirst, file.staff());
        cases.importCases(file.cases());

        assertThat(organization.units()).containsExactlyInAnyOrderElementsOf(file.units());
        assertThat(organization.staff()).containsExactlyInAnyOrderElementsOf(file.staff());
        assertThat(cases.all().stream().map(LedgerStoresTest::withoutRow).toList())
                .containsExactlyInAnyOrderElementsOf(file.cases().stream().map(LedgerStoresTest::withoutRow).toList());
        Instant from = Instant.parse("2026-01-31T16:00:00Z");
        Instant to = Instant.parse("2026-02-28T16:00:00Z");
        assertThat(cases.submittedBetween(from, to)).isNotEmpty().allSatisfy(c ->
                assertThat(c.at(SUBMITTED_AT)).isBetween(from.toEpochMilli(), to.toEpochMilli() - 1));

        ManualRecords records = new ManualRecords(jdbc, tx);
        records.importAll(file.regulations(), file.trainings(), file.outages(), file.tasks(), file.adjustments(),
                "test", Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(records.regulations()).containsExactlyInAnyOrderElementsOf(file.regulations());
        assertThat(records.trainings()).containsExactlyInAnyOrderElementsOf(file.trainings());
        assertThat(records.tasks()).containsExactlyInAnyOrderElementsOf(file.tasks());
        assertThat(records.outages().stream().map(o -> o.channel() + o.unit() + o.startedAt() + "/" + o.backupStartedAt()))
                .containsExactlyInAnyOrderElementsOf(file.outages().stream()
                        .map(o -> o.channel() + o.unit() + o.startedAt() + "/" + o.backupStartedAt()).toList());
        assertThat(records.adjustments()).hasSameSizeAs(file.adjustments());

        DataSet stored = new DataSet(organization.units(), organization.staff(), cases.all(), records.regulations(),
                records.trainings(), records.outages(), records.tasks(), records.adjustments());
        for (String period : List.of("2026-02", "2026-Q1", "2026")) {
            assertThat(json(stored, period)).as(period).isEqualTo(json(file, period));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aFailedImportChangesNothing(String name, Supplier<DataSource> database) {
        DataSource ds = database.get();
        JdbcClient jdbc = JdbcClient.create(ds);
        JdbcTransactionManager tx = new JdbcTransactionManager(ds);
        DataSet file = example();
        new OrganizationStore(jdbc, tx).saveAll(file.units(), file.staff());
        CaseLedgerStore cases = new CaseLedgerStore(jdbc, tx, Databases.caseDatabase(ds));
        List<CaseRecord> withDuplicate = new ArrayList<>(file.cases());
        withDuplicate.add(file.cases().get(0));

        assertThatThrownBy(() -> cases.importCases(withDuplicate)).isInstanceOf(RuntimeException.class);
        assertThat(cases.count()).isZero();
    }

    private static String json(DataSet data, String period) {
        AssessmentEngine engine = new AssessmentEngine(SCHEME, WorkingCalendar.shipped(ZoneId.of(SCHEME.zone())),
                Locale.SIMPLIFIED_CHINESE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultJson.write(engine.assess(data, Period.parse(period, 1), Instant.parse("2027-01-15T00:00:00+08:00")),
                out, false);
        return out.toString(StandardCharsets.UTF_8);
    }
}
