package org.warmline.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAccess;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseRepository;
import org.warmline.cases.CaseState;
import org.warmline.cases.RegisterCommand;
import org.warmline.cases.TransitionRefused;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.Post;
import org.warmline.ledger.ReviewFinding;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.OrganizationStore;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;
import org.warmline.security.Account;
import org.warmline.security.Role;
import org.warmline.persistence.Databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The evaluation queries and the review resolution on H2 and PostgreSQL: the month's PHONE / ONLINE mix within a data
 * scope (cut at the month's edges in the calendar's zone), and a review resolved in one transaction.
 */
class EvaluationStoresTest {

    private static final Scheme SCHEME = SchemeLoader.defaultScheme();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingCalendar CALENDAR = WorkingCalendar.shipped(SHANGHAI);
    private static final Account AGENT = new Account(1, "zhang", Role.AGENT, "A01", null, true, 0, null, Instant.EPOCH);
    private static final Account STEWARD = new Account(2, "li", Role.HANDLER, "S01", "T1", true, 0, null,
            Instant.EPOCH);
    private static final Account MANAGER = new Account(3, "wang", Role.UNIT_MANAGER, null, "B2", true, 0, null,
            Instant.EPOCH);

    private record Fixture(CaseDesk desk, EvaluationDesk evaluations, CallbackAttempts attempts, List<Object> events,
                           JdbcClient jdbc) {
    }

    private static Fixture fixture(DataSource ds) {
        JdbcClient jdbc = JdbcClient.create(ds);
        JdbcTransactionManager transactions = new JdbcTransactionManager(ds);
        CaseClocks clocks = new CaseClocks(SCHEME, CALENDAR, 0.8);
        CaseDesk desk = new CaseDesk(new CaseRepository(jdbc, clocks, Databases.caseDatabase(ds)), clocks, transactions,
                event -> { });
        OrganizationStore organization = new OrganizationStore(jdbc, transactions);
        organization.saveAll(List.of(new Unit("B1", "城东分公司", UnitKind.BRANCH, null),
                        new Unit("T1", "维修一班", UnitKind.TEAM, "B1"), new Unit("B2", "城西分公司", UnitKind.BRANCH, null)),
                List.of(new Staff("S01", "李管家", Post.STEWARD, "T1")));
        CaseAccess access = new CaseAccess(desk, organization);
        List<Object> events = new java.util.ArrayList<>();
        CallbackAttempts attempts = new CallbackAttempts(new CaseRepository(jdbc, clocks, Databases.caseDatabase(ds)), jdbc,
                transactions, events::add, new CallbackSettings(3, Duration.ofHours(4)), CALENDAR);
        return new Fixture(desk, new EvaluationDesk(desk, access, SCHEME, CALENDAR, jdbc,
                org.warmline.administration.SchemeVersions.of(jdbc), attempts), attempts, events, jdbc);
    }

