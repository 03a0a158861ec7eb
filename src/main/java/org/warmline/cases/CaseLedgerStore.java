package org.warmline.cases;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;

import static org.warmline.ledger.Instants.NONE;

/**
 * The cases of the desk as ledger records: imported all-or-nothing, and read back (for the live assessment and the
 * export) exactly as the ledger format holds them. Column names equal the ledger's English headers.
 */
@Repository
public class CaseLedgerStore {

    static final String COLUMNS = "case_no, channel, category, complex, topic, citizen_name, citizen_phone, address, "
            + "demand, occurred_at, submitted_at, recorded_at, accepted_at, accepted_by, dispatched_at, unit, handler, "
            + "contacted_at, site_survey, surveyed_at, solution, solution_at, completed_at, resolved, evaluation, "
            + "evaluation_channel, evaluated_at, evaluation_comment, unsatisfied_at, reviewed_at, review_finding, "
            + "rehandled_at, explained_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final CaseRepository repository;
    /** For PostgreSQL's COPY (the lean read); null: always plain queries. */
    private final DataSource dataSource;
    private volatile Boolean postgres;

    public CaseLedgerStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this(jdbc, transactions, null, null);
    }

    /** A store that can read lean through PostgreSQL's binary COPY when {@code dataSource} is PostgreSQL. */
    public CaseLedgerStore(JdbcClient jdbc, PlatformTransactionManager transactions, DataSource dataSource) {
        this(jdbc, transactions, null, dataSource);
    }

    /** With the desk's repository, imported cases get the desk's working columns (deadline order, phone key). */
    @org.springframework.beans.factory.annotation.Autowired
    public CaseLedgerStore(JdbcClient jdbc, PlatformTransactionManager transactions, CaseRepository repository,
                           DataSource dataSource) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.repository = repository;
        this.dataSource = dataSource;
    }

    /** Adds cases in one transaction: all of them, or (on any failure, e.g. a case number already taken) none. */
    public void importCases(List<CaseRecord> cases) {
        String sql = "insert into petition_case (" + COLUMNS + ", state) values (" + "?, ".repeat(33) + "?)";
        transaction.executeWithoutResult(status -> {
            for (CaseRecord c : cases) {
                jdbc.sql(sql).params(values(c)).update();
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
        return jdbc.sql("select " + COLUMNS + " from petition_case where submitted_at >= ? and submitted_at < ? "
                        + "and withdrawn_at is null order by submitted_at, case_no")
                .params(OffsetDateTime.ofInstant(from, ZoneOffset.UTC), OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .query(CaseLedgerStore::record)
                .list();
    }

    /**
     * The cases an assessment of {@code [from, to)} needs (考核取数): every case submitted in it, and the complaints
     * submitted in the {@code lookback} before {@code from} (an earlier complaint can make one of the period a repeat,
     * spec/assessment.md 2.4), field for field as the ledger holds them (what an export of the period writes).
     * Unordered (the engine sorts); streamed with a fetch size.
     */
    public List<CaseRecord> forAssessment(Instant from, Instant to, java.time.Duration lookback) {
        List<CaseRecord> result = new ArrayList<>();
        stream("select " + COLUMNS, from, to, lookback, rs -> result.add(indexed(rs, result.size())));
        return result;
    }

    /**
     * {@link #forAssessment} for the engine only, read lean: instants come as epoch milliseconds computed by the
     * database, and the free texts the engine only checks for presence (citizen name, address, demand, solution,
     * evaluation comment) come as one bit mask and are replaced by {@link #PRESENT} when present. The engine's result
     * is the same (it never shows those texts); never export or show these records.
     */
    public List<CaseRecord> forAssessmentLean(Instant from, Instant to, java.time.Duration lookback) {
        if (isPostgres()) {
            return leanByCopy(from, to, lookback);
        }
        StringBuilder select = new StringBuilder("select ").append(LEAN_HEAD);
        for (String column : LEAN_INSTANTS) {
            select.append(", cast(extract(epoch from ").append(column).append(") * 1000 as bigint)");
        }
        List<CaseRecord> result = new ArrayList<>();
        stream(select.toString(), from, to, lookback,
                rs -> result.add(lean(new ResultSetFields(rs), result.size())));
        return result;
    }

    /** The five free texts the engine only checks for presence, as one bit mask. */
    private static final String TEXTS_PRESENT = "(case when citizen_name is null then 0 else 1 end)"
            + " + (case when address is null then 0 else 2 end) + (case when demand is null then 0 else 4 end)"
            + " + (case when solution is null then 0 else 8 end)"
            + " + (case when evaluation_comment is null then 0 else 16 end)";

    /**
     * The lean read's columns before the instants, in the order {@link #lean} reads them: the codes and references
     * the engine uses, then the free texts as {@link #TEXTS_PRESENT}.
     */
    private static final String LEAN_HEAD = "case_no, channel, category, complex, topic, citizen_phone, accepted_by, "
            + "unit, handler, site_survey, resolved, evaluation, evaluation_channel, review_finding, " + TEXTS_PRESENT;

    private static final int LEAN_FIELDS = 15 + 14;

    /**
     * The lean read on PostgreSQL: {@code COPY (select …) TO STDOUT (FORMAT binary)}, decoded here
     * ({@link BinaryCopyReader}). The instants travel as PostgreSQL stores them (microseconds), so the server does no
     * conversion per row (the query's {@code extract(epoch …)} is numeric arithmetic, most of its time) and the driver
     * no text parsing. The bounds are literals (COPY takes no parameters), formatted from {@link Instant}s. Instants
     * come floored to the millisecond, as the full read's {@code toEpochMilli} gives them.
     */
    private List<CaseRecord> leanByCopy(Instant from, Instant to, java.time.Duration lookback) {
        List<List<CaseRecord>> halves = inHalves(from, to, lookback, CaseLedgerStore::decodeLean);
        List<CaseRecord> result = new ArrayList<>(halves.get(0).size() + halves.get(1).size());
        result.addAll(halves.get(0));
        result.addAll(halves.get(1));
        return result;
    }

    /**
     * For the live assessment's benchmark: the same two COPYs as the lean read, the bytes received and discarded
     * without decoding (the least any design that brings the rows out of PostgreSQL costs). Returns the bytes.
     */
    public long leanCopyDiscarded(Instant from, Instant to, java.time.Duration lookback) {
        if (!isPostgres()) {
            throw new IllegalStateException("COPY needs PostgreSQL");
        }
        return inHalves(from, to, lookback, in -> {
            byte[] buffer = new byte[1 << 16];
            long bytes = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes += n;
            }
            return bytes;
        }).stream().mapToLong(Long::longValue).sum();
    }

    private interface CopyReading<T> {
        T read(InputStream in) throws IOException;
    }

    /**
     * Two halves of the submission range, each a COPY on its own connection and thread, so that two PostgreSQL
     * backends produce the rows at once (producing them is most of the time, as the parallel workers of a query do);
     * the first half holds the look-back complaints.
     */
    private <T> List<T> inHalves(Instant from, Instant to, java.time.Duration lookback, CopyReading<T> reading) {
        Instant middle = from.plusMillis(java.time.Duration.between(from, to).toMillis() / 2);
        java.util.concurrent.CompletableFuture<T> second = new java.util.concurrent.CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                second.complete(copy(where(middle, to, null), reading));
            } catch (RuntimeException | Error e) {
                second.completeExceptionally(e);
            }
        }, "case-copy");
        thread.setDaemon(true);
        thread.start();
        T first = copy(where(from.minus(lookback), middle, from), reading);
        try {
            return List.of(first, second.join());
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Submitted in {@code [from, to)}, not withdrawn; before {@code complaintsUntil} only complaints (or null). */
    private static String where(Instant from, Instant to, Instant complaintsUntil) {
        return " where submitted_at >= " + literal(from) + " and submitted_at < " + literal(to)
                + (complaintsUntil == null ? ""
                : " and (submitted_at >= " + literal(complaintsUntil) + " or category = 'COMPLAINT')")
                + " and withdrawn_at is null";
    }

    private <T> T copy(String where, CopyReading<T> reading) {
        String sql = "copy (select " + LEAN_HEAD + ", " + String.join(", ", LEAN_INSTANTS) + " from petition_case"
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

    /** The lean records of one COPY (row numbers count within it: the engine does not use them). */
    private static List<CaseRecord> decodeLean(InputStream in) throws IOException {
        BinaryCopyReader copy = new BinaryCopyReader(in);
        List<CaseRecord> result = new ArrayList<>();
        while (copy.next(LEAN_FIELDS)) {
            result.add(lean(copy, result.size()));
        }
        return result;
    }

    private static String literal(Instant instant) {
        return "'" + instant + "'::timestamptz";
    }

    private static <E extends Enum<E>> E code(String value, Class<E> type) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    private boolean isPostgres() {
        if (dataSource == null) {
            return false;
        }
        Boolean known = postgres;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                known = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("cannot tell the database", e);
            }
            postgres = known;
        }
        return known;
    }

    /** What a present free text reads as in {@link #forAssessmentLean}'s records. */
    public static final String PRESENT = "\u2026";

    private static final List<String> LEAN_INSTANTS = List.of("occurred_at", "submitted_at", "recorded_at",
            "accepted_at", "dispatched_at", "contacted_at", "surveyed_at", "solution_at", "completed_at",
            "evaluated_at", "unsatisfied_at", "reviewed_at", "rehandled_at", "explained_at");

    private void stream(String select, Instant from, Instant to, java.time.Duration lookback,
                        org.springframework.jdbc.core.RowCallbackHandler each) {
        String sql = select + " from petition_case where submitted_at >= ? and submitted_at < ? "
                + "and (submitted_at >= ? or category = 'COMPLAINT') and withdrawn_at is null";
        OffsetDateTime start = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
        // PostgreSQL streams with a fetch size only inside a transaction
        transaction.executeWithoutResult(status -> jdbc.sql(sql)
                .params(start.minus(lookback), OffsetDateTime.ofInstant(to, ZoneOffset.UTC), start)
                .withFetchSize(5_000)
                .query(each));
    }

    /**
     * The fields of one lean row, read in order: from PostgreSQL's binary COPY ({@link BinaryCopyReader}) or from a
     * query's row ({@link ResultSetFields}).
     */
    interface LeanFields<X extends Exception> {
        String text() throws X;

        boolean bool() throws X;

        int int4() throws X;

        /** Epoch milliseconds, or {@link org.warmline.ledger.Instants#NONE} for NULL. */
        long instantMillis() throws X;
    }

    /** A query's row as {@link LeanFields}, column after column. */
    private static final class ResultSetFields implements LeanFields<SQLException> {
        private final ResultSet rs;
        private int column;

        ResultSetFields(ResultSet rs) {
            this.rs = rs;
        }

        @Override
        public String text() throws SQLException {
            return rs.getString(++column);
        }

        @Override
        public boolean bool() throws SQLException {
            return rs.getBoolean(++column);
        }

        @Override
        public int int4() throws SQLException {
            return rs.getInt(++column);
        }

        @Override
        public long instantMillis() throws SQLException {
            long value = rs.getLong(++column);
            return rs.wasNull() ? NONE : value;
        }
    }

    /** One lean record from the fields of {@link #LEAN_HEAD} and {@link #LEAN_INSTANTS}, in that order. */
    private static <X extends Exception> CaseRecord lean(LeanFields<X> f, int row) throws X {
        String caseNo = f.text();
        Channel channel = code(f.text(), Channel.class);
        Category category = code(f.text(), Category.class);
        boolean complex = f.bool();
        String topic = f.text();
        String phone = f.text();
        String acceptedBy = f.text();
        String unit = f.text();
        String handler = f.text();
        boolean siteSurvey = f.bool();
        boolean resolved = f.bool();
        EvaluationLevel evaluation = code(f.text(), EvaluationLevel.class);
        EvaluationChannel evaluationChannel = code(f.text(), EvaluationChannel.class);
        ReviewFinding finding = code(f.text(), ReviewFinding.class);
        int texts = f.int4();
        long[] at = new long[LEAN_INSTANTS.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = f.instantMillis();
        }
        return new CaseRecord(caseNo, channel, category, complex, topic, present(texts, 1), phone, present(texts, 2),
                present(texts, 4), at[0], at[1], at[2], at[3], acceptedBy, at[4], unit, handler, at[5], siteSurvey,
                at[6], present(texts, 8), at[7], at[8], resolved, evaluation, evaluationChannel, at[9],
                present(texts, 16), at[10], at[11], finding, at[12], at[13], row + 2);
    }

    private static String present(int mask, int bit) {
        return (mask & bit) != 0 ? PRESENT : null;
    }

    /** Which of these case numbers are taken already (withdrawn cases included), e.g. before an import. */
    public java.util.Set<String> taken(java.util.Collection<String> caseNos) {
        java.util.Set<String> result = new java.util.HashSet<>();
        List<String> all = List.copyOf(caseNos);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            result.addAll(jdbc.sql("select case_no from petition_case where case_no in ("
                            + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(chunk).query(String.class).list());
        }
        return result;
    }

    /** Every case that is not withdrawn. */
    public List<CaseRecord> all() {
        return jdbc.sql("select " + COLUMNS + " from petition_case where withdrawn_at is null "
                        + "order by submitted_at, case_no")
                .query(CaseLedgerStore::record)
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from petition_case").query(Long.class).single();
    }

    private static List<Object> values(CaseRecord c) {
        List<Object> v = new ArrayList<>(34);
        v.add(c.caseNo());
        v.add(name(c.channel()));
        v.add(name(c.category()));
        v.add(c.complex());
        v.add(c.topic());
        v.add(c.citizenName());
        v.add(c.citizenPhone());
        v.add(c.address());
        v.add(c.demand());
        v.add(instant(c.occurredAt()));
        v.add(instant(c.submittedAt()));
        v.add(instant(c.recordedAt()));
        v.add(instant(c.acceptedAt()));
        v.add(c.acceptedBy());
        v.add(instant(c.dispatchedAt()));
        v.add(c.unit());
        v.add(c.handler());
        v.add(instant(c.contactedAt()));
        v.add(c.siteSurvey());
        v.add(instant(c.surveyedAt()));
        v.add(c.solution());
        v.add(instant(c.solutionAt()));
        v.add(instant(c.completedAt()));
        v.add(c.resolved());
        v.add(name(c.evaluation()));
        v.add(name(c.evaluationChannel()));
        v.add(instant(c.evaluatedAt()));
        v.add(c.evaluationComment());
        v.add(instant(c.unsatisfiedAt()));
        v.add(instant(c.reviewedAt()));
        v.add(name(c.reviewFinding()));
        v.add(instant(c.rehandledAt()));
        v.add(instant(c.explainedAt()));
        v.add(CaseState.of(c).name());
        return v;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static OffsetDateTime instant(long millis) {
        return millis == NONE ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    private static long millis(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? NONE : value.toInstant().toEpochMilli();
    }

    private static <E extends Enum<E>> E code(ResultSet rs, String column, Class<E> type) throws SQLException {
        return code(rs.getString(column), type);
    }

    private static CaseRecord record(ResultSet rs, int row) throws SQLException {
        return new CaseRecord(rs.getString("case_no"), code(rs, "channel", Channel.class),
                code(rs, "category", Category.class), rs.getBoolean("complex"), rs.getString("topic"),
                rs.getString("citizen_name"), rs.getString("citizen_phone"), rs.getString("address"),
                rs.getString("demand"), millis(rs, "occurred_at"), millis(rs, "submitted_at"),
                millis(rs, "recorded_at"), millis(rs, "accepted_at"), rs.getString("accepted_by"),
                millis(rs, "dispatched_at"), rs.getString("unit"), rs.getString("handler"), millis(rs, "contacted_at"),
                rs.getBoolean("site_survey"), millis(rs, "surveyed_at"), rs.getString("solution"),
                millis(rs, "solution_at"), millis(rs, "completed_at"), rs.getBoolean("resolved"),
                code(rs, "evaluation", EvaluationLevel.class), code(rs, "evaluation_channel", EvaluationChannel.class),
                millis(rs, "evaluated_at"), rs.getString("evaluation_comment"), millis(rs, "unsatisfied_at"),
                millis(rs, "reviewed_at"), code(rs, "review_finding", ReviewFinding.class), millis(rs, "rehandled_at"),
                millis(rs, "explained_at"), row + 2);
    }

    private static long millis(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? NONE : value.toInstant().toEpochMilli();
    }

    private static <E extends Enum<E>> E code(ResultSet rs, int column, Class<E> type) throws SQLException {
        return code(rs.getString(column), type);
    }

    /** {@link #record} by column index, in the order of {@link #COLUMNS}. */
    private static CaseRecord indexed(ResultSet rs, int row) throws SQLException {
        return new CaseRecord(rs.getString(1), code(rs, 2, Channel.class), code(rs, 3, Category.class),
                rs.getBoolean(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), millis(rs, 10), millis(rs, 11), millis(rs, 12), millis(rs, 13), rs.getString(14),
                millis(rs, 15), rs.getString(16), rs.getString(17), millis(rs, 18), rs.getBoolean(19), millis(rs, 20),
                rs.getString(21), millis(rs, 22), millis(rs, 23), rs.getBoolean(24),
                code(rs, 25, EvaluationLevel.class), code(rs, 26, EvaluationChannel.class), millis(rs, 27),
                rs.getString(28), millis(rs, 29), millis(rs, 30), code(rs, 31, ReviewFinding.class), millis(rs, 32),
                millis(rs, 33), row + 2);
    }
}
