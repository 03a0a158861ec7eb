package org.warmline.cases;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.ledger.CaseRecord;

/**
 * What the desk does differently on the database it runs on, chosen once when it starts ({@link #of}): how a new case
 * is stored, how the live assessment reads the cases of a period, how a text search finds its cases, and what is
 * checked at start-up. Everything else is the same SQL on both databases.
 *
 * <ul>
 *   <li>{@link H2CaseDatabase}: the embedded database of a single server and of the tests, small enough that the plain
 *       statements serve.</li>
 *   <li>{@link PostgresCaseDatabase}: production, where the intake of many cases a second, the live assessment of a
 *       million cases and the search of them need what only PostgreSQL offers (one-statement intake on the identity's
 *       sequence, binary COPY, trigram and pair indexes).</li>
 * </ul>
 */
public abstract sealed class CaseDatabase permits H2CaseDatabase, PostgresCaseDatabase {

    final JdbcClient jdbc;
    final TransactionTemplate transaction;

    CaseDatabase(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * The desk's database behind {@code dataSource}, told by the product name its driver reports (read once, here).
     *
     * @param executor runs the parts of a read that go on at once on PostgreSQL (see {@link PostgresCaseDatabase})
     */
    public static CaseDatabase of(DataSource dataSource, PlatformTransactionManager transactions, Executor executor) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot tell the database", e);
        }
        return "PostgreSQL".equalsIgnoreCase(product)
                ? new PostgresCaseDatabase(dataSource, transactions, executor)
                : new H2CaseDatabase(dataSource, transactions);
    }

    /**
     * Stores a new case with the history lines recorded on it so far (when {@code withHistory}) and gives it its id and,
     * when {@code numberPrefix} is not null, its number: the prefix + the id zero-padded to (at least) 6 digits.
     *
     * @param values the case's columns ({@link PetitionCaseTable#COLUMNS}) as parameters, the case number first
     */
    abstract void insert(Case c, List<Object> values, String numberPrefix, boolean withHistory);

    /**
     * The lean records of the cases an assessment of {@code [from, to)} reads ({@link LeanCases}): submitted in it, or
     * complaints submitted in the {@code lookback} before it; not withdrawn. Unordered.
     */
    abstract List<CaseRecord> leanCases(Instant from, Instant to, Duration lookback);

    /**
     * A further condition of a text search for {@code text} (lower case, trimmed) that lets an index find the cases
     * (its parameters added to {@code params}), or an empty string; the search's own {@code like} decides.
     */
    abstract String textCondition(String text, List<Object> params);

    /** Runs the queries of a text search. */
    abstract <T> T textSearch(Supplier<T> search);

    /** Says at start-up what keeps the database from serving the desk well (warnings; the results stay right). */
    abstract void checkAtStart();

    /**
     * Reads the cases an assessment of {@code [from, to)} needs with a query of {@code select} (its columns), row by
     * row: submitted in it, or complaints submitted in the {@code lookback} before it; not withdrawn. Streamed with a
     * fetch size (PostgreSQL streams only inside a transaction).
     */
    void assessmentRead(String select, Instant from, Instant to, Duration lookback, RowCallbackHandler each) {
        String sql = select + " from petition_case where submitted_at >= ? and submitted_at < ? "
                + "and (submitted_at >= ? or category = 'COMPLAINT') and withdrawn_at is null";
        OffsetDateTime start = utc(from);
        transaction.executeWithoutResult(status -> jdbc.sql(sql)
                .params(start.minus(lookback), utc(to), start)
                .withFetchSize(5_000)
                .query(each));
    }

    /** The number a case gets from its id. */
    static String number(String prefix, long id) {
        return prefix + String.format("%06d", id);
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