    private static Case completed(CaseDesk desk, Instant at) {
        Case c = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "TEMPERATURE",
                "王女士", "13800001111", "幸福小区1号楼", "不热", null, at, null), AGENT, at);
        c = desk.dispatch(c.id(), c.version(), AGENT, at, "T1", "S01");
        c = desk.contact(c.id(), c.version(), STEWARD, at.plusSeconds(60));
        c = desk.giveSolution(c.id(), c.version(), STEWARD, at.plusSeconds(120), "已处理");
        return desk.complete(c.id(), c.version(), STEWARD, at.plusSeconds(120), true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void theMixCountsTheMonthsEvaluationsByChannelWithinTheScope(String name, Supplier<DataSource> database) {
        Fixture f = fixture(database.get());
        Instant january = Instant.parse("2026-01-05T02:00:00Z");
        // 2026-01-31 16:30 UTC is 1 February 00:30 in Shanghai: February's, not January's
        Instant februaryInShanghai = Instant.parse("2026-01-31T16:30:00Z");
        for (EvaluationChannel channel : List.of(EvaluationChannel.PHONE, EvaluationChannel.PHONE,
                EvaluationChannel.PHONE, EvaluationChannel.ONLINE)) {
            Case c = completed(f.desk(), january);
            f.desk().evaluate(c.id(), c.version(), AGENT, january.plus(Duration.ofDays(1)), EvaluationLevel.SATISFIED,
                    channel, null);
        }
        Case late = completed(f.desk(), january);
        f.desk().evaluate(late.id(), late.version(), AGENT, februaryInShanghai, EvaluationLevel.BASIC,
                EvaluationChannel.ONLINE, null);
        completed(f.desk(), january); // not evaluated: counts nowhere

        EvaluationMix mix = f.evaluations().mix(AGENT, Period.month(YearMonth.of(2026, 1)));
        assertThat(mix.period()).isEqualTo("2026-01");
        assertThat(mix.phone()).isEqualTo(3);
        assertThat(mix.online()).isEqualTo(1);
        assertThat(mix.phoneShare()).isEqualByComparingTo("75.0");
        assertThat(mix.phoneTarget()).isEqualByComparingTo("70");
        assertThat(mix.onlineTarget()).isEqualByComparingTo("30");
        assertThat(f.evaluations().mix(AGENT, Period.month(YearMonth.of(2026, 2))).online()).isEqualTo(1);
        assertThat(f.evaluations().mix(STEWARD, Period.month(YearMonth.of(2026, 1))).total()).isEqualTo(4);
        assertThat(f.evaluations().mix(MANAGER, Period.month(YearMonth.of(2026, 1))).total()).isZero();
        assertThat(f.evaluations().callbackQueue(AGENT, january.plus(Duration.ofDays(2)))).hasSize(1);
        assertThat(f.evaluations().callbackQueue(MANAGER, january.plus(Duration.ofDays(2)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aReviewIsResolvedInOneTransaction(String name, Supplier<DataSource> database) {
        Fixture f = fixture(database.get());
        Instant at = Instant.parse("2026-01-05T02:00:00Z");
        Case c = completed(f.desk(), at);
        Case review = f.desk().evaluate(c.id(), c.version(), AGENT, at.plus(Duration.ofHours(1)),
                EvaluationLevel.UNSATISFIED, EvaluationChannel.ONLINE, "不满意");
        assertThat(f.evaluations().reviewQueue(AGENT, at.plus(Duration.ofHours(2)))).singleElement()
                .satisfies(r -> assertThat(r.clock().colour()).isEqualTo(CaseClocks.Colour.GREEN));
        assertThat(f.evaluations().reviewQueue(AGENT, at.plus(Duration.ofHours(26)))).singleElement()
                .satisfies(r -> assertThat(r.clock().colour()).isEqualTo(CaseClocks.Colour.RED));

        // a misunderstanding without the explanation is refused as a whole: not even the finding is kept
        assertThatThrownBy(() -> f.desk().resolveReview(c.id(), review.version(), AGENT, at.plus(Duration.ofHours(2)),
                ReviewFinding.MISUNDERSTANDING, " ")).isInstanceOf(org.warmline.cases.TransitionRefused.class);
        assertThat(f.desk().find(c.id()).orElseThrow().reviewedAt()).isNull();

        Case closed = f.desk().resolveReview(c.id(), review.version(), AGENT, at.plus(Duration.ofHours(3)),
                ReviewFinding.MISUNDERSTANDING, "已说明收费标准");
        assertThat(closed.state()).isEqualTo(CaseState.CLOSED);
        assertThat(closed.version()).isEqualTo(review.version() + 1);
        assertThat(closed.reviewedAt()).isEqualTo(at.plus(Duration.ofHours(3)));
        assertThat(closed.explainedAt()).isEqualTo(at.plus(Duration.ofHours(3)));
        assertThat(f.desk().history(c.id())).anySatisfy(h -> assertThat(h.note()).isEqualTo("已说明收费标准"));
        assertThat(f.evaluations().reviewQueue(AGENT, at.plus(Duration.ofHours(4)))).isEmpty();
    }
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void callbackAttemptsAreSpacedCountedAndTakeTheCaseOutOfTheQueueAfterTheLast(String name,
                                                                                Supplier<DataSource> database) {
        Fixture f = fixture(database.get());
        Instant done = Instant.parse("2026-01-05T02:00:00Z");
        Case waiting = completed(f.desk(), done);
        Case other = completed(f.desk(), done.plusSeconds(600));
        Instant now = done.plus(Duration.ofDays(1));
        assertThat(f.evaluations().callbacksWaiting(AGENT)).isEqualTo(2);
        assertThat(f.evaluations().callbackQueue(AGENT, now)).extracting(w -> w.c().caseNo())
                .containsExactly(waiting.caseNo(), other.caseNo());

        Instant first = done.plus(Duration.ofHours(1));
        CallbackAttempts.Round round = f.attempts().record(waiting.id(), waiting.version(), AGENT, first,
                CallbackOutcome.NO_ANSWER, now);
        assertThat(round.attempts()).extracting(CallbackAttempts.Attempt::number, CallbackAttempts.Attempt::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, CallbackOutcome.NO_ANSWER));
        assertThat(round.nextAllowed()).isEqualTo(first.plus(Duration.ofHours(4)));
        // the queue puts the case whose next callback is due later last
        assertThat(f.evaluations().callbackQueue(AGENT, first.plusSeconds(60))).extracting(w -> w.c().caseNo())
                .containsExactly(other.caseNo(), waiting.caseNo());

        // too soon, in the future, before completion, on a stale version: refused, nothing recorded
        assertThatThrownBy(() -> f.attempts().record(waiting.id(), waiting.version(), AGENT,
                first.plus(Duration.ofHours(3)), CallbackOutcome.POWERED_OFF, now))
                .isInstanceOf(TransitionRefused.class).extracting(e -> ((TransitionRefused) e).key())
                .isEqualTo("callback.refused.tooSoon");
        assertThatThrownBy(() -> f.attempts().record(waiting.id(), waiting.version(), AGENT, now.plusSeconds(60),
                CallbackOutcome.POWERED_OFF, now)).isInstanceOf(TransitionRefused.class)
                .extracting(e -> ((TransitionRefused) e).key()).isEqualTo("callback.refused.time");
        assertThatThrownBy(() -> f.attempts().record(waiting.id(), waiting.version() - 1, AGENT, now,
                CallbackOutcome.POWERED_OFF, now)).isInstanceOf(org.warmline.cases.CaseChanged.class);
        assertThat(f.attempts().round(waiting).attempts()).hasSize(1);

        f.attempts().record(waiting.id(), waiting.version(), AGENT, first.plus(Duration.ofHours(4)),
                CallbackOutcome.REJECTED, now);
        assertThat(f.events()).isEmpty();
        CallbackAttempts.Round last = f.attempts().record(waiting.id(), waiting.version(), AGENT,
                first.plus(Duration.ofHours(9)), CallbackOutcome.WRONG_NUMBER, now);
        assertThat(last.exhausted()).isTrue();
        assertThat(last.nextAllowed()).isNull();
        assertThat(f.events()).singleElement().isEqualTo(new CallbackAttemptsExhausted(waiting.id(),
                waiting.caseNo(), first.plus(Duration.ofHours(9)), 3));
        assertThat(f.evaluations().callbackQueue(AGENT, now)).extracting(w -> w.c().caseNo())
                .containsExactly(other.caseNo());
        assertThat(f.evaluations().callbacksWaiting(AGENT)).isEqualTo(1);
        assertThat(f.evaluations().callbacksGivenUp(AGENT)).isEqualTo(1);
        assertThatThrownBy(() -> f.attempts().record(waiting.id(), waiting.version(), AGENT, now,
                CallbackOutcome.NO_ANSWER, now)).isInstanceOf(TransitionRefused.class)
                .extracting(e -> ((TransitionRefused) e).key()).isEqualTo("callback.refused.exhausted");
        // every attempt is on the history, the last with the case leaving the queue
        assertThat(f.desk().history(waiting.id())).filteredOn(h -> h.action().equals("CALLBACK_ATTEMPT"))
                .extracting(h -> h.text().key()).containsExactly("history.callbackAttempt",
                        "history.callbackAttempt", "history.callbackAttempt", "history.callbacksExhausted");
        // the citizen can still be evaluated (online survey); the case is then no one's callback
        Case evaluated = f.desk().evaluateOnline(waiting.id(), waiting.version(), now, EvaluationLevel.SATISFIED,
                null, true);
        assertThat(evaluated.resolved()).isTrue();
        assertThatThrownBy(() -> f.attempts().record(other.id(), other.version() + 1, AGENT, now,
                CallbackOutcome.NO_ANSWER, now)).isInstanceOf(org.warmline.cases.CaseChanged.class);
        assertThatThrownBy(() -> f.attempts().record(evaluated.id(), evaluated.version(), AGENT, now,
                CallbackOutcome.NO_ANSWER, now)).isInstanceOf(TransitionRefused.class)
                .extracting(e -> ((TransitionRefused) e).key()).isEqualTo("callback.refused.state");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aCaseCompletedAgainIsCalledBackAfresh(String name, Supplier<DataSource> database) {
        Fixture f = fixture(database.get());
        Instant done = Instant.parse("2026-01-05T02:00:00Z");
        Case c = completed(f.desk(), done);
        for (int i = 0; i < 2; i++) {
            f.attempts().record(c.id(), c.version(), AGENT, done.plus(Duration.ofHours(1 + 5L * i)),
                    CallbackOutcome.NO_ANSWER, done.plus(Duration.ofDays(1)));
        }
        c = f.desk().evaluate(c.id(), c.version(), AGENT, done.plus(Duration.ofDays(1)), EvaluationLevel.UNSATISFIED,
                EvaluationChannel.PHONE, "还是不热", false);
        c = f.desk().resolveReview(c.id(), c.version(), AGENT, done.plus(Duration.ofDays(1)).plusSeconds(60),
                org.warmline.ledger.ReviewFinding.SERVICE_PROBLEM, null);
        c = f.desk().giveSolution(c.id(), c.version(), STEWARD, done.plus(Duration.ofDays(2)), "更换阀门");
        c = f.desk().complete(c.id(), c.version(), STEWARD, done.plus(Duration.ofDays(2)), true);
        assertThat(f.attempts().round(c).attempts()).isEmpty();
        assertThat(f.evaluations().callbackQueue(AGENT, done.plus(Duration.ofDays(3)))).singleElement()
                .satisfies(w -> assertThat(w.attempts()).isEmpty());
    }
}
