package org.warmline.stakes;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.warmline.assessment.AssessmentEngine;
import org.warmline.assessment.CaseWhatIf;
import org.warmline.assessment.SubjectResult;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAccess;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseRepository;
import org.warmline.cases.RegisterCommand;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.OrganizationStore;
import org.warmline.persistence.Databases;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;
import org.warmline.security.Account;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Points at stake of cases on the desk, on H2 and PostgreSQL: what each running clock of a stored case is said to put
 * at stake is what the assessment engine deducts for that case, subject by subject, once the deadline has passed
 * with nothing done (the month's assessment of the desk's records as of one second after it); the dashboard's ranking
 * puts the case with most at stake first; a case with no running clock has nothing at stake.
 */
class PointsAtStakeTest {

    private static final Scheme SCHEME = SchemeLoader.defaultScheme();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingCalendar CALENDAR = WorkingCalendar.shipped(SHANGHAI);
    private static final Account AGENT = new Account(1, "zhang", Role.AGENT, "A01", "HQ", true, 0, null, Instant.EPOCH);
    private static final Account HANDLER = new Account(2, "li", Role.HANDLER, "S01", "S1T1", true, 0, null,
            Instant.EPOCH);
    /** A Tuesday morning in January (working days around it). */
    private static final Instant T0 = LocalDateTime.parse("2026-01-06T09:00").atZone(SHANGHAI).toInstant();

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (Supplier<DataSource>) Databases::h2),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) Databases::postgres));
    }

    private record Fixture(PointsAtStake stakes, CaseDesk desk, OrganizationStore organization) {
    }

    private static Fixture fixture(DataSource ds) {
        JdbcClient jdbc = JdbcClient.create(ds);
        JdbcTransactionManager transactions = new JdbcTransactionManager(ds);
        CaseClocks clocks = new CaseClocks(SCHEME, CALENDAR, 0.8);
        CaseRepository repository = new CaseRepository(jdbc, clocks, Databases.caseDatabase(ds));
        CaseDesk desk = new CaseDesk(repository, clocks, transactions, event -> { });
        OrganizationStore organization = new OrganizationStore(jdbc, transactions);
        organization.saveAll(List.of(new Unit("HQ", "总部客户服务部", UnitKind.HQ_SERVICE, null),
                        new Unit("B1", "城东分公司", UnitKind.BRANCH, null),
                        new Unit("S1", "兴华供热站", UnitKind.STATION, "B1"),
                        new Unit("S1T1", "兴华站维修一班", UnitKind.TEAM, "S1")),
                List.of(new Staff("A01", "张客服", Post.AGENT, "HQ"), new Staff("S01", "李管家", Post.STEWARD, "S1T1")));
        // no signed-in user here: the tests name the viewer
        PointsAtStake stakes = new PointsAtStake(clocks, desk, new CaseAccess(desk, organization), organization, null);
        return new Fixture(stakes, desk, organization);
    }

    private static RegisterCommand call(Category category, String phone, Instant at) {
        return new RegisterCommand(Channel.HOTLINE, category, false, "TEMPERATURE", "王女士", phone, "幸福小区3号楼2单元",
                "卧室室温只有 15 度", null, at, null);
    }

    /** What the month's assessment of the desk's records as of {@code asOf} deducts for the case by a rule. */
    private static Map<String, BigDecimal> deducted(Fixture f, Case c, String rule, Instant asOf) {
        DataSet data = new DataSet(f.organization().units(), f.organization().staff(),
                f.desk().search(org.warmline.cases.CaseQuery.all().page(100, 0)).cases().stream()
                        .map(Case::toRecord).toList(), List.of(), List.of(), List.of(), List.of(), List.of());
        Period month = Period.month(YearMonth.from(c.submittedAt().atZone(SHANGHAI)));
        Map<String, BigDecimal> out = new TreeMap<>();
        for (SubjectResult subject : new AssessmentEngine(SCHEME, CALENDAR, Locale.SIMPLIFIED_CHINESE)
                .assess(data, month, asOf).subjects()) {
            subject.items().values().forEach(item -> item.deductions().stream()
                    .filter(e -> c.caseNo().equals(e.ref()) && e.rule().equals(rule))
                    .forEach(e -> out.merge(subject.code(), e.points(), BigDecimal::add)));
        }
        return out;
    }

    private static Map<String, BigDecimal> bySubject(CaseStakes.ClockStake clock) {
        Map<String, BigDecimal> out = new TreeMap<>();
        clock.losses().forEach(l -> out.merge(l.code(), l.points(), BigDecimal::add));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whatAStoredCaseHasAtStakeIsWhatTheEngineDeductsOnceTheDeadlinePasses(String name, Supplier<DataSource> db) {
        Fixture f = fixture(db.get());
        Case complaint = f.desk().registerByAgent(call(Category.COMPLAINT, "13812345678", T0), AGENT, T0);
        complaint = f.desk().dispatch(complaint.id(), complaint.version(), AGENT, T0.plus(Duration.ofMinutes(5)),
                "S1T1", "S01");
        Case consultation = f.desk().registerByAgent(call(Category.CONSULTATION, "13912345678", T0), AGENT, T0);
        consultation = f.desk().dispatch(consultation.id(), consultation.version(), AGENT,
                T0.plus(Duration.ofMinutes(5)), "S1T1", "S01");
        consultation = f.desk().contact(consultation.id(), consultation.version(), HANDLER,
                T0.plus(Duration.ofMinutes(10)));
        Case answered = f.desk().registerByAgent(call(Category.CONSULTATION, "13712345678", T0), AGENT, T0);
        answered = f.desk().dispatch(answered.id(), answered.version(), AGENT, T0.plus(Duration.ofMinutes(5)), "S1T1",
                "S01");
        answered = f.desk().contact(answered.id(), answered.version(), HANDLER, T0.plus(Duration.ofMinutes(6)));
        answered = f.desk().giveSolution(answered.id(), answered.version(), HANDLER, T0.plus(Duration.ofMinutes(8)),
                "已调整阀门");
        answered = f.desk().complete(answered.id(), answered.version(), HANDLER, T0.plus(Duration.ofMinutes(9)), true);
        Instant now = T0.plus(Duration.ofMinutes(20));

        CaseStakes stakes = f.stakes().of(f.desk().find(complaint.id()).orElseThrow(), now, Locale.SIMPLIFIED_CHINESE,
                null);
        assertThat(stakes.clocks()).extracting(CaseStakes.ClockStake::kind)
                .containsExactly(CaseClocks.Kind.CONTACT, CaseClocks.Kind.HANDLING);
        assertThat(stakes.atStake()).hasSize(2);
        for (CaseStakes.ClockStake clock : stakes.clocks()) {
            assertThat(clock.late()).isFalse();
            String rule = CaseWhatIf.Timer.valueOf(clock.kind().name()).rule();
            Map<String, BigDecimal> engine = deducted(f, complaint, rule, clock.deadline().plusSeconds(1));
            assertThat(engine).as(name + " " + clock.kind()).isNotEmpty();
            assertThat(bySubject(clock)).as(name + " " + clock.kind()).isEqualTo(engine);
            // nothing yet: the same assessment a second before the deadline deducts nothing for it
            assertThat(deducted(f, complaint, rule, clock.deadline().minusSeconds(1))).isEmpty();
            assertThat(clock.losses()).allSatisfy(l -> assertThat(l.reason()).isNotBlank());
        }
        // the station, its branch and the steward lose on the contact clock; the agent who dispatched in time does not
        assertThat(bySubject(stakes.clocks().get(0))).containsKeys("S1", "B1", "S01").doesNotContainKey("A01");
        // the case's figure: the most one subject would lose if both clocks were missed
        Map<String, BigDecimal> both = new TreeMap<>(bySubject(stakes.clocks().get(0)));
        bySubject(stakes.clocks().get(1)).forEach((subject, points) -> both.merge(subject, points, BigDecimal::add));
        assertThat(stakes.points()).isEqualByComparingTo(both.values().stream().max(BigDecimal::compareTo)
                .orElseThrow());

        // the dashboard's ranking: the complaint (two clocks at stake) before the consultation (its handling clock)
        CaseStakes asked = f.stakes().of(f.desk().find(consultation.id()).orElseThrow(), now,
                Locale.SIMPLIFIED_CHINESE, null);
        assertThat(asked.clocks()).extracting(CaseStakes.ClockStake::kind).containsExactly(CaseClocks.Kind.HANDLING);
        assertThat(asked.points()).isLessThan(stakes.points());
        Account manager = new Account(3, "wang", Role.UNIT_MANAGER, null, "B1", true, 0, null, Instant.EPOCH);
        PointsAtStake.Ranking ranking = f.stakes().ranking(manager, now, 10);
        assertThat(ranking.cases()).extracting(r -> r.c().caseNo())
                .containsExactly(complaint.caseNo(), consultation.caseNo());

        // a day on, the contact clock is late by far more than its item is worth: the loss says the item stops at 0
        CaseStakes dayOn = f.stakes().of(f.desk().find(complaint.id()).orElseThrow(), T0.plus(Duration.ofHours(30)),
                Locale.SIMPLIFIED_CHINESE, null);
        CaseStakes.ClockStake lateContact = dayOn.clocks().get(0);
        assertThat(lateContact.late()).isTrue();
        assertThat(lateContact.losses()).isNotEmpty().allSatisfy(l -> {
            assertThat(l.itemMax()).isEqualByComparingTo(SCHEME.items().max(org.warmline.scheme.ItemCode.HANDLING_RESPONSE));
            assertThat(l.points()).isGreaterThan(l.itemMax());
            assertThat(l.beyondItem()).isTrue();
        });
        assertThat(stakes.clocks().get(0).losses()).noneMatch(CaseStakes.SubjectLoss::beyondItem);

        // a completed case has no running clock and nothing at stake
        CaseStakes none = f.stakes().of(f.desk().find(answered.id()).orElseThrow(), now, Locale.SIMPLIFIED_CHINESE,
                null);
        assertThat(none.running()).isFalse();
        assertThat(none.shown()).isEmpty();
    }
}
