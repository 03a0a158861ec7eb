package org.warmline;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database that applied the reworded migrations under their first text migrates and validates; the table of
 * checksums holds what Flyway computes for the files now; any other checksum difference is still refused.
 */
class RewordedMigrationsTest {

    private static Flyway flyway(DriverManagerDataSource ds) {
        return Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
    }

    private static DriverManagerDataSource fresh() {
        return new DriverManagerDataSource("jdbc:h2:mem:reworded-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
    }

    private static Map<String, Integer> stored(JdbcTemplate jdbc) {
        Map<String, Integer> checksums = new TreeMap<>();
        for (String version : RewordedMigrations.CHECKSUMS.keySet()) {
            checksums.put(version, jdbc.queryForObject(
                    "select \"checksum\" from \"flyway_schema_history\" where \"version\" = ?", Integer.class, version));
        }
        return checksums;
    }

    @Test
    void theTableHoldsTheChecksumsOfTheFilesNow() {
        DriverManagerDataSource ds = fresh();
        flyway(ds).migrate();
        Map<String, Integer> expected = new TreeMap<>();
        RewordedMigrations.CHECKSUMS.forEach((v, c) -> expected.put(v, c[1]));
        assertThat(stored(new JdbcTemplate(ds))).isEqualTo(expected);
    }

    @Test
    void aDatabaseMigratedUnderTheOldTextValidatesAfterAcceptingAndOnlyThen() {
        DriverManagerDataSource ds = fresh();
        Flyway flyway = flyway(ds);
        flyway.migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        RewordedMigrations.CHECKSUMS.forEach((v, c) -> jdbc.update(
                "update \"flyway_schema_history\" set \"checksum\" = ? where \"version\" = ?", c[0], v));
        assertThatThrownBy(flyway::validate).isInstanceOf(FlywayException.class);

        RewordedMigrations.accept(flyway);
        flyway.validate();
        assertThat(flyway.migrate().migrationsExecuted).isZero();

        // a checksum that is neither the old nor the new text's stays refused
        jdbc.update("update \"flyway_schema_history\" set \"checksum\" = 12345 where \"version\" = '2'");
        RewordedMigrations.accept(flyway);
        assertThatThrownBy(flyway::validate).isInstanceOf(FlywayException.class);
    }
}
