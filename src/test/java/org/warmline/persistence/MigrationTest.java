package org.warmline.persistence;

import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Flyway migrations create the same schema on H2 and PostgreSQL, with its constraints. */
class MigrationTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void migrationsCreateEveryTable(String name, Supplier<DataSource> database) {
        JdbcClient jdbc = JdbcClient.create(database.get());
        for (String table : List.of("org_unit", "staff", "account", "petition_case", "case_history", "scheme_version",
                "holiday_calendar", "shedlock", "routing_rule", "stored_file", "stored_file_chunk", "case_attachment",
                "case_note", "case_contact")) {
            assertThat(jdbc.sql("select count(*) from " + table).query(Long.class).single()).as(table).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void constraintsHold(String name, Supplier<DataSource> database) {
        JdbcClient jdbc = JdbcClient.create(database.get());
        jdbc.sql("insert into org_unit (code, name, kind) values ('B1', '城东分公司', 'BRANCH')").update();
        assertThatThrownBy(() -> jdbc.sql("insert into org_unit (code, name, kind, parent) values ('Y', 'y', 'TEAM', 'NONE')")
                .update()).as("unknown parent").isInstanceOf(Exception.class);
        jdbc.sql("insert into petition_case (case_no, state, submitted_at) values ('C1', 'SUBMITTED', current_timestamp)")
                .update();
        assertThatThrownBy(() -> jdbc.sql(
                "insert into petition_case (case_no, state, submitted_at) values ('C1', 'SUBMITTED', current_timestamp)")
                .update()).as("duplicated case number").isInstanceOf(Exception.class);
        jdbc.sql("insert into routing_rule (priority, match_kind, match_value, unit) values (1, 'STATION', 'S1', 'B1')")
                .update();
        assertThatThrownBy(() -> jdbc.sql(
                "insert into routing_rule (priority, match_kind, match_value, unit) values (1, 'AREA', 'A1', 'NONE')")
                .update()).as("routing rule to an unknown unit").isInstanceOf(Exception.class);
        assertThatThrownBy(() -> jdbc.sql("insert into routing_rule (priority, match_kind, match_value, unit, steward) "
                + "values (1, 'AREA', 'A1', 'B1', 'NOBODY')").update()).as("routing rule to an unknown steward")
                .isInstanceOf(Exception.class);
    }
}
