package org.warmline.cases;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.warmline.ledger.CaseColumn;
import org.warmline.ledger.CaseRecord;

/**
 * PostgreSQL, the production database, where the desk takes what only it offers:
 *
 * <ul>
 *   <li><b>Intake in one statement.</b> A new case takes its id from the identity's sequence and its number from that
 *       id inside its INSERT, together with its history lines ({@code with n as (…), c as (insert …) insert into
 *       case_history …}): one round trip, and in autocommit one commit, per intake.</li>
 *   <li><b>The live assessment's read by binary COPY.</b> {@code COPY (select …) TO STDOUT (FORMAT binary)}, decoded
 *       by {@link BinaryCopyReader}: the instants travel as stored (microseconds), so the server converts nothing per
 *       row and the driver parses no text; the period is read in two halves on two connections at once, so that two
 *       backends produce the rows (most of the time), as a query's parallel workers would.</li>
 *   <li><b>Indexed text search.</b> A trigram index over the cases' search text (pg_trgm) finds substrings of three or
 *       more characters; two characters make no trigram, so a second index of the text's hashed pairs of characters
 *       ({@code search_pairs}, db/migration V13_2) finds those. A text search is planned for its own pattern, since a
 *       plan made once for any pattern would take the trigram index even for a pattern it cannot serve.</li>
 *   <li><b>A start-up check</b> that the trigram index exists and can index Chinese (a UTF-8 LC_CTYPE).</li>
 * </ul>
 */
final class PostgresCaseDatabase extends CaseDatabase {

    private static final Logger log = LoggerFactory.getLogger(PostgresCaseDatabase.class);

    private final DataSource dataSource;
    private final Executor executor;
    /** The sequence behind {@code petition_case.id}, looked up at the first intake (after the migrations ran). */
    private volatile String identitySequence;
    /** The intake statements by number assigned or given and count of history lines (see {@link #statement}). */
    private final ConcurrentHashMap<Integer, String> statements = new ConcurrentHashMap<>();

    PostgresCaseDatabase(DataSource dataSource, PlatformTransactionManager transactions, Executor executor) {
        super(dataSource, transactions);
        this.dataSource = dataSource;
        this.executor = executor;
    }

    /**
     * One statement, run in the caller's transaction or, without one, in autocommit: when it returns, the case is
     * committed.
     */
    @Override
    void insert(Case c, List<Object> values, String numberPrefix, boolean withHistory) {
        List<HistoryEntry> lines = withHistory ? c.drainHistory() : List.of();
        List<Object> params = new ArrayList<>(values.size() + lines.size() * CaseRepository.HISTORY_COLUMNS);
        params.add(numberPrefix != null ? numberPrefix : values.get(0));
        params.addAll(values.subList(1, values.size()));
        for (HistoryEntry h : lines) {
            params.addAll(CaseRepository.historyValues(h).subList(1, CaseRepository.HISTORY_COLUMNS));
        }
        Object[] stored = jdbc.sql(statement(numberPrefix != null, lines.size())).params(params)
                .query((rs, row) -> new Object[] {rs.getLong("id"), rs.getString("case_no")}).single();
        c.id = new CaseId((Long) stored[0]);
        c.set(CaseColumn.CASE_NO, (String) stored[1]);
    }

    /**
     * The text of the intake statement for a case with or without a number yet and {@code lines} history lines, made
     * once per shape: the same {@code String} every time, so that neither it nor the driver's statement cache key (its
     * hash) is computed again per intake.
     */
    private String statement(boolean assign, int lines) {
        return statements.computeIfAbsent(lines * 2 + (assign ? 1 : 0), key -> {
            StringBuilder sql = new StringBuilder("with n as (select id, ")
                    .append(assign ? "? || lpad(cast(id as varchar), greatest(6, length(cast(id as varchar))), '0')"
                            : "cast(? as varchar(64))")
                    .append(" as no from (select nextval('").append(identitySequence()).append("') as id) s), ")
                    .append("c as (insert into petition_case (id, ").append(PetitionCaseTable.COLUMNS)
                    .append(", version) values ((select id from n), (select no from n), ")
                    .append("?, ".repeat(PetitionCaseTable.COLUMN_COUNT - 1))
                    .append("0) returning id, case_no) ");
            if (lines == 0) {
                sql.append("select id, case_no from c");
            } else {
                sql.append("insert into case_history (").append(CaseRepository.HISTORY_FIELDS).append(") values ");
                sql.append(String.join(", ", Collections.nCopies(lines,
                        "((select id from c), " + "?, ".repeat(CaseRepository.HISTORY_COLUMNS - 2) + "?)")));
                sql.append(" returning case_id as id, (select case_no from c) as case_no");
            }
            return sql.toString();
        });
    }

