package org.warmline.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseQuery;
import org.warmline.cases.CaseState;
import org.warmline.security.AccountStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --demo} loads a living desk: accounts for every role with tokens, cases in every state, late ones, the loops
 * the desk closes (a manager with unread notices, callbacks with failed attempts, complaints confirmed and not), an
 * escalation that ends at the top, and no data warnings of its own making.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1",
        "warmline.demo.accounts-file=target/demo-test/demo-accounts.csv"})
class DemoLoaderTest {

    @Autowired
    DemoLoader loader;

    @Autowired
    CaseDesk desk;

    @Autowired
    AccountStore accounts;

    @Autowired
    org.warmline.records.ManualRecords records;

    @Test
    void loadsADeskInEveryStateWithAnAccountPerRole() throws Exception {
        Instant now = Instant.parse("2026-11-28T02:00:00Z");
        loader.load(now);

        List<String> lines = Files.readAllLines(Path.of("target/demo-test/demo-accounts.csv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("role,username,password,token");
        assertThat(records.regulations()).as("regulations of the demo company").isNotEmpty();
        assertThat(records.trainings()).as("trainings of the demo company").isNotEmpty();
        assertThat(lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0]).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("ADMIN", "ASSESSOR", "AGENT", "UNIT_MANAGER", "HANDLER");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f[2]).hasSizeGreaterThanOrEqualTo(12);
            assertThat(accounts.findByToken(f[3])).get().extracting(a -> a.username()).isEqualTo(f[1]);
        }

        List<Case> all = desk.search(CaseQuery.all().page(500, 0)).cases();
        assertThat(desk.search(CaseQuery.all()).total()).isGreaterThan(1000);
        for (CaseState state : EnumSet.of(CaseState.ACCEPTED, CaseState.DISPATCHED, CaseState.COMPLETED,
                CaseState.EVALUATED, CaseState.REVIEW, CaseState.WITHDRAWN)) {
            assertThat(desk.search(CaseQuery.all().withStates(Set.of(state))).total()).as(state.name()).isPositive();
        }
        assertThat(all).anySatisfy(c -> assertThat(desk.clocks(c, now).clocks())
                .anySatisfy(clock -> assertThat(clock.colour()).isEqualTo(CaseClocks.Colour.RED)));

        // an active outage announcement with calls answered from it, linked under its complex case
        assertThat(announcements.active()).singleElement().satisfies(a -> {
            assertThat(announcements.callCounts(List.of(a))).containsEntry(a.id(), 8L);
            assertThat(desk.children(a.caseId())).hasSize(8)
                    .allSatisfy(c -> assertThat(c.state()).isEqualTo(CaseState.SOLUTION_GIVEN));
            assertThat(desk.find(a.caseId()).orElseThrow().state()).isEqualTo(CaseState.IN_PROGRESS);
        });

        // a manager with unread notices (the loader's escalation round)
        org.warmline.security.Account manager = accounts.find("manager").orElseThrow();
        assertThat(notifications.unreadCount(manager.id())).isPositive();
        // complaints the citizen confirmed and did not confirm; callbacks with failed attempts, one out of the queue
        assertThat(count("select count(*) from petition_case where resolution = 'RESOLVED' and resolution_source = "
                + "'CALLBACK'")).isPositive();
        assertThat(count("select count(*) from petition_case where resolution = 'UNRESOLVED' and resolution_source = "
                + "'CALLBACK' and handler_resolved = true")).isPositive();
        assertThat(count("select count(*) from petition_case where resolution_source = 'ON_SITE'")).isPositive();
        assertThat(count("select count(*) from petition_case where resolution_source = 'FOLLOW_UP'")).isPositive();
        assertThat(count("select count(*) from petition_case where repeat_of is not null")).isPositive();
        assertThat(count("select count(distinct case_id) from callback_attempt")).isEqualTo(2);
        assertThat(count("select count(*) from callback_attempt")).isEqualTo(4);

        // the first minute of escalation (the loader's round, then the job every minute) writes at most depth × late
        // clocks: each late clock reaches each level once
        for (int minute = 0; minute <= 2; minute++) {
            escalations.run(now.plusSeconds(30L * minute));
        }
        long bound = 0;
        for (Case c : desk.search(CaseQuery.all().withStates(EnumSet.complementOf(EnumSet.of(CaseState.CLOSED,
                CaseState.WITHDRAWN))).page(500, 0)).cases()) {
            long red = desk.clocks(c, now.plusSeconds(60)).clocks().stream()
                    .filter(k -> k.colour() == CaseClocks.Colour.RED).count();
            bound += red * org.warmline.escalation.EscalationPlan.depth(escalations.unitChain(c.unit()));
        }
        long escalated = count("select count(*) from case_history where action = 'ESCALATED'");
        assertThat(escalated).isPositive().isLessThanOrEqualTo(bound);
        assertThat(count("select max(n) from (select count(*) as n from case_history where action = 'ESCALATED' "
                + "group by case_id) per_case")).isLessThanOrEqualTo(8);

        // no data warnings of the demo's own making in the live assessment of the year
        var result = live.assess(org.warmline.calendar.Period.parse(String.valueOf(
                now.atZone(java.time.ZoneId.of("Asia/Shanghai")).getYear()), 1), now, java.util.Locale.ENGLISH);
        assertThat(result.warnings()).isEmpty();
    }

    @Autowired
    org.warmline.notifications.Notifications notifications;

    @Autowired
    org.warmline.announcements.Announcements announcements;

    @Autowired
    org.warmline.escalation.Escalations escalations;

    @Autowired
    org.warmline.assessing.LiveAssessment live;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
