package org.warmline.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.warmline.cases.KeyedText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows written before history lines and notices were message keys, migrated by V16_1 into keys with arguments that read
 * in either language: a registration's channel code, an escalation line's old two-language note, an escalation notice
 * kept as "Chinese / English" texts. Texts people wrote stay as written, rows already keyed are untouched, and a notice
 * of an unknown form is left as it was. On H2 and PostgreSQL, with the old rows inserted first.
 */
class KeyedTextMigrationTest {

    private static final OffsetDateTime T = OffsetDateTime.of(2026, 1, 3, 8, 0, 0, 0, ZoneOffset.UTC);

    private record Line(String action, String note, KeyedText text) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void oldLinesAndNoticesBecomeMessageKeys(String db) {
        Function<String, DataSource> at = db.equals("H2") ? Databases::h2At : Databases::postgresAt;
        DataSource ds = at.apply("13_2");
        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql("insert into account (username, password_hash, role, unit_code, created_at) "
                + "values ('m', 'x', 'UNIT_MANAGER', null, ?)").param(T).update();
        long manager = jdbc.sql("select id from account where username = 'm'").query(Long.class).single();
        jdbc.sql("insert into petition_case (case_no, state, submitted_at) values ('C7', 'DISPATCHED', ?)").param(T)
                .update();
        long c7 = jdbc.sql("select id from petition_case where case_no = 'C7'").query(Long.class).single();

        line(jdbc, c7, "REGISTER", "state", "SUBMITTED", "GOV_HOTLINE", null, null);
        line(jdbc, c7, "REGISTER", "state", "ACCEPTED", null, "history.channel", "#channel.WALK_IN");
        line(jdbc, c7, "ESCALATED", "level_unit", "B1", "REVIEW 超时/late, 第1次升级/step 1 → B1 城东分公司",
                "history.escalated", "#case.clock.REVIEW\u001FB1\u001F城东分公司");
        line(jdbc, c7, "NOTE", null, null, "HOTLINE", null, null);
        line(jdbc, c7, "WITHDRAW", "state", "WITHDRAWN", null, null, null);
        line(jdbc, c7, "EXPLAIN", null, null, "已向用户解释停暖原因", null, null);

        notice(jdbc, manager, c7, "notification.text",
                "工单 C7 复核超时,第1次升级至城东分公司\u001FCase C7: review late, escalation step 1 to B1");
        notice(jdbc, manager, c7, "notification.text",
                "工单 C7 受理超时,第2次升级至总部客户服务部\u001FCase C7: acceptance late, escalation step 2 to HQ");
        notice(jdbc, manager, c7, "notification.text", "系统维护通知\u001F系统维护通知");
        notice(jdbc, manager, c7, "notification.reminder", "C7\u001F#case.clock.HANDLING\u001F总部客户服务部");

        Databases.migrateRest(ds);

        List<Line> lines = jdbc.sql("select action, note, note_key, note_args from case_history order by id")
                .query((rs, i) -> new Line(rs.getString(1), rs.getString(2),
                        KeyedText.decode(rs.getString(3), rs.getString(4)))).list();
        assertThat(lines).containsExactly(
                new Line("REGISTER", null, KeyedText.of("history.channel", KeyedText.key("channel.GOV_HOTLINE"))),
                new Line("REGISTER", null, KeyedText.of("history.channel", KeyedText.key("channel.WALK_IN"))),
                new Line("ESCALATED", null,
                        KeyedText.of("history.escalated", KeyedText.key("case.clock.REVIEW"), "B1", "城东分公司")),
                new Line("NOTE", "HOTLINE", null),
                new Line("WITHDRAW", null, null),
                new Line("EXPLAIN", "已向用户解释停暖原因", null));

        List<KeyedText> notices = jdbc.sql("select message_key, message_args from notification order by id")
                .query((rs, i) -> KeyedText.decode(rs.getString(1), rs.getString(2))).list();
        assertThat(notices).containsExactly(
                KeyedText.of("notification.escalated", "C7", KeyedText.key("case.clock.REVIEW"), "城东分公司"),
                KeyedText.of("notification.escalated", "C7", KeyedText.key("case.clock.ACCEPTANCE"), "总部客户服务部"),
                KeyedText.of("notification.text", "系统维护通知", "系统维护通知"),
                KeyedText.of("notification.reminder", "C7", KeyedText.key("case.clock.HANDLING"), "总部客户服务部"));

        // and they read in either language
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        assertThat(messages.getMessage(notices.get(0), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("工单 C7 复核时限已超时,已升级至城东分公司,请督办。");
        assertThat(messages.getMessage(notices.get(0), Locale.ENGLISH))
                .isEqualTo("Case C7: Review time limit passed; escalated to 城东分公司.");
        assertThat(messages.getMessage(lines.get(0).text(), Locale.SIMPLIFIED_CHINESE)).isEqualTo("渠道:12345转办");
        assertThat(messages.getMessage(lines.get(0).text(), Locale.ENGLISH)).isEqualTo("channel: 12345 transfer");
    }

    private static void line(JdbcClient jdbc, long caseId, String action, String field, String after, String note,
                             String key, String args) {
        jdbc.sql("insert into case_history (case_id, at, actor, action, field, after_value, note, note_key, note_args) "
                        + "values (?, ?, 'A01', ?, ?, ?, ?, ?, ?)")
                .params(caseId, T, action, field, after, note, key, args).update();
    }

    private static void notice(JdbcClient jdbc, long account, long caseId, String key, String args) {
        jdbc.sql("insert into notification (account_id, at, message_key, message_args, case_id) values (?, ?, ?, ?, ?)")
                .params(account, T, key, args, caseId).update();
    }
}
