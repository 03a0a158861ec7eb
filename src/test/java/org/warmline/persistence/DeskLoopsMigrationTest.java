package org.warmline.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.warmline.cases.KeyedText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database written by the earlier escalation (every further allowance another step at the top, a history line and
 * a "Chinese / English" notice each) migrated by V10_1 and V10_2: one step, line and notice per level reached remain,
 * the lines and notices as message keys (the notices as the escalation writes them since V16_1); other cases' lines are
 * untouched. On H2 and PostgreSQL.
 */
class DeskLoopsMigrationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void repeatsAtTheTopAreRemovedAndTheRestBecomeMessageKeys(String db) {
        Function<String, DataSource> at = db.equals("H2") ? Databases::h2At : Databases::postgresAt;
        DataSource ds = at.apply("9");
        JdbcClient jdbc = JdbcClient.create(ds);
        OffsetDateTime t = OffsetDateTime.of(2026, 1, 3, 8, 0, 0, 0, ZoneOffset.UTC);
        jdbc.sql("insert into org_unit (code, name, kind) values ('HQ', '总部客户服务部', 'HQ_SERVICE')").update();
        jdbc.sql("insert into org_unit (code, name, kind) values ('B1', '城东分公司', 'BRANCH')").update();
        jdbc.sql("insert into org_unit (code, name, kind, parent) values ('T1', '维修一班', 'TEAM', 'B1')").update();
        jdbc.sql("insert into account (username, password_hash, role, unit_code, created_at) "
                + "values ('hq', 'x', 'UNIT_MANAGER', 'HQ', ?)").param(t).update();
        jdbc.sql("insert into account (username, password_hash, role, unit_code, created_at) "
                + "values ('b1', 'x', 'UNIT_MANAGER', 'B1', ?)").param(t).update();
        long hq = jdbc.sql("select id from account where username = 'hq'").query(Long.class).single();
        long b1 = jdbc.sql("select id from account where username = 'b1'").query(Long.class).single();
        for (String no : new String[] {"C1", "C2"}) {
            jdbc.sql("insert into petition_case (case_no, state, submitted_at, unit) values (?, 'DISPATCHED', ?, 'T1')")
                    .params(no, t).update();
        }
        long c1 = jdbc.sql("select id from petition_case where case_no = 'C1'").query(Long.class).single();
        long c2 = jdbc.sql("select id from petition_case where case_no = 'C2'").query(Long.class).single();
        for (int step = 1; step <= 6; step++) {
            String level = step == 1 ? "B1" : "HQ";
            String name = step == 1 ? "城东分公司" : "总部客户服务部";
            jdbc.sql("insert into escalation (case_id, clock, step, level_unit, escalated_at) values (?, 'CONTACT', ?, ?, ?)")
                    .params(c1, step, level, t).update();
            jdbc.sql("insert into case_history (case_id, at, actor, action, field, after_value, note) "
                            + "values (?, ?, 'system', 'ESCALATED', 'level_unit', ?, ?)")
                    .params(c1, t, level, "CONTACT 超时/late, 第" + step + "次升级/step " + step + " → " + level + " " + name)
                    .update();
            jdbc.sql("insert into notification (account_id, at, text, case_id) values (?, ?, ?, ?)")
                    .params(step == 1 ? b1 : hq, t, "工单 C1 联系超时,第" + step + "次升级至" + name
                            + " / Case C1: contact late, escalation step " + step + " to " + level, c1).update();
        }
        // another clock of the same case reaching HQ, and another case: kept
        jdbc.sql("insert into escalation (case_id, clock, step, level_unit, escalated_at) values (?, 'HANDLING', 1, 'B1', ?)")
                .params(c1, t).update();
        jdbc.sql("insert into escalation (case_id, clock, step, level_unit, escalated_at) values (?, 'HANDLING', 2, 'HQ', ?)")
                .params(c1, t).update();
        jdbc.sql("insert into case_history (case_id, at, actor, action, field, after_value, note) "
                + "values (?, ?, 'system', 'ESCALATED', 'level_unit', 'HQ', 'HANDLING 超时/late, 第2次升级/step 2 → HQ 总部客户服务部')")
                .params(c1, t).update();
        jdbc.sql("insert into case_history (case_id, at, actor, action, note) values (?, ?, 'A01', 'EXPLAIN', '已解释')")
                .params(c2, t).update();

        Databases.migrateRest(ds);

        assertThat(jdbc.sql("select clock || '/' || step || '/' || level_unit from escalation where case_id = ? "
                + "order by clock, step").param(c1).query(String.class).list())
                .containsExactly("CONTACT/1/B1", "CONTACT/2/HQ", "HANDLING/1/B1", "HANDLING/2/HQ");
        var lines = jdbc.sql("select note_key, note_args from case_history where case_id = ? and action = 'ESCALATED' "
                + "order by id").param(c1).query((rs, i) -> KeyedText.decode(rs.getString(1), rs.getString(2))).list();
        assertThat(lines).containsExactly(
                KeyedText.of("history.escalated", KeyedText.key("case.clock.CONTACT"), "B1", "城东分公司"),
                KeyedText.of("history.escalated", KeyedText.key("case.clock.CONTACT"), "HQ", "总部客户服务部"),
                KeyedText.of("history.escalated", KeyedText.key("case.clock.HANDLING"), "HQ", "总部客户服务部"));
        assertThat(jdbc.sql("select note from case_history where case_id = ?").param(c2).query(String.class).list())
                .containsExactly("已解释");
        var notices = jdbc.sql("select account_id, message_key, message_args from notification order by id")
                .query((rs, i) -> rs.getLong(1) + " " + KeyedText.decode(rs.getString(2), rs.getString(3))).list();
        // V10_2 kept both texts (notification.text), V16_1 made them the escalation's own notice
        assertThat(notices).containsExactly(
                b1 + " " + KeyedText.of("notification.escalated", "C1", KeyedText.key("case.clock.CONTACT"),
                        "城东分公司"),
                hq + " " + KeyedText.of("notification.escalated", "C1", KeyedText.key("case.clock.CONTACT"),
                        "总部客户服务部"));
    }
}