    private String identitySequence() {
        String known = identitySequence;
        if (known == null) {
            known = jdbc.sql("select pg_get_serial_sequence('petition_case', 'id')").query(String.class).single();
            if (known == null || known.contains("'")) {
                throw new IllegalStateException("petition_case.id has no sequence: " + known);
            }
            identitySequence = known;
        }
        return known;
    }

    @Override
    List<CaseRecord> leanCases(Instant from, Instant to, Duration lookback) {
        List<List<CaseRecord>> halves = inHalves(from, to, lookback, in -> {
            BinaryCopyReader copy = new BinaryCopyReader(in);
            List<CaseRecord> records = new ArrayList<>();
            while (copy.next(LeanCases.FIELDS)) {
                records.add(LeanCases.record(copy, records.size()));
            }
            return records;
        });
        List<CaseRecord> result = new ArrayList<>(halves.get(0).size() + halves.get(1).size());
        result.addAll(halves.get(0));
        result.addAll(halves.get(1));
        return result;
    }

    /** Reads the bytes of one binary COPY. */
    interface CopyReading<T> {
        T read(InputStream in) throws IOException;
    }

    /**
     * The lean rows of an assessment's cases as two binary COPYs, each half of the submission range read on its own
     * connection, the second by the executor while this thread reads the first (which holds the look-back complaints).
     */
    <T> List<T> inHalves(Instant from, Instant to, Duration lookback, CopyReading<T> reading) {
        Instant middle = from.plusMillis(Duration.between(from, to).toMillis() / 2);
        CompletableFuture<T> second = CompletableFuture.supplyAsync(
                () -> copy(where(middle, to, null), reading), executor);
        T first = copy(where(from.minus(lookback), middle, from), reading);
        try {
            return List.of(first, second.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Submitted in {@code [from, to)}, not withdrawn; before {@code complaintsUntil} only complaints (or null). The
     * bounds are literals (COPY takes no parameters), formatted from {@link Instant}s.
     */
    private static String where(Instant from, Instant to, Instant complaintsUntil) {
        return " where submitted_at >= " + literal(from) + " and submitted_at < " + literal(to)
                + (complaintsUntil == null ? ""
                : " and (submitted_at >= " + literal(complaintsUntil) + " or category = 'COMPLAINT')")
                + " and withdrawn_at is null";
    }

    private static String literal(Instant instant) {
        return "'" + instant + "'::timestamptz";
    }

    private <T> T copy(String where, CopyReading<T> reading) {
        String sql = "copy (select " + LeanCases.HEAD_COLUMNS + ", " + LeanCases.instants() + " from petition_case"
                + where + ") to stdout (format binary)";
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (InputStream in = new PGCopyInputStream(connection.unwrap(PGConnection.class), sql)) {
            return reading.read(in);
        } catch (SQLException | IOException e) {
            throw new DataAccessResourceFailureException("reading the cases by COPY failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Two characters make no trigram: the pairs index finds the cases that hold this pair. */
    @Override
    String textCondition(String text, List<Object> params) {
        if (text.codePointCount(0, text.length()) != 2) {
            return "";
        }
        params.add(text);
        return " and search_pairs(" + CaseRepository.SEARCH_TEXT + ") @> array[hashtext(?)]";
    }

    /**
     * In a transaction planned for its own pattern every time: a plan made once for any pattern (the driver's prepared
     * statement after five runs) would take the trigram index even for a pattern it cannot serve.
     */
    @Override
    <T> T textSearch(Supplier<T> search) {
        return transaction.execute(status -> {
            jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
            return search.get();
        });
    }

    /**
     * Warns when the trigram index cannot serve Chinese: the database's LC_CTYPE is not a UTF-8 locale (pg_trgm then
     * sees no letters in Chinese text, and a search scans every case instead), or the index is missing.
     */
    @Override
    void checkAtStart() {
        String ctype = jdbc.sql("select datctype from pg_database where datname = current_database()")
                .query(String.class).single();
        if (ctype == null || !ctype.toUpperCase(Locale.ROOT).replace("-", "").contains("UTF8")) {
            log.warn("数据库的 LC_CTYPE 为 {},不是 UTF-8 区域设置:工单搜索的三元组索引无法索引中文,中文搜索将逐条扫描(结果不变,只是较慢)。"
                    + "请用 UTF-8 区域设置(如 C.UTF-8 或 zh_CN.UTF-8)建库 / The database's LC_CTYPE is {}, not a UTF-8 "
                    + "locale: the case search's trigram index cannot index Chinese, so Chinese searches scan every case "
                    + "(same results, slower). Create the database with a UTF-8 locale such as C.UTF-8.", ctype, ctype);
        }
        boolean indexed = jdbc.sql("select count(*) from pg_indexes where indexname = 'petition_case_text'")
                .query(Long.class).single() > 0;
        if (!indexed) {
            log.warn("工单搜索的索引 petition_case_text 不存在,搜索将逐条扫描 / The case search's index petition_case_text is "
                    + "missing: searches scan every case.");
        }
    }
}
