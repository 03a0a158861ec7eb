package org.warmline.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.warmline.ledger.CaseColumn;
import org.warmline.ledger.CaseRecord;

/**
 * H2, the embedded database: plain statements. A new case is inserted (under a placeholder number when it gets one from
 * its id), then numbered, and its history written, in one transaction; the live assessment reads its cases by a query
 * that computes the instants' epoch milliseconds; a text search scans the cases' search texts, which suits the small
 * databases H2 keeps (db/migration V13_2 makes no index on H2).
 */
final class H2CaseDatabase extends CaseDatabase {

    H2CaseDatabase(DataSource dataSource, PlatformTransactionManager transactions) {
        super(dataSource, transactions);
    }

    @Override
    void insert(Case c, List<Object> values, String numberPrefix, boolean withHistory) {
        transaction.executeWithoutResult(status -> {
            List<Object> params = new ArrayList<>(values);
            if (numberPrefix != null) {
                params.set(0, "#" + UUID.randomUUID());
            }
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("insert into petition_case (" + PetitionCaseTable.COLUMNS + ", version) values ("
                            + "?, ".repeat(PetitionCaseTable.COLUMN_COUNT) + "0)")
                    .params(params)
                    .update(keys, "id");
            c.id = new CaseId(keys.getKeyAs(Number.class).longValue());
            if (numberPrefix != null) {
                c.set(CaseColumn.CASE_NO, number(numberPrefix, c.id.value()));
                jdbc.sql("update petition_case set case_no = ? where id = ?").params(c.caseNo(), c.id.value())
                        .update();
            }
            if (withHistory) {
                CaseRepository.appendHistory(jdbc, c.drainHistory());
            }
        });
    }

    @Override
    List<CaseRecord> leanCases(Instant from, Instant to, Duration lookback) {
        List<CaseRecord> result = new ArrayList<>();
        assessmentRead("select " + LeanCases.HEAD_COLUMNS + ", " + LeanCases.instantsInMillis(), from, to, lookback,
                rs -> result.add(LeanCases.record(new LeanCases.ResultSetFields(rs), result.size())));
        return result;
    }

    @Override
    String textCondition(String text, List<Object> params) {
        return "";
    }

    @Override
    <T> T textSearch(Supplier<T> search) {
        return search.get();
    }

    @Override
    void checkAtStart() {
        // nothing: H2 searches by scanning
    }
}
