package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * What the case list's text search looks in (org.warmline.cases.CaseRepository#search): a generated column
 * {@code search_text}, the case's number, citizen name, address, demand, solution and notes in lower case with a line
 * break between them (a search term has none, so no match spans two of them), kept by the database itself whoever
 * writes the case. On PostgreSQL a trigram index over it (extension pg_trgm, trusted since PostgreSQL 13: the
 * database's owner may create it) finds any substring of three or more characters through the index — Chinese too,
 * which has no spaces between words, provided the database's LC_CTYPE is a UTF-8 locale (C.UTF-8, zh_CN.UTF-8; with
 * "C" pg_trgm sees no letters in Chinese text). A search of two characters, which makes no trigram, uses a second
 * index instead: of the text's distinct pairs of adjacent characters, hashed ({@code search_pairs}). H2 has no such
 * indexes and searches by scanning, which suits its small databases. On PostgreSQL adding the column rewrites the
 * case table once.
 */
public class V13_2__Text_search_index extends BaseJavaMigration {

    private static final String TEXT = "lower(case_no || '\n' || coalesce(citizen_name, '') || '\n' || "
            + "coalesce(address, '') || '\n' || coalesce(demand, '') || '\n' || coalesce(solution, '') || '\n' || "
            + "coalesce(notes_text, ''))";

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        boolean postgres = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        try (Statement s = connection.createStatement()) {
            if (!postgres) {
                s.execute("alter table petition_case add column search_text varchar(1000000) generated always as ("
                        + TEXT + ")");
                return;
            }
            s.execute("alter table petition_case add column search_text text generated always as (" + TEXT
                    + ") stored");
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
            s.execute("create index petition_case_text on petition_case using gin (search_text gin_trgm_ops)");
            // Two characters (a common length of a Chinese word or name) make no trigram: the distinct pairs of
            // adjacent characters of the text, hashed, in a second index find them instead.
            s.execute("create function search_pairs(t text) returns int[] language sql immutable strict parallel safe "
                    + "as $$ select coalesce(array_agg(distinct hashtext(p)), '{}') from (select substr(t, i, 2) as p "
                    + "from generate_series(1, length(t) - 1) as i) pairs where strpos(p, chr(10)) = 0 $$");
            s.execute("create index petition_case_pairs on petition_case using gin (search_pairs(search_text))");
        }
    }
}
