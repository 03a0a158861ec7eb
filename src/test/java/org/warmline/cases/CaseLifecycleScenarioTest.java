package org.warmline.cases;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.warmline.assessment.AssessmentEngine;
import org.warmline.assessment.AssessmentResult;
import org.warmline.assessment.Entry;
import org.warmline.calendar.Period;
import org.warmline.cases.CaseEvent.CaseAccepted;
import org.warmline.cases.CaseEvent.CaseCompleted;
import org.warmline.cases.CaseEvent.CaseContacted;
import org.warmline.cases.CaseEvent.CaseDispatched;
import org.warmline.cases.CaseEvent.CaseEvaluated;
import org.warmline.cases.CaseEvent.CaseRegistered;
import org.warmline.cases.CaseEvent.CaseRehandled;
import org.warmline.cases.CaseEvent.CaseReviewed;
import org.warmline.cases.CaseEvent.ResolutionRecorded;
import org.warmline.cases.CaseEvent.CaseSurveyed;
import org.warmline.cases.CaseEvent.CaseWithdrawn;
import org.warmline.cases.CaseEvent.SolutionGiven;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;
import org.warmline.persistence.Databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.warmline.cases.DeskFixture.AGENT;
import static org.warmline.cases.DeskFixture.MANAGER;
import static org.warmline.cases.DeskFixture.STEWARD;

/**
 * A case's life at the desk from the hotline call to the second evaluation (dddsample style): state, stamps, history
 * and events at each step; refused transitions with their messages; concurrent updates; and the cases the desk wrote,
 * assessed by the engine, lose exactly where the desk's clocks were red.
 */
class CaseLifecycleScenarioTest {

