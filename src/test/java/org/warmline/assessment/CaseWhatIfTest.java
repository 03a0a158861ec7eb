package org.warmline.assessment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.sampledata.DataSetGenerator;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.warmline.assessment.Ledgers.HOUR;
import static org.warmline.assessment.Ledgers.MIN;
import static org.warmline.assessment.Ledgers.aCase;
import static org.warmline.assessment.Ledgers.org;
import static org.warmline.ledger.Instants.NONE;

/**
 * The what-if of one case ({@link CaseWhatIf}) against the engine's own assessment of the whole data set: what a timer
 * is said to put at stake is exactly what the period's assessment deducts for that case once its deadline has passed,
 * subject by subject — over generated ledgers (seeded), and in cases a clerk can read.
 */
class CaseWhatIfTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Scheme SCHEME = SchemeLoader.defaultScheme();
    private static final WorkingCalendar CALENDAR = WorkingCalendar.shipped(ZONE);
    private static final int SEEDS = 6;
    /** Which generated cases' submission (plus a few minutes) the desk is looked at as of, by position in the year. */
    private static final List<Double> NOWS = List.of(0.05, 0.5, 0.93);

    private static AssessmentEngine engine() {
        return new AssessmentEngine(SCHEME, CALENDAR, Locale.SIMPLIFIED_CHINESE);
    }

    private static CaseWhatIf whatIf(DataSet data) {
        return new CaseWhatIf(SCHEME, CALENDAR, Locale.SIMPLIFIED_CHINESE, data.units(), data.staff());
    }

    @TestFactory
    Stream<DynamicTest> whatATimerPutsAtStakeIsWhatThePeriodsAssessmentDeductsOnceItsDeadlinePasses() {
        return IntStream.rangeClosed(1, SEEDS).boxed().flatMap(seed -> NOWS.stream().map(position ->
                dynamicTest("seed " + seed + " at " + position, () -> {
                    DataSet generated = new DataSetGenerator(seed, 2026, ZONE).generate(300 + seed * 40);
                    List<Long> submissions = generated.cases().stream().map(CaseRecord::submittedAt).sorted().toList();
                    Instant now = Instant.ofEpochMilli(submissions.get((int) (position * (submissions.size() - 1))))
                            .plus(Duration.ofMinutes(7 + seed));
                    DataSet data = knownAt(generated, now);
                    CaseWhatIf whatIf = whatIf(data);
                    int checked = 0;
                    int atStake = 0;
                    for (CaseRecord c : data.cases()) {
                        Map<CaseWhatIf.Timer, Instant> deadlines = runningTimers(c);
                        if (deadlines.isEmpty() || c.submittedAt() < now.minus(Duration.ofDays(20)).toEpochMilli()) {
                            continue;
                        }
                        for (CaseWhatIf.TimerReading reading : whatIf.read(c, data.cases(), deadlines, now)) {
                            Instant at = reading.late() ? now : reading.deadline().plusSeconds(1);
                            Map<String, BigDecimal> then = deducted(recordedAt(data, c, reading.timer(), at), c,
                                    reading.timer(), at);
                            Map<String, BigDecimal> before = reading.late() ? Map.of()
                                    : deducted(data, c, reading.timer(), now);
                            Map<String, BigDecimal> expected = new TreeMap<>();
                            then.forEach((subject, points) -> {
                                BigDecimal more = points.subtract(before.getOrDefault(subject, BigDecimal.ZERO));
                                if (more.signum() > 0) {
                                    expected.put(subject, more);
                                }
                            });
                            assertThat(byCase(reading.losses())).as(c.caseNo() + " " + reading.timer())
                                    .isEqualTo(expected);
                            if (!reading.late() && reading.timer() != CaseWhatIf.Timer.ACCEPTANCE) {
                                // nobody acts: the deadline passes with the milestone still missing, the same loss
                                assertThat(deducted(data, c, reading.timer(), at)).as(c.caseNo() + " unattended")
                                        .isEqualTo(expected);
                            }
                            checked++;
                            atStake += reading.late() ? 0 : expected.size();
                        }
                    }
                    assertThat(checked).as("running timers checked").isPositive();
                    assertThat(atStake).as("subjects with points at stake").isPositive();
                })));
    }

    @Test
    void aDispatchedComplaintNobodyCalledPutsTwoPointsAtStakeForItsUnitsAndHandler() {
        DataSet data = org().cases(aCase("C1").submitted("2026-01-06 09:00").acceptedAfter(5 * MIN)
                .dispatchedAfter(10 * MIN).notCompleted().without("contacted_at", "solution_at")).build();
        CaseRecord c = data.cases().get(0);
        Instant now = Instant.ofEpochMilli(c.submittedAt() + HOUR);
        Instant contactDue = Instant.ofEpochMilli(c.dispatchedAt() + 2 * HOUR);
        Instant handlingDue = Instant.ofEpochMilli(c.submittedAt() + 24 * HOUR);
        Map<CaseWhatIf.Timer, Instant> deadlines = new LinkedHashMap<>();
        deadlines.put(CaseWhatIf.Timer.CONTACT, contactDue);
        deadlines.put(CaseWhatIf.Timer.HANDLING, handlingDue);

        List<CaseWhatIf.TimerReading> readings = whatIf(data).read(c, List.of(), deadlines, now);

        assertThat(readings).extracting(CaseWhatIf.TimerReading::late).containsOnly(false);
        // 2.1 contact: the responsible area R1, its station S1 and branch B1, the handler W1; never the agent
        assertThat(byCase(readings.get(0).losses())).isEqualTo(new TreeMap<>(Map.of("B1", new BigDecimal("2"),
                "S1", new BigDecimal("2"), "R1", new BigDecimal("2"), "W1", new BigDecimal("2"))));
        // 2.2 complaint, first band
        assertThat(byCase(readings.get(1).losses())).isEqualTo(new TreeMap<>(Map.of("B1", new BigDecimal("3"),
                "S1", new BigDecimal("3"), "R1", new BigDecimal("3"), "W1", new BigDecimal("3"))));
        assertThat(readings.get(0).losses().get(0).reason()).contains("超时1秒");
        // once the contact deadline has passed, the month's assessment says the same
        AssessmentResult month = engine().assess(data, Period.month(YearMonth.of(2026, 1)), contactDue.plusSeconds(1));
        assertThat(Ledgers.sum(Ledgers.deductions(Ledgers.item(month, "S1",
                org.warmline.scheme.ItemCode.HANDLING_RESPONSE), HandlingResponse.LATE_CONTACT, "C1")))
                .isEqualByComparingTo("2");
    }

    @Test
    void anAcceptanceCostsTheAgentAndHqOnlyAndOnlyOnceTheCaseIsDispatchedLate() {
        DataSet data = org().cases(aCase("C1").submitted("2026-01-06 09:00").acceptedAfter(5 * MIN)
                .without("dispatched_at", "contacted_at", "solution_at").notCompleted()).build();
        CaseRecord c = data.cases().get(0);
        Instant due = Instant.ofEpochMilli(c.submittedAt() + 30 * MIN);
        CaseWhatIf whatIf = whatIf(data);

        CaseWhatIf.TimerReading ahead = whatIf.read(c, List.of(), Map.of(CaseWhatIf.Timer.ACCEPTANCE, due),
                Instant.ofEpochMilli(c.submittedAt() + 10 * MIN)).get(0);
        assertThat(byCase(ahead.losses())).isEqualTo(new TreeMap<>(Map.of("A1", BigDecimal.ONE, "HQ", BigDecimal.ONE)));

        // 70 minutes in and still not dispatched: nothing is lost as long as it is not; dispatched now, 40 minutes late
        // is 2 steps of 30 minutes
        Instant later = Instant.ofEpochMilli(c.submittedAt() + 70 * MIN);
        assertThat(whatIf.losses(c, List.of(), later)).noneMatch(l -> l.rule().equals(HandlingResponse.LATE_ACCEPTANCE));
        CaseWhatIf.TimerReading late = whatIf.read(c, List.of(), Map.of(CaseWhatIf.Timer.ACCEPTANCE, due), later).get(0);
        assertThat(late.late()).isTrue();
        assertThat(byCase(late.losses())).isEqualTo(new TreeMap<>(Map.of("A1", new BigDecimal("2"),
                "HQ", new BigDecimal("2"))));
    }

    @Test
    void aRepeatComplaintWhoseEarlierComplaintIsLateHasItsHandlingLossDoubled() {
        DataSet data = org().cases(
                aCase("E1").phone("13900001111").submitted("2026-01-02 09:00").notCompleted()
                        .without("solution_at"),
                aCase("C2").phone("13900001111").submitted("2026-01-06 09:00").notCompleted()
                        .without("contacted_at", "solution_at")).build();
        CaseRecord repeat = data.cases().get(1);
        Instant now = Instant.ofEpochMilli(repeat.submittedAt() + HOUR);
        Map<CaseWhatIf.Timer, Instant> due = Map.of(CaseWhatIf.Timer.HANDLING,
                Instant.ofEpochMilli(repeat.submittedAt() + 24 * HOUR));
        CaseWhatIf whatIf = whatIf(data);

        assertThat(whatIf.read(repeat, List.of(data.cases().get(0)), due, now).get(0).pointsOf("R1"))
                .isEqualByComparingTo("6");
        // without its earlier complaint the engine cannot know: the single loss
        assertThat(whatIf.read(repeat, List.of(), due, now).get(0).pointsOf("R1")).isEqualByComparingTo("3");
    }

    /** Each subject's points of a what-if's losses. */
    private static Map<String, BigDecimal> byCase(List<CaseWhatIf.Loss> losses) {
        Map<String, BigDecimal> out = new TreeMap<>();
        losses.forEach(l -> out.merge(l.subject(), l.points(), BigDecimal::add));
        return out;
    }

    /** What the month's assessment of the whole data set deducts for the case by the timer's rule, per subject. */
    private static Map<String, BigDecimal> deducted(DataSet data, CaseRecord c, CaseWhatIf.Timer timer, Instant asOf) {
        Period month = Period.month(YearMonth.from(Instant.ofEpochMilli(c.submittedAt()).atZone(ZONE)));
        Map<String, BigDecimal> out = new TreeMap<>();
        for (SubjectResult subject : engine().assess(data, month, asOf).subjects()) {
            subject.items().values().forEach(item -> item.deductions().stream()
                    .filter(e -> c.caseNo().equals(e.ref()) && e.rule().equals(timer.rule()))
                    .forEach(e -> out.merge(subject.code(), e.points(), BigDecimal::add)));
        }
        return out;
    }

    /**
     * The running timers of a case as the desk's clocks run them (docs/assessment.md; cases.CaseClocks): acceptance until
     * dispatch, contact from dispatch until contact (or a later milestone), handling until the solution or completion,
     * review of an UNSATISFIED evaluation until reviewed.
     */
    private static Map<CaseWhatIf.Timer, Instant> runningTimers(CaseRecord c) {
        Map<CaseWhatIf.Timer, Instant> out = new LinkedHashMap<>();
        boolean moved = c.contactedAt() != NONE || c.solutionAt() != NONE || c.completedAt() != NONE;
        if (c.dispatchedAt() == NONE && !moved) {
            out.put(CaseWhatIf.Timer.ACCEPTANCE, Instant.ofEpochMilli(c.submittedAt() + 30 * MIN));
        }
        if (c.dispatchedAt() != NONE && !moved) {
            out.put(CaseWhatIf.Timer.CONTACT, Instant.ofEpochMilli(c.dispatchedAt() + 2 * HOUR));
        }
        if (c.solutionAt() == NONE && c.completedAt() == NONE) {
            long due = Deadlines.handlingDeadline(SCHEME, CALENDAR, c.category(), c.complex(), c.submittedAt());
            if (due != NONE) {
                out.put(CaseWhatIf.Timer.HANDLING, Instant.ofEpochMilli(due));
            }
        }
        if (c.unsatisfiedAt() != NONE && c.reviewedAt() == NONE) {
            out.put(CaseWhatIf.Timer.REVIEW, Instant.ofEpochMilli(c.unsatisfiedAt() + 24 * HOUR));
        }
        return out;
    }

    /** The data set with the case's timer milestone recorded at {@code at} (the acceptance: the dispatch). */
    private static DataSet recordedAt(DataSet data, CaseRecord c, CaseWhatIf.Timer timer, Instant at) {
        long t = at.toEpochMilli();
        CaseRecord changed = switch (timer) {
            case ACCEPTANCE -> with(c, c.acceptedAt() == NONE ? t : c.acceptedAt(), t, c.contactedAt(), c.solutionAt(),
                    c.reviewedAt());
            case CONTACT -> with(c, c.acceptedAt(), c.dispatchedAt(), t, c.solutionAt(), c.reviewedAt());
            case HANDLING -> with(c, c.acceptedAt(), c.dispatchedAt(), c.contactedAt(), t, c.reviewedAt());
            case REVIEW -> with(c, c.acceptedAt(), c.dispatchedAt(), c.contactedAt(), c.solutionAt(), t);
        };
        List<CaseRecord> cases = new ArrayList<>();
        for (CaseRecord other : data.cases()) {
            cases.add(other.caseNo().equals(c.caseNo()) ? changed : other);
        }
        return new DataSet(data.units(), data.staff(), cases, data.regulations(), data.trainings(), data.outages(),
                data.tasks(), data.adjustments());
    }

    private static CaseRecord with(CaseRecord c, long accepted, long dispatched, long contacted, long solution,
                                   long reviewed) {
        return new CaseRecord(c.caseNo(), c.channel(), c.category(), c.complex(), c.topic(), c.citizenName(),
                c.citizenPhone(), c.address(), c.demand(), c.occurredAt(), c.submittedAt(), c.recordedAt(), accepted,
                c.acceptedBy(), dispatched, c.unit(), c.handler(), contacted, c.siteSurvey(), c.surveyedAt(),
                c.solution(), solution, c.completedAt(), c.resolved(), c.evaluation(), c.evaluationChannel(),
                c.evaluatedAt(), c.evaluationComment(), c.unsatisfiedAt(), reviewed, c.reviewFinding(),
                c.rehandledAt(), c.explainedAt(), c.row());
    }

    /**
     * The data set as the desk would know it at {@code now}: the cases submitted by then, each without what had not
     * happened yet (a milestone after now is empty, an evaluation or review after now unknown).
     */
    private static DataSet knownAt(DataSet data, Instant now) {
        long t = now.toEpochMilli();
        List<CaseRecord> cases = new ArrayList<>();
        for (CaseRecord c : data.cases()) {
            if (c.submittedAt() > t) {
                continue;
            }
            boolean evaluated = c.evaluation() != null && c.evaluatedAt() != NONE && c.evaluatedAt() <= t;
            long unsatisfied = c.unsatisfiedAt() != NONE && c.unsatisfiedAt() <= t ? c.unsatisfiedAt()
                    : evaluated && c.evaluation() == EvaluationLevel.UNSATISFIED ? c.evaluatedAt() : NONE;
            boolean reviewed = unsatisfied != NONE && c.reviewedAt() != NONE && c.reviewedAt() <= t;
            cases.add(new CaseRecord(c.caseNo(), c.channel(), c.category(), c.complex(), c.topic(), c.citizenName(),
                    c.citizenPhone(), c.address(), c.demand(), c.occurredAt(), c.submittedAt(), upTo(c.recordedAt(), t),
                    upTo(c.acceptedAt(), t), c.acceptedBy(), upTo(c.dispatchedAt(), t), c.unit(), c.handler(),
                    upTo(c.contactedAt(), t), c.siteSurvey(), upTo(c.surveyedAt(), t), c.solution(),
                    upTo(c.solutionAt(), t), upTo(c.completedAt(), t), c.resolved(), evaluated ? c.evaluation() : null,
                    evaluated ? c.evaluationChannel() : null, evaluated ? c.evaluatedAt() : NONE,
                    evaluated ? c.evaluationComment() : null, unsatisfied, reviewed ? c.reviewedAt() : NONE,
                    reviewed ? c.reviewFinding() : null, reviewed ? upTo(c.rehandledAt(), t) : NONE,
                    reviewed ? upTo(c.explainedAt(), t) : NONE, c.row()));
        }
        return new DataSet(data.units(), data.staff(), cases, data.regulations(), data.trainings(), data.outages(),
                data.tasks(), data.adjustments());
    }

    private static long upTo(long instant, long t) {
        return instant != NONE && instant <= t ? instant : NONE;
    }
}
