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
import org.warmline.ledger.CaseColumn;
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
import static org.warmline.ledger.CaseColumn.ACCEPTED_AT;
import static org.warmline.ledger.CaseColumn.CATEGORY;
import static org.warmline.ledger.CaseColumn.COMPLETED_AT;
import static org.warmline.ledger.CaseColumn.COMPLEX;
import static org.warmline.ledger.CaseColumn.CONTACTED_AT;
import static org.warmline.ledger.CaseColumn.DISPATCHED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATION;
import static org.warmline.ledger.CaseColumn.EVALUATION_CHANNEL;
import static org.warmline.ledger.CaseColumn.EVALUATION_COMMENT;
import static org.warmline.ledger.CaseColumn.EXPLAINED_AT;
import static org.warmline.ledger.CaseColumn.RECORDED_AT;
import static org.warmline.ledger.CaseColumn.REHANDLED_AT;
import static org.warmline.ledger.CaseColumn.REVIEWED_AT;
import static org.warmline.ledger.CaseColumn.REVIEW_FINDING;
import static org.warmline.ledger.CaseColumn.SOLUTION_AT;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;
import static org.warmline.ledger.CaseColumn.SURVEYED_AT;
import static org.warmline.ledger.CaseColumn.UNSATISFIED_AT;
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
                    List<Long> submissions = generated.cases().stream().map(r -> r.at(SUBMITTED_AT)).sorted().toList();
                    Instant now = Instant.ofEpochMilli(submissions.get((int) (position * (submissions.size() - 1))))
                            .plus(Duration.ofMinutes(7 + seed));
                    DataSet data = knownAt(generated, now);
                    CaseWhatIf whatIf = whatIf(data);
                    int checked = 0;
                    int atStake = 0;
                    for (CaseRecord c : data.cases()) {
                        Map<CaseWhatIf.Timer, Instant> deadlines = runningTimers(c);
                        if (deadlines.isEmpty() || c.at(SUBMITTED_AT) < now.minus(Duration.ofDays(20)).toEpochMilli()) {
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
        Instant now = Instant.ofEpochMilli(c.at(SUBMITTED_AT) + HOUR);
        Instant contactDue = Instant.ofEpochMilli(c.at(DISPATCHED_AT) + 2 * HOUR);
        Instant handlingDue = Instant.ofEpochMilli(c.at(SUBMITTED_AT) + 24 * HOUR);
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
        Instant due = Instant.ofEpochMilli(c.at(SUBMITTED_AT) + 30 * MIN);
        CaseWhatIf whatIf = whatIf(data);

        CaseWhatIf.TimerReading ahead = whatIf.read(c, List.of(), Map.of(CaseWhatIf.Timer.ACCEPTANCE, due),
                Instant.ofEpochMilli(c.at(SUBMITTED_AT) + 10 * MIN)).get(0);
        assertThat(byCase(ahead.losses())).isEqualTo(new TreeMap<>(Map.of("A1", BigDecimal.ONE, "HQ", BigDecimal.ONE)));

        // 70 minutes in and still not dispatched: nothing is lost as long as it is not; dispatched now, 40 minutes late
        // is 2 steps of 30 minutes
        Instant later = Instant.ofEpochMilli(c.at(SUBMITTED_AT) + 70 * MIN);
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
        Instant now = Instant.ofEpochMilli(repeat.at(SUBMITTED_AT) + HOUR);
        Map<CaseWhatIf.Timer, Instant> due = Map.of(CaseWhatIf.Timer.HANDLING,
                Instant.ofEpochMilli(repeat.at(SUBMITTED_AT) + 24 * HOUR));
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
        Period month = Period.month(YearMonth.from(Instant.ofEpochMilli(c.at(SUBMITTED_AT)).atZone(ZONE)));
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
        boolean moved = c.at(CONTACTED_AT) != NONE || c.at(SOLUTION_AT) != NONE || c.at(COMPLETED_AT) != NONE;
        if (c.at(DISPATCHED_AT) == NONE && !moved) {
            out.put(CaseWhatIf.Timer.ACCEPTANCE, Instant.ofEpochMilli(c.at(SUBMITTED_AT) + 30 * MIN));
        }
        if (c.at(DISPATCHED_AT) != NONE && !moved) {
            out.put(CaseWhatIf.Timer.CONTACT, Instant.ofEpochMilli(c.at(DISPATCHED_AT) + 2 * HOUR));
        }
        if (c.at(SOLUTION_AT) == NONE && c.at(COMPLETED_AT) == NONE) {
            long due = Deadlines.handlingDeadline(SCHEME, CALENDAR, c.get(CATEGORY), c.is(COMPLEX), c.at(SUBMITTED_AT));
            if (due != NONE) {
                out.put(CaseWhatIf.Timer.HANDLING, Instant.ofEpochMilli(due));
            }
        }
        if (c.at(UNSATISFIED_AT) != NONE && c.at(REVIEWED_AT) == NONE) {
            out.put(CaseWhatIf.Timer.REVIEW, Instant.ofEpochMilli(c.at(UNSATISFIED_AT) + 24 * HOUR));
        }
        return out;
    }

    /** The data set with the case's timer milestone recorded at {@code at} (the acceptance: the dispatch). */
    private static DataSet recordedAt(DataSet data, CaseRecord c, CaseWhatIf.Timer timer, Instant at) {
        long t = at.toEpochMilli();
        CaseRecord changed = switch (timer) {
            case ACCEPTANCE -> with(c, c.at(ACCEPTED_AT) == NONE ? t : c.at(ACCEPTED_AT), t, c.at(CONTACTED_AT), c.at(SOLUTION_AT),
                    c.at(REVIEWED_AT));
            case CONTACT -> with(c, c.at(ACCEPTED_AT), c.at(DISPATCHED_AT), t, c.at(SOLUTION_AT), c.at(REVIEWED_AT));
            case HANDLING -> with(c, c.at(ACCEPTED_AT), c.at(DISPATCHED_AT), c.at(CONTACTED_AT), t, c.at(REVIEWED_AT));
            case REVIEW -> with(c, c.at(ACCEPTED_AT), c.at(DISPATCHED_AT), c.at(CONTACTED_AT), c.at(SOLUTION_AT), t);
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
        return c.toBuilder().at(ACCEPTED_AT, accepted).at(DISPATCHED_AT, dispatched).at(CONTACTED_AT, contacted)
                .at(SOLUTION_AT, solution).at(REVIEWED_AT, reviewed).build();
    }

    /**
     * The data set as the desk would know it at {@code now}: the cases submitted by then, each without what had not
     * happened yet (a milestone after now is empty, an evaluation or review after now unknown).
     */
    private static DataSet knownAt(DataSet data, Instant now) {
        long t = now.toEpochMilli();
        List<CaseRecord> cases = new ArrayList<>();
        for (CaseRecord c : data.cases()) {
            if (c.at(SUBMITTED_AT) > t) {
                continue;
            }
            boolean evaluated = c.get(EVALUATION) != null && c.at(EVALUATED_AT) != NONE && c.at(EVALUATED_AT) <= t;
            long unsatisfied = c.at(UNSATISFIED_AT) != NONE && c.at(UNSATISFIED_AT) <= t ? c.at(UNSATISFIED_AT)
                    : evaluated && c.get(EVALUATION) == EvaluationLevel.UNSATISFIED ? c.at(EVALUATED_AT) : NONE;
            boolean reviewed = unsatisfied != NONE && c.at(REVIEWED_AT) != NONE && c.at(REVIEWED_AT) <= t;
            CaseRecord.Builder known = c.toBuilder();
            for (CaseColumn<?> column : List.of(RECORDED_AT, ACCEPTED_AT, DISPATCHED_AT, CONTACTED_AT, SURVEYED_AT,
                    SOLUTION_AT, COMPLETED_AT)) {
                known.at(column.asInstant(), upTo(c.at(column.asInstant()), t));
            }
            if (!evaluated) {
                known.set(EVALUATION, null).set(EVALUATION_CHANNEL, null).at(EVALUATED_AT, NONE)
                        .set(EVALUATION_COMMENT, null);
            }
            known.at(UNSATISFIED_AT, unsatisfied).at(REVIEWED_AT, reviewed ? c.at(REVIEWED_AT) : NONE);
            if (!reviewed) {
                known.set(REVIEW_FINDING, null);
            }
            known.at(REHANDLED_AT, reviewed ? upTo(c.at(REHANDLED_AT), t) : NONE)
                    .at(EXPLAINED_AT, reviewed ? upTo(c.at(EXPLAINED_AT), t) : NONE);
            cases.add(known.build());
        }
        return new DataSet(data.units(), data.staff(), cases, data.regulations(), data.trainings(), data.outages(),
                data.tasks(), data.adjustments());
    }

    private static long upTo(long instant, long t) {
        return instant != NONE && instant <= t ? instant : NONE;
    }
}