    private DeskFixture f;
    private CaseDesk desk;
    /** (case number, engine rule) of every clock seen red at the moment its milestone was reached. */
    private final Set<List<String>> redClocks = new HashSet<>();

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(DeskFixture.SHANGHAI).toInstant();
    }

    @BeforeEach
    void desk() {
        f = new DeskFixture(Databases.h2());
        desk = f.desk;
    }

    private RegisterCommand hotline(Category category, String submitted) {
        return new RegisterCommand(Channel.HOTLINE, category, false, "室温不达标", "王女士", "138 0000 1111",
                "幸福小区3-2-501", "卧室室温16度", at(submitted).minusSeconds(3600), at(submitted), null);
    }

    private List<Object> events() {
        List<Object> copy = List.copyOf(f.events);
        f.events.clear();
        return copy;
    }

    private List<HistoryEntry> historyOf(Case c, String action) {
        return desk.history(c.id()).stream().filter(h -> h.action().equals(action)).toList();
    }

    /** Notes which clocks are red at {@code at}, just before a transition at that instant stops them. */
    private void noteRed(Case c, Instant at) {
        for (CaseClocks.Clock clock : desk.clocks(c, at).clocks()) {
            if (clock.colour() == CaseClocks.Colour.RED) {
                String rule = switch (clock.kind()) {
                    case ACCEPTANCE -> "response.late-acceptance";
                    case CONTACT -> "response.late-contact";
                    case HANDLING -> "timeliness.late";
                    case REVIEW -> "dissatisfied.late-review";
                };
                redClocks.add(List.of(c.caseNo(), rule));
            }
        }
    }

    @Test
    void aHotlineComplaintFromCallToSecondEvaluation() {
        // 1. the caller rang at 08:00; the agent types the case in at 08:40 (after the fact)
        Instant typed = at("2026-01-12T08:40");
        Case c = desk.registerByAgent(hotline(Category.COMPLAINT, "2026-01-12T08:00"), AGENT, typed);
        assertThat(c.state()).isEqualTo(CaseState.ACCEPTED);
        assertThat(c.submittedAt()).isEqualTo(at("2026-01-12T08:00"));
        assertThat(c.recordedAt()).isEqualTo(typed);
        assertThat(c.acceptedAt()).isEqualTo(typed);
        assertThat(c.acceptedBy()).isEqualTo("A01");
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.caseNo()).startsWith("W20260112-");
        assertThat(events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("CaseRegistered", "CaseAccepted");
        assertThat(desk.history(c.id())).extracting(HistoryEntry::action, HistoryEntry::field, HistoryEntry::after)
                .containsExactly(tuple("REGISTER", "state", "SUBMITTED"),
                        tuple("ACCEPT", "accepted_at", typed.toString()), tuple("ACCEPT", "accepted_by", "A01"),
                        tuple("ACCEPT", "state", "ACCEPTED"));
        // 40 minutes after the call the acceptance clock is red: it stops only at dispatch
        assertThat(desk.clocks(c, typed).clock(CaseClocks.Kind.ACCEPTANCE).orElseThrow().colour())
                .isEqualTo(CaseClocks.Colour.RED);

        // 2. dispatch to team T1, steward S01
        Instant dispatched = at("2026-01-12T08:45");
        noteRed(c, dispatched);
        c = desk.dispatch(c.id(), c.version(), AGENT, dispatched, "T1", "S01");
        assertThat(c.state()).isEqualTo(CaseState.DISPATCHED);
        assertThat(c.dispatchedAt()).isEqualTo(dispatched);
        assertThat(c.unit()).isEqualTo("T1");
        assertThat(c.handler()).isEqualTo("S01");
        assertThat(events()).singleElement().isEqualTo(
                new CaseDispatched(c.id(), c.caseNo(), "A01", dispatched, "T1", "S01"));
        assertThat(historyOf(c, "DISPATCH")).extracting(HistoryEntry::field, HistoryEntry::before,
                        HistoryEntry::after)
                .containsExactly(tuple("dispatched_at", null, dispatched.toString()), tuple("unit", null, "T1"),
                        tuple("handler", null, "S01"), tuple("state", "ACCEPTED", "DISPATCHED"));

        // 3. the steward calls the citizen, 4. surveys on site
        Instant contacted = at("2026-01-12T09:30");
        noteRed(c, contacted);
        c = desk.contact(c.id(), c.version(), STEWARD, contacted);
        assertThat(c.state()).isEqualTo(CaseState.IN_PROGRESS);
        assertThat(c.contactedAt()).isEqualTo(contacted);
        assertThat(events()).singleElement().isInstanceOf(CaseContacted.class);
        Instant surveyed = at("2026-01-12T10:30");
        c = desk.survey(c.id(), c.version(), STEWARD, surveyed);
        assertThat(c.state()).isEqualTo(CaseState.IN_PROGRESS);
        assertThat(c.siteSurvey()).isTrue();
        assertThat(c.surveyedAt()).isEqualTo(surveyed);
        assertThat(events()).singleElement().isInstanceOf(CaseSurveyed.class);
        assertThat(historyOf(c, "SURVEY")).extracting(HistoryEntry::field).containsExactly("site_survey",
                "surveyed_at");

        // 5. solution within the 24 h complaint deadline, 6. completed
        Instant solved = at("2026-01-13T07:00");
        noteRed(c, solved);
        c = desk.giveSolution(c.id(), c.version(), STEWARD, solved, "更换入户阀门");
        assertThat(c.state()).isEqualTo(CaseState.SOLUTION_GIVEN);
        assertThat(c.solutionAt()).isEqualTo(solved);
        assertThat(events()).singleElement().isInstanceOf(SolutionGiven.class);
        Instant completed = at("2026-01-13T09:00");
        c = desk.complete(c.id(), c.version(), STEWARD, completed, true);
        assertThat(c.state()).isEqualTo(CaseState.COMPLETED);
        assertThat(c.completedAt()).isEqualTo(completed);
        // the handler's view is kept; the resolution is the citizen's and waits for the callback (scheme 2.3)
        assertThat(c.handlerResolved()).isTrue();
        assertThat(c.resolved()).isFalse();
        assertThat(c.resolution()).isEqualTo(Resolution.PENDING);
        assertThat(events()).singleElement().isEqualTo(new CaseCompleted(c.id(), c.caseNo(), "S01", completed, true));
        assertThat(desk.clocks(c, completed).clocks()).isEmpty();

        // 7. callback: UNSATISFIED opens a review with a 24 h clock
        Instant unsatisfied = at("2026-01-13T15:00");
        c = desk.evaluate(c.id(), c.version(), AGENT, unsatisfied, EvaluationLevel.UNSATISFIED,
                EvaluationChannel.PHONE, "室温仍不达标", false);
        assertThat(c.state()).isEqualTo(CaseState.REVIEW);
        assertThat(c.resolution()).isEqualTo(Resolution.UNRESOLVED);
        assertThat(c.resolutionSource()).isEqualTo(Resolution.Source.CALLBACK);
        assertThat(c.resolved()).isFalse();
        assertThat(events()).hasSize(2).last().isInstanceOf(ResolutionRecorded.class);
        c = desk.find(c.id()).orElseThrow();
        assertThat(c.unsatisfiedAt()).isEqualTo(unsatisfied);
        assertThat(c.evaluatedAt()).isEqualTo(unsatisfied);
        assertThat(desk.clocks(c, unsatisfied.plusSeconds(3600)).clock(CaseClocks.Kind.REVIEW).orElseThrow()
                .deadline()).isEqualTo(at("2026-01-14T15:00"));

        // 8. review: a service problem, 9. re-handled
        Instant reviewed = at("2026-01-13T20:00");
        noteRed(c, reviewed);
        c = desk.review(c.id(), c.version(), AGENT, reviewed, ReviewFinding.SERVICE_PROBLEM);
        assertThat(c.state()).isEqualTo(CaseState.REVIEW);
        assertThat(c.reviewedAt()).isEqualTo(reviewed);
        assertThat(c.reviewFinding()).isEqualTo(ReviewFinding.SERVICE_PROBLEM);
        assertThat(events()).singleElement().isInstanceOf(CaseReviewed.class);
        Case underReview = c;
        assertThatThrownBy(() -> desk.explain(underReview.id(), underReview.version(), AGENT, reviewed))
                .isInstanceOf(TransitionRefused.class)
                .extracting(e -> ((TransitionRefused) e).key()).isEqualTo("case.refused.finding");
        Instant rehandled = at("2026-01-13T20:05");
        c = desk.rehandle(c.id(), c.version(), AGENT, rehandled);
        assertThat(c.state()).isEqualTo(CaseState.IN_PROGRESS);
        assertThat(c.rehandledAt()).isEqualTo(rehandled);
        assertThat(events()).singleElement().isInstanceOf(CaseRehandled.class);

        // handled again: a new solution (its first instant stays the 2.2 milestone), completed, called back
        c = desk.giveSolution(c.id(), c.version(), STEWARD, at("2026-01-14T10:00"), "加装循环泵");
        assertThat(c.solution()).isEqualTo("加装循环泵");
        assertThat(c.solutionAt()).isEqualTo(solved);
        c = desk.complete(c.id(), c.version(), STEWARD, at("2026-01-14T11:00"), true);
        assertThat(c.completedAt()).isEqualTo(completed);
        events();

        // 10. second callback: SATISFIED; the review of the first round stays on record
        Instant satisfied = at("2026-01-14T16:00");
        assertThat(c.resolution()).isEqualTo(Resolution.PENDING);
        c = desk.evaluate(c.id(), c.version(), AGENT, satisfied, EvaluationLevel.SATISFIED, EvaluationChannel.PHONE,
                "已解决,满意", true);
        assertThat(c.state()).isEqualTo(CaseState.EVALUATED);
        assertThat(c.resolved()).isTrue();
        assertThat(c.resolution()).isEqualTo(Resolution.RESOLVED);
        assertThat(c.resolutionBy()).isEqualTo("A01");
        assertThat(c.evaluation()).isEqualTo(EvaluationLevel.SATISFIED);
        assertThat(c.evaluatedAt()).isEqualTo(satisfied);
        assertThat(c.unsatisfiedAt()).isEqualTo(unsatisfied);
        assertThat(c.reviewedAt()).isEqualTo(reviewed);
        assertThat(c.rehandledAt()).isEqualTo(rehandled);
        assertThat(events()).first().isEqualTo(new CaseEvaluated(c.id(), c.caseNo(), "A01", satisfied,
                EvaluationLevel.SATISFIED, EvaluationChannel.PHONE));
        assertThat(historyOf(c, "EVALUATE")).extracting(HistoryEntry::field, HistoryEntry::before,
                        HistoryEntry::after)
                .contains(tuple("evaluation", null, "UNSATISFIED"), tuple("evaluation", "UNSATISFIED", "SATISFIED"),
                        tuple("state", "COMPLETED", "EVALUATED"));
        // nothing was lost along the way: every history line is still there, in order
        assertThat(desk.history(c.id())).extracting(HistoryEntry::action).containsSubsequence("REGISTER", "ACCEPT",
                "DISPATCH", "CONTACT", "SURVEY", "SOLUTION", "COMPLETE", "EVALUATE", "REVIEW", "REHANDLE",
                "SOLUTION", "COMPLETE", "EVALUATE", "CONFIRM");
        assertThat(redClocks).containsExactly(List.of(c.caseNo(), "response.late-acceptance"));
    }

    @Test
    void transitionsNotAllowedAreRefusedWithTheirReason() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);

        Case online = desk.registerOnline(new OnlineCommand("wx-1", Channel.WECHAT, null, Category.COMPLAINT, false,
                "LEAK", "王女士", "13800001111", "幸福小区", "漏水", null, null), at("2026-01-12T09:00"));
        assertThat(online.state()).isEqualTo(CaseState.SUBMITTED);
        TransitionRefused refused = (TransitionRefused) org.assertj.core.api.Assertions.catchThrowable(
                () -> desk.complete(online.id(), online.version(), STEWARD, at("2026-01-12T09:10"), true));
        assertThat(refused.key()).isEqualTo("case.refused.state");
        assertThat(refused).hasMessage("The case is SUBMITTED; it cannot be completed.");
        assertThat(messages.getMessage(refused, Locale.SIMPLIFIED_CHINESE)).isEqualTo("工单当前状态为已提交,不能办结。");
        assertThat(messages.getMessage(refused, Locale.ENGLISH))
                .isEqualTo("The case is submitted; it cannot be completed.");

        TransitionRefused noReason = (TransitionRefused) org.assertj.core.api.Assertions.catchThrowable(
                () -> desk.withdraw(online.id(), online.version(), AGENT, at("2026-01-12T09:10"), "  "));
        assertThat(noReason.key()).isEqualTo("case.refused.reason-required");
        assertThat(messages.getMessage(noReason, Locale.SIMPLIFIED_CHINESE)).isEqualTo("撤回工单必须填写原因。");
        // a refused transition changes nothing
        assertThat(desk.find(online.id()).orElseThrow().version()).isEqualTo(online.version());
        assertThat(desk.history(online.id())).hasSize(1);

        Case withdrawn = desk.withdraw(online.id(), online.version(), AGENT, at("2026-01-12T09:11"), "用户来电撤诉");
        assertThat(withdrawn.state()).isEqualTo(CaseState.WITHDRAWN);
        assertThat(withdrawn.withdrawnReason()).isEqualTo("用户来电撤诉");
        assertThat(events()).last().isInstanceOf(CaseWithdrawn.class);
        // withdrawn, never deleted: still found, with its history
        assertThat(desk.find(online.id())).isPresent();
        assertThat(desk.history(online.id())).extracting(HistoryEntry::action).contains("WITHDRAW");

        Case answered = desk.registerByAgent(hotline(Category.CONSULTATION, "2026-01-12T10:00"), AGENT,
                at("2026-01-12T10:01"));
        answered = desk.answerOnTheSpot(answered.id(), answered.version(), AGENT, at("2026-01-12T10:03"),
                "采暖费可通过微信缴纳");
        assertThat(answered.state()).isEqualTo(CaseState.COMPLETED);
        assertThat(answered.solutionAt()).isEqualTo(at("2026-01-12T10:03"));
        Case completed = answered;
        TransitionRefused late = (TransitionRefused) org.assertj.core.api.Assertions.catchThrowable(
                () -> desk.withdraw(completed.id(), completed.version(), AGENT, at("2026-01-12T11:00"), "误登"));
        assertThat(messages.getMessage(late, Locale.SIMPLIFIED_CHINESE)).isEqualTo("工单当前状态为已办结,不能撤回。");
        assertThatThrownBy(() -> desk.reassign(completed.id(), completed.version(), MANAGER, at("2026-01-12T11:00"),
                "T2", null)).isInstanceOf(TransitionRefused.class).hasMessageContaining("reassigned");

        Case complaint = desk.registerByAgent(hotline(Category.COMPLAINT, "2026-01-12T11:00"), AGENT,
                at("2026-01-12T11:01"));
        assertThatThrownBy(() -> desk.answerOnTheSpot(complaint.id(), complaint.version(), AGENT,
                at("2026-01-12T11:02"), "x")).isInstanceOf(TransitionRefused.class)
                .extracting(e -> ((TransitionRefused) e).key()).isEqualTo("case.refused.consultation-only");
        assertThatThrownBy(() -> desk.registerByAgent(new RegisterCommand(Channel.WECHAT, Category.COMPLAINT, false,
                "LEAK", "x", "1", "y", "z", null, at("2026-01-12T11:00"), null), AGENT, at("2026-01-12T11:01")))
                .isInstanceOf(TransitionRefused.class);
    }

    @Test
    void twoPeopleActingOnTheSameVersionCannotBothWin() throws Exception {
        Case c = desk.registerByAgent(hotline(Category.COMPLAINT, "2026-01-12T08:00"), AGENT, at("2026-01-12T08:01"));
        c = desk.dispatch(c.id(), c.version(), AGENT, at("2026-01-12T08:05"), "T1", "S01");
        int seen = c.version();
        CaseId id = c.id();

        // both saw version `seen`: the steward records contact, the manager reassigns
        desk.contact(id, seen, STEWARD, at("2026-01-12T08:30"));
        assertThatThrownBy(() -> desk.reassign(id, seen, MANAGER, at("2026-01-12T08:30"), "T2", "S02"))
                .isInstanceOf(CaseChanged.class).hasMessageContaining(c.caseNo());
        assertThat(desk.find(id).orElseThrow().unit()).isEqualTo("T1");

        // truly at the same moment, on two threads, at the repository: exactly one update wins
        Case now = desk.find(id).orElseThrow();
        CountDownLatch loaded = new CountDownLatch(2);
        Callable<String> survey = () -> {
            Case mine = f.repository.findById(id).orElseThrow();
            loaded.countDown();
            loaded.await();
            mine.survey("S01", at("2026-01-12T09:00"));
            try {
                f.repository.update(mine);
                return "won";
            } catch (CaseChanged changed) {
                return "changed";
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> a = pool.submit(survey);
            Future<String> b = pool.submit(survey);
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder("won", "changed");
        } finally {
            pool.shutdownNow();
        }
        assertThat(desk.find(id).orElseThrow().version()).isEqualTo(now.version() + 1);
    }

    @Test
    void onlineSubmissionsAreIdempotentAndIntakeFindsEarlierCasesAndRepeats() {
        OnlineCommand transfer = new OnlineCommand("12345-T-0001", Channel.GOV_HOTLINE, "T-0001", Category.COMPLAINT,
                false, "室温不达标", "王女士", "+86 13800001111", "幸福小区", "室温低", null, at("2026-01-10T08:00"));
        Case first = desk.registerOnline(transfer, at("2026-01-10T08:05"));
        Case again = desk.registerOnline(transfer, at("2026-01-10T08:06"));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.externalTicket()).isEqualTo("T-0001");
        assertThat(first.submittedAt()).isEqualTo(at("2026-01-10T08:00"));
        assertThat(events()).extracting(e -> e.getClass().getSimpleName()).containsExactly("CaseRegistered");
        assertThatThrownBy(() -> desk.registerOnline(new OnlineCommand("k", Channel.GOV_HOTLINE, " ",
                Category.COMPLAINT, false, null, null, null, null, null, null, null), at("2026-01-10T08:05")))
                .isInstanceOf(TransitionRefused.class);

        Case older = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "LEAK",
                "王女士", "138-0000-1111", "幸福小区", "漏水", null, at("2025-11-20T08:00"), null), AGENT,
                at("2025-11-20T08:01"));
        desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.CONSULTATION, false, "BILLING", "王女士",
                "13800001111", "幸福小区", "缴费", null, at("2026-01-11T08:00"), null), AGENT, at("2026-01-11T08:01"));

        Instant now = at("2026-01-12T09:00");
        assertThat(desk.earlierCases("0086 138 0000 1111", now)).extracting(Case::submittedAt)
                .containsExactly(at("2026-01-11T08:00"), at("2026-01-10T08:00"), older.submittedAt());
        assertThat(desk.recentCases("13800001111", now)).hasSize(2);
        assertThat(desk.likelyRepeat("13800001111", "TEMPERATURE", now)).map(Case::id).contains(first.id());
        assertThat(desk.likelyRepeat("13800001111", "BILLING", now)).isEmpty(); // a consultation, not a complaint
        assertThat(desk.likelyRepeat("13800001111", "LEAK", now)).isEmpty(); // more than 30 days ago
        assertThat(desk.likelyRepeat("13900009999", "TEMPERATURE", now)).isEmpty();
        // exactly 30 × 24 h earlier is still within the window; one second more is not
        assertThat(desk.likelyRepeat("13800001111", "TEMPERATURE", at("2026-02-09T08:00"))).isPresent();
        assertThat(desk.likelyRepeat("13800001111", "TEMPERATURE", at("2026-02-09T08:00:01"))).isEmpty();
    }

    @Test
    void theCasesTheDeskWroteLoseInTheAssessmentExactlyWhereTheClocksWereRed() {
        aHotlineComplaintFromCallToSecondEvaluation();

        // an online complaint: dispatched in time, but contacted late and solved after its 24 h deadline
        Case c = desk.registerOnline(new OnlineCommand("app-77", Channel.APP, null, Category.COMPLAINT, false,
                "OUTAGE", "赵先生", "13700003333", "光明街8号", "整栋楼停热", null, null), at("2026-01-15T10:00"));
        Instant dispatched = at("2026-01-15T10:20");
        noteRed(c, dispatched);
        c = desk.dispatch(c.id(), c.version(), AGENT, dispatched, "T1", "S01");
        Instant contacted = at("2026-01-15T13:00");
        noteRed(c, contacted);
        c = desk.contact(c.id(), c.version(), STEWARD, contacted);
        Instant solved = at("2026-01-16T12:00");
        noteRed(c, solved);
        c = desk.giveSolution(c.id(), c.version(), STEWARD, solved, "更换主管道阀门");
        c = desk.complete(c.id(), c.version(), STEWARD, at("2026-01-16T13:00"), true);
        c = desk.evaluate(c.id(), c.version(), AGENT, at("2026-01-17T10:00"), EvaluationLevel.BASIC,
                EvaluationChannel.PHONE, "基本满意", true);

        // a consultation answered on the spot: no clock ever red
        Case answered = desk.registerByAgent(hotline(Category.CONSULTATION, "2026-01-20T10:00"), AGENT,
                at("2026-01-20T10:02"));
        noteRed(answered, at("2026-01-20T10:05"));
        desk.answerOnTheSpot(answered.id(), answered.version(), AGENT, at("2026-01-20T10:05"), "已告知");

        assertThat(redClocks).extracting(k -> k.get(1)).containsExactlyInAnyOrder("response.late-acceptance",
                "response.late-contact", "timeliness.late");

        var ledger = new org.warmline.cases.CaseLedgerStore(f.jdbc, f.transactions, Databases.caseDatabase(f.dataSource)).all();
        assertThat(ledger).hasSize(3);
        DataSet data = new DataSet(DeskFixture.UNITS, DeskFixture.STAFF, ledger, List.of(), List.of(), List.of(),
                List.of(), List.of());
        AssessmentResult result = new AssessmentEngine(DeskFixture.SCHEME, DeskFixture.CALENDAR, Locale.ENGLISH)
                .assess(data, Period.month(YearMonth.of(2026, 1)), at("2026-02-01T00:00"));
        Set<List<String>> losses = new HashSet<>();
        for (var subject : result.subjects()) {
            for (var item : subject.items().values()) {
                for (Entry e : item.deductions()) {
                    if (e.rule().startsWith("response.") || e.rule().startsWith("timeliness.")) {
                        losses.add(List.of(e.ref(), e.rule()));
                    }
                }
            }
        }
        assertThat(losses).isEqualTo(redClocks);
        // the acceptance loss is the accepting agent's (and the HQ's) only
        assertThat(result.subjects()).filteredOn(s -> s.code().equals("A01")).singleElement()
                .satisfies(s -> assertThat(s.items().values().stream().flatMap(i -> i.deductions().stream())
                        .map(Entry::rule)).contains("response.late-acceptance"));
    }
}
