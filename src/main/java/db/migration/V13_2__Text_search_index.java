package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The index of the case list's text search (org.warmline.cases.CaseRepository#search): on PostgreSQL a trigram index
 * (extension pg_trgm, trusted since PostgreSQL 13: the database owner may create it) over the case's number, citizen
 * name, address, demand, solution and notes, in lower case, so that {@code like '%…%'} finds any substring of three or
 * more characters through the index — Chinese too, which has no spaces between words, provided the database's
 * LC_CTYPE is a UTF-8 locale (e.g. C.UTF-8 or zh_CN.UTF-8; with "C" pg_trgm sees no letters in Chinese text). H2 has
 * no such index and searches by scanning, which suits its small databases.
 *
 * <p>The expression must stay exactly the one CaseRepository searches, or PostgreSQL will not use the index; a test
 * checks that it does (CaseSearchTest).
 */
public class V13_2__Text_search_index extends BaseJavaMigration {

    /** The searched text; its separator is a line break, which a search term never contains. */
    static final String TEXT = "lower(case_no || '\n' || coalesce(citizen_name, '') || '\n' || coalesce(address, '') "
            + "|| '\n' || coalesce(demand, '') || '\n' || coalesce(solution, '') || '\n' || coalesce(notes_text, ''))";

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!"PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            boolean installed;
            try (ResultSet rs = s.executeQuery("select 1 from pg_extension where extname = 'pg_trgm'")) {
                installed = rs.next();
            }
            if (!installed) {
                try {
                    s.execute("create extension if not exists pg_trgm");
                } catch (SQLException e) {
                    throw new SQLException("The case search needs PostgreSQL's extension pg_trgm: have a superuser run "
                            + "'create extension pg_trgm' in this database, then start again.", e);
                }
            }
            s.execute("create index petition_case_text on petition_case using gin ((" + TEXT + ") gin_trgm_ops)");
        }
    }
}
