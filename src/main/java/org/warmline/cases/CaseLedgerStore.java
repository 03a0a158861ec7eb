package org.warmline.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.ledger.CaseColumn;
import org.warmline.ledger.CaseRecord;

/**
 * The cases of the desk as ledger records: imported all-or-nothing, and read back (for the live assessment and the
 * export) exactly as the ledger format holds them. Column names equal the ledger's English headers
 * ({@link CaseColumn}).
 */
@Repository
public class CaseLedgerStore {

    /** What a present free text reads as in {@link #forAssessmentLean}'s records. */
    public static final String PRESENT = LeanCases.PRESENT;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final CaseRepository repository;
    private final CaseDatabase database;

    public CaseLedgerStore(JdbcClient jdbc, PlatformTransactionManager transactions, CaseDatabase database) {
        this(jdbc, transactions, null, database);
    }

    /** With the desk's repository, imported cases get the desk's working columns (deadline order, phone key). */
    @Autowired
    public CaseLedgerStore(JdbcClient jdbc, PlatformTransactionManager transactions, CaseRepository repository,
                           CaseDatabase database) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.repository = repository;
        this.database = database;
    }

    /** Adds cases in one transaction: all of them, or (on any failure, e.g. a case number already taken) none. */
    public void importCases(List<CaseRecord> cases) {
        String sql = "insert into petition_case (" + CaseColumn.names() + ", state) values ("
                + "?, ".repeat(CaseColumn.ALL.size()) + "?)";
        transaction.executeWithoutResult(status -> {
            for (CaseRecord c : cases) {
                List<Object> values = PetitionCaseTable.values(c);
                values.add(CaseState.of(c).name());
                jdbc.sql(sql).params(values).update();
            }
            if (repository != null) {
                for (CaseRecord c : cases) {
                    repository.refreshWorkingColumns(c.caseNo());
                }
            }
        });
    }

    /** Every case whose submission lies in {@code [from, to)}, by submission and number. */
    public List<CaseRecord> submittedBetween(Instant from, Instant to) {
        return jdbc.sql("select " + CaseColumn.names() + " from petition_case where submitted_at >= ? "
                        + "and submitted_at < ? and withdrawn_at is null order by submitted_at, case_no")
                .params(CaseDatabase.utc(from), CaseDatabase.utc(to))
                .query((rs, row) -> PetitionCaseTable.record(rs, 1, row + 2))
                .list();
    }

    /**
     * The cases an assessment of {@code [from, to)} needs (考核取数): every case submitted in it, and the complaints
     * submitted in the {@code lookback} before {@code from} (an earlier complaint can make one of the period a repeat,
     * docs/assessment.md 2.4), field for field as the ledger holds them (what an export of the period writes).
     * Unordered (the engine sorts); streamed with a fetch size.
     */
    public List<CaseRecord> forAssessment(Instant from, Instant to, Duration lookback) {
        List<CaseRecord> result = new ArrayList<>();
        database.assessmentRead("select " + CaseColumn.names(), from, to, lookback,
                rs -> result.add(PetitionCaseTable.record(rs, 1, result.size() + 2)));
        return result;
    }

    /**
     * {@link #forAssessment} for the engine only, read lean ({@link LeanCases}): instants come as epoch milliseconds,
     * and the free texts the engine only checks for presence (citizen name, address, demand, solution, evaluation
     * comment) as {@link #PRESENT} when present. The engine's result is the same (it never shows those texts); never
     * export or show these records. Each database reads them its own way ({@link CaseDatabase#leanCases}).
     */
    public List<CaseRecord> forAssessmentLean(Instant from, Instant to, Duration lookback) {
        return database.leanCases(from, to, lookback);
    }

    /** Which of these case numbers are taken already (withdrawn cases included), e.g. before an import. */
    public Set<String> taken(Collection<String> caseNos) {
        Set<String> result = new HashSet<>();
        List<String> all = List.copyOf(caseNos);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            result.addAll(jdbc.sql("select case_no from petition_case where case_no in ("
                            + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(chunk).query(String.class).list());
        }
        return result;
    }

    /** Every case that is not withdrawn. */
    public List<CaseRecord> all() {
        return jdbc.sql("select " + CaseColumn.names() + " from petition_case where withdrawn_at is null "
                        + "order by submitted_at, case_no")
                .query((rs, row) -> PetitionCaseTable.record(rs, 1, row + 2))
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from petition_case").query(Long.class).single();
    }
}
