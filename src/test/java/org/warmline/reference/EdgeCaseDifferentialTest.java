package org.warmline.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.assessment.Ledgers.DAY;
import static org.warmline.assessment.Ledgers.HOUR;
import static org.warmline.assessment.Ledgers.MIN;
import static org.warmline.assessment.Ledgers.SEC;
import static org.warmline.assessment.Ledgers.aCase;
import static org.warmline.assessment.Ledgers.org;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.warmline.assessment.Ledgers;
import org.warmline.ledger.Category;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.Post;
import org.warmline.ledger.ReviewFinding;
import org.warmline.ledger.Training;
import org.warmline.ledger.UnitKind;
import org.warmline.scheme.ItemCode;

/**
 * Hand-built data sets for boundaries the generator rarely produces. Each is run through the engine and the reference
 * for several periods and as_of instants; they must agree. A few reference values are also pinned to docs/assessment.md, so
 * that the two cannot agree on a wrong reading unnoticed.
 */
class EdgeCaseDifferentialTest {

    static final String[] PERIODS = {"2026-01", "2026-02", "2026-03", "2026-Q1", "2026"};

    /** Instants in "yyyy-MM-dd HH:mm[:ss]" Asia/Shanghai. */
    static Instant i(String text) {
        return Ledgers.instant(text);
    }

    static List<String> agree(String label, DataSet data, String[] periods, String... asOfs) {
        List<String> diffs = new ArrayList<>();
        for (String period : periods) {
            for (String asOf : asOfs) {
                diffs.addAll(Differential.compare(label, data, period, i(asOf)));
            }
        }
        return diffs;
    }

    static void assertAgree(String label, DataSet data, String[] periods, String... asOfs) {
        List<String> diffs = agree(label, data, periods, asOfs);
        assertThat(diffs).as(() -> String.join("\n", diffs)).isEmpty();
    }

    static ReferenceAssessment.ItemScore ref(DataSet data, String period, String asOf, String subject, ItemCode item) {
        return Differential.reference(data, period, i(asOf)).subjects().get(subject).items().get(item);
    }

    static BigDecimal sum(List<ReferenceAssessment.Line> lines) {
        Rational s = Rational.ZERO;
        for (ReferenceAssessment.Line l : lines) {
            s = s.plus(l.points());
        }
        return s.round(6, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
    }

    @Test
    void acceptanceAndContactBoundaries() {
        DataSet data = org().cases(
                aCase("ACC30").acceptedAfter(30 * MIN).dispatched(null),
                aCase("ACC30S1").acceptedAfter(30 * MIN + SEC).dispatched(null),
                aCase("ACC30F").acceptedAfter(30 * MIN + 999).dispatched(null),
                aCase("ACC60").acceptedAfter(60 * MIN).dispatched(null),
                aCase("ACC61").acceptedAfter(61 * MIN).dispatched(null),
                aCase("DISP").acceptedAfter(5 * MIN).dispatchedAfter(95 * MIN).contactedAfter(95 * MIN + 2 * HOUR),
                aCase("CON2H1").dispatchedAfter(10 * MIN).contactedAfter(10 * MIN + 2 * HOUR + SEC),
                aCase("CON3H").dispatchedAfter(10 * MIN).contactedAfter(10 * MIN + 3 * HOUR),
                aCase("CON3H1").dispatchedAfter(10 * MIN).contactedAfter(10 * MIN + 3 * HOUR + SEC),
                aCase("NOCONTACT").dispatchedAfter(10 * MIN).without("contacted_at").solutionAfter(5 * HOUR),
                aCase("OPEN").submitted("2026-01-20 08:00").dispatchedAfter(10 * MIN).without("contacted_at")
                        .notCompleted().without("solution_at"),
                aCase("UNACC").submitted("2026-01-20 08:00").justSubmitted())
                .build();
        assertAgree("response", data, PERIODS, "2026-01-20 09:00", "2026-01-20 10:00:01", "2026-08-15 12:00");
        // pinned: 30 min 00 s → 0; 30 min 01 s → 1; 60 min → 1; 61 min → 2 (agent A1)
        ReferenceAssessment.ItemScore a1 = ref(data, "2026-01", "2026-01-20 08:00", "A1", ItemCode.HANDLING_RESPONSE);
        assertThat(a1.deductions()).extracting(ReferenceAssessment.Line::ref)
                .contains("ACC30S1", "ACC60", "ACC61", "DISP").doesNotContain("ACC30", "ACC30F");
    }

    @Test
    void recordingBoundaries() {
        DataSet data = org().cases(
                aCase("R24").recordedAfter(24 * HOUR),
                aCase("R24S1").recordedAfter(24 * HOUR + SEC),
                aCase("R24F").recordedAfter(24 * HOUR + 500),
                aCase("RLATE").submitted("2026-01-10 08:00").recorded("2026-01-12 08:00"),
                aCase("RNONE").without("recorded_at"),
                aCase("OCC").submitted("2026-01-10 08:00").occurred("2026-01-30 08:00"),
                aCase("SURV").siteSurvey(true),
                aCase("NOSOL").without("solution", "solution_at"),
                aCase("EVNOCOMMENT").comment(null),
                aCase("DISPLATE").submitted("2026-01-10 08:00").dispatched("2026-01-29 08:00")
                        .without("contacted_at"))
                .build();
        assertAgree("ledger", data, PERIODS, "2026-01-11 08:00", "2026-01-11 08:00:01", "2026-01-29 12:00",
                "2026-08-15 12:00");
    }

    @Test
    void timelinessBoundariesAndSpringFestival() {
        DataSet data = org().cases(
                aCase("CON4H").category(Category.CONSULTATION).solutionAfter(4 * HOUR).completedAfter(5 * HOUR),
                aCase("CON4HF").category(Category.CONSULTATION).solutionAfter(4 * HOUR + 500).completedAfter(5 * HOUR),
                aCase("CON4H1").category(Category.CONSULTATION).solutionAfter(4 * HOUR + SEC).completedAfter(5 * HOUR),
                aCase("CMP24").solutionAfter(24 * HOUR).completedAfter(25 * HOUR),
                // Friday 2026-01-09 10:00 + 24 h = Saturday 10:00; solution Monday 00:00: late only on days off (w = 0)
                aCase("WEEKEND").submitted("2026-01-09 10:00").solution("ok").solutionAt("2026-01-12 00:00")
                        .completed("2026-01-12 01:00"),
                // exactly one working day late, and one second more
                aCase("W1").submitted("2026-01-06 09:00").solutionAt("2026-01-08 09:00").completed("2026-01-08 10:00"),
                aCase("W1S").submitted("2026-01-06 09:00").solutionAt("2026-01-08 09:00:01")
                        .completed("2026-01-08 10:00"),
                aCase("W3").submitted("2026-01-05 09:00").solutionAt("2026-01-09 09:00").completed("2026-01-09 10:00"),
                aCase("W3M").submitted("2026-01-05 09:00").solutionAt("2026-01-09 08:59:59")
                        .completed("2026-01-09 10:00"),
                // Spring Festival: Tuesday 2026-02-17 10:00 + 3 working days = 2026-02-27 00:00
                aCase("SF0").complex(true).submitted("2026-02-17 10:00").solutionAt("2026-02-27 00:00")
                        .completed("2026-02-27 01:00"),
                aCase("SF1").complex(true).submitted("2026-02-17 10:00").solutionAt("2026-02-27 00:00:01")
                        .completed("2026-02-27 01:00"),
                aCase("SFSUG").category(Category.SUGGESTION).submitted("2026-02-17 10:00")
                        .solutionAt("2026-02-28 12:00").completed("2026-02-28 13:00"),
                aCase("SFOPEN").complex(true).submitted("2026-02-17 10:00").notCompleted().without("solution_at"),
                aCase("NOCAT").without("category").solutionAfter(30 * DAY).completedAfter(31 * DAY))
                .build();
        assertAgree("timeliness", data, PERIODS, "2026-02-27 00:00", "2026-02-27 00:00:01", "2026-03-03 12:00",
                "2026-08-15 12:00");
        ReferenceAssessment.ItemScore r1 = ref(data, "2026-02", "2026-08-15 12:00", "R1",
                ItemCode.HANDLING_TIMELINESS);
        assertThat(r1.deductions()).extracting(ReferenceAssessment.Line::ref).contains("SF1", "SFSUG", "SFOPEN")
                .doesNotContain("SF0");
    }

    @Test
    void repeatWindowAndDoubling() {
        String phone = "13912345678";
        DataSet data = org().cases(
                aCase("P0").phone(phone).submitted("2026-01-01 08:00").solutionAfter(30 * HOUR)
                        .completedAfter(31 * HOUR),
                // exactly 30 × 24 h later: a repeat, and late, and P0 was late: doubled
                aCase("P1").phone("+86 139-1234-5678").submitted("2026-01-31 08:00").solutionAfter(30 * HOUR)
                        .completedAfter(31 * HOUR),
                // 30 × 24 h + 1 s after P1 and P0: P2 is not a repeat of P1 (too far)... of nothing
                aCase("P2").phone("0086 13912345678").submitted("2026-03-02 08:00:01").solutionAfter(30 * HOUR)
                        .completedAfter(31 * HOUR),
                aCase("P3").phone("13912345678").topic("室温不达标").submitted("2026-03-02 08:00:02")
                        .solutionAfter(2 * HOUR).completedAfter(3 * HOUR),
                aCase("P4").phone("13912345678").topic("BILLING").submitted("2026-03-02 09:00"),
                aCase("Q0").phone(null).submitted("2026-01-10 08:00"),
                aCase("Q1").phone(null).submitted("2026-01-11 08:00"),
                aCase("X0").phone("15000000000").topic("暖气片漏水 ").submitted("2026-01-10 08:00"),
                aCase("X1").phone("15000000000").topic("暖气片漏水").complex(true).submitted("2026-01-12 08:00")
                        .solutionAfter(10 * DAY).completedAfter(11 * DAY),
                aCase("S0").phone("15100000000").category(Category.CONSULTATION).submitted("2026-01-10 08:00"),
                aCase("S1").phone("15100000000").submitted("2026-01-11 08:00"))
                .build();
        assertAgree("repeat", data, PERIODS, "2026-01-31 08:00", "2026-03-02 08:00:02", "2026-08-15 12:00");
        ReferenceAssessment.ItemScore t = ref(data, "2026-01", "2026-08-15 12:00", "R1", ItemCode.HANDLING_TIMELINESS);
        assertThat(t.deductions()).filteredOn(l -> l.ref().equals("P1"))
                .extracting(ReferenceAssessment.Line::rule).containsExactly("timeliness.late-repeat");
    }

    @Test
    void dissatisfiedWithAndWithoutTimestamps() {
        DataSet data = org().cases(
                aCase("U0").evaluation(EvaluationLevel.UNSATISFIED).without("evaluated_at"),
                aCase("U1").evaluation(EvaluationLevel.UNSATISFIED).without("evaluated_at")
                        .finding(ReviewFinding.MISUNDERSTANDING),
                aCase("U2").evaluation(EvaluationLevel.UNSATISFIED).without("evaluated_at")
                        .reviewed("2026-01-20 08:00").finding(ReviewFinding.SERVICE_PROBLEM)
                        .rehandled("2026-01-21 08:00"),
                aCase("U24").evaluation(EvaluationLevel.UNSATISFIED).evaluated("2026-01-07 09:00")
                        .reviewed("2026-01-08 09:00").finding(ReviewFinding.MISUNDERSTANDING)
                        .explained("2026-01-08 10:00"),
                aCase("U24S").evaluation(EvaluationLevel.UNSATISFIED).evaluated("2026-01-07 09:00")
                        .reviewed("2026-01-08 09:00:01").finding(ReviewFinding.MISUNDERSTANDING)
                        .explained("2026-01-08 10:00"),
                aCase("URE").evaluation(EvaluationLevel.SATISFIED).evaluated("2026-01-12 09:00")
                        .unsatisfied("2026-01-07 09:00").reviewed("2026-01-07 12:00")
                        .finding(ReviewFinding.SERVICE_PROBLEM).rehandled("2026-01-10 12:00"),
                aCase("UFUT").evaluation(EvaluationLevel.UNSATISFIED).evaluated("2026-01-07 09:00")
                        .unsatisfied("2026-02-07 09:00"),
                aCase("UOPEN").evaluation(EvaluationLevel.UNSATISFIED).evaluated("2026-01-07 09:00"),
                aCase("UNOREV").evaluation(EvaluationLevel.UNSATISFIED).evaluated("2026-01-07 09:00")
                        .finding(ReviewFinding.SERVICE_PROBLEM))
                .build();
        assertAgree("dissatisfied", data, PERIODS, "2026-01-07 12:00", "2026-01-08 09:00:01", "2026-01-09 00:00",
                "2026-08-15 12:00");
    }

    @Test
    void evaluationsAndResolutionAroundAsOf() {
        DataSet data = org().cases(
                aCase("E0").evaluated("2026-01-20 00:00"),
                aCase("E1").evaluation(EvaluationLevel.BASIC),
                aCase("E2").evaluation(EvaluationLevel.BASIC),
                aCase("E3").evaluation(EvaluationLevel.UNSATISFIED),
                aCase("N0").notCompleted().without("solution_at"),
                // deadline 24 h after submission: exactly as_of in one run
                aCase("D0").submitted("2026-01-19 00:00").notCompleted().without("solution_at"),
                aCase("D1").submitted("2026-01-19 00:00").resolved(false),
                aCase("SUB").submitted("2026-01-20 00:00:00").justSubmitted(),
                aCase("FUT").submitted("2026-01-20 00:00:01").justSubmitted())
                .build();
        assertAgree("evaluations", data, PERIODS, "2026-01-20 00:00", "2026-01-20 00:00:01", "2026-08-15 12:00");
    }

    @Test
    void unitlessCasesAndAcceptanceOwnership() {
        DataSet data = org()
                .unit("HQ1", UnitKind.TEAM, "HQ")
                .staff("A2", Post.AGENT, "HQ1")
                .staff("A3", Post.AGENT, "B1")
                .staff("A4", Post.AGENT, null)
                .cases(
                        aCase("L0").unit(null).handler(null).acceptedAfter(90 * MIN).dispatched(null),
                        aCase("L1").unit(null).acceptedBy("A2").acceptedAfter(90 * MIN).dispatched(null),
                        aCase("L2").unit(null).acceptedBy("A3").acceptedAfter(90 * MIN).dispatched(null),
                        aCase("L3").unit(null).acceptedBy("W1").acceptedAfter(90 * MIN).dispatched(null),
                        aCase("L4").unit(null).acceptedBy("A4").acceptedAfter(90 * MIN).dispatched(null),
                        aCase("L5").unit(null).acceptedBy(null).acceptedAfter(90 * MIN).dispatched(null),
                        aCase("L6").unit("T1").handler("A3").acceptedBy("A3").acceptedAfter(90 * MIN),
                        aCase("L7").unit("HQ1").handler("A2").acceptedBy("A1").acceptedAfter(3 * HOUR)
                                .dispatchedAfter(3 * HOUR).contactedAfter(6 * HOUR),
                        // dispatched after as_of: accepted_at is the acceptance milestone
                        aCase("L8").submitted("2026-01-20 08:00").accepted("2026-01-20 08:10")
                                .dispatched("2026-01-20 12:00").without("contacted_at").notCompleted()
                                .without("solution_at"))
                .build();
        assertAgree("unitless", data, PERIODS, "2026-01-20 11:00", "2026-08-15 12:00");
    }

    @Test
    void trainingOutagesTasksAndAdjustments() {
        DataSet data = org()
                .trainings(new Training("HQ", java.time.LocalDate.parse("2026-03-31"), "x", true, true, true),
                        new Training("B1", java.time.LocalDate.parse("2026-02-10"), "x", true, false, true),
                        new Training("S1", java.time.LocalDate.parse("2026-05-10"), "x", true, true, true))
                .outage(null, "2026-01-05 08:00", "2026-01-05 08:30")
                .outage(null, "2026-01-31 23:50", "2026-02-01 00:20:01")
                .outage("B1", "2026-02-10 08:00", null)
                .outage("S1", "2026-03-31 23:40", null)
                .outage("T1", "2026-01-10 08:00", null)
                .task("K1", "B1", "2026-01-20", false, null, null)
                .task("K2", "B1", "2026-01-20", true, "2026-01-22", false)
                .task("K3", "S1", "2026-03-31", true, null, true)
                .task("K4", "HQ", "2026-03-31", true, "2026-03-31", false)
                .task("K5", "HQ", "2026-02-10", false, "2026-01-30", null)
                .adjustment("B1", "2026-01", ItemCode.KEYWORK_OTHER, "-2")
                .adjustment("B1", "2026-Q1", ItemCode.KEYWORK_OTHER, "-3.5")
                .adjustment("B1", "2026", ItemCode.KEYWORK_OTHER, "-1.25")
                .adjustment("B1", "2026-Q1", ItemCode.BASIC_LEDGER, "-9")
                .adjustment("W1", "2026-02", ItemCode.HANDLING_RESPONSE, "-0.333")
                .adjustment("W1", "2026-02", ItemCode.HANDLING_RESPONSE, "+1")
                .adjustment("HQ", "2026-Q2", ItemCode.KEYWORK_SPECIAL, "1")
                .cases(aCase("C1"))
                .build();
        String[] periods = {"2026-01", "2026-02", "2026-03", "2026-Q1", "2026-Q2", "2026-06", "2026"};
        assertAgree("manual", data, periods, "2026-01-21 00:00", "2026-01-30 00:00", "2026-03-31 23:59:59",
                "2026-04-01 00:00", "2026-04-01 00:10:00", "2026-08-15 12:00", "2027-01-15 00:00");
        // pinned: a task due on as_of's date is not judged yet unless completed by as_of (K3 open, K4 done that day)
        assertThat(ref(data, "2026-03", "2026-03-31 23:59:59", "S1", ItemCode.KEYWORK_SPECIAL).deductions()).isEmpty();
        assertThat(ref(data, "2026-03", "2026-03-31 23:59:59", "HQ", ItemCode.KEYWORK_SPECIAL).deductions())
                .extracting(ReferenceAssessment.Line::rule).containsExactly("special.poor-quality");
        assertThat(ref(data, "2026-03", "2026-04-01 00:00", "S1", ItemCode.KEYWORK_SPECIAL).deductions())
                .extracting(ReferenceAssessment.Line::rule).containsExactly("special.late");
        // pinned: Q1 training is judged from 2026-04-01 00:00 on (B1's session lacks courseware: 1; S1 inherits B1's)
        assertThat(ref(data, "2026-03", "2026-03-31 23:59:59", "B1", ItemCode.BASIC_TRAINING).deductions()).isEmpty();
        assertThat(sum(ref(data, "2026-03", "2026-04-01 00:00", "B1", ItemCode.BASIC_TRAINING).deductions()))
                .isEqualByComparingTo("1");
        // pinned: a year adjustment applies to the year only
        assertThat(ref(data, "2026", "2027-01-15 00:00", "B1", ItemCode.KEYWORK_OTHER).score())
                .isEqualByComparingTo("5.75");
        assertThat(ref(data, "2026-Q1", "2027-01-15 00:00", "B1", ItemCode.KEYWORK_OTHER).score())
                .isEqualByComparingTo("3.5");
    }

    @Test
    void fractionsOfSecondsAndInstantOrder() {
        long sub = Ledgers.t("2026-01-06 09:00") + 900;
        DataSet data = org().cases(
                // 30 min 00.2 s between the instants: 1800 whole seconds, not late
                aCase("F1").submitted(sub).accepted("2026-01-06 09:30:01").dispatched(null),
                aCase("F2").submitted(sub).dispatchedAfter(20 * MIN).contactedAfter(20 * MIN + 2 * HOUR + 100),
                aCase("F3").submitted(sub).category(Category.CONSULTATION).solutionAfter(4 * HOUR + 99)
                        .completedAfter(5 * HOUR),
                aCase("F4").submitted(sub).recordedAfter(24 * HOUR + 999),
                aCase("NEG").submitted("2026-01-06 09:00").accepted("2026-01-06 08:00").dispatched("2026-01-06 07:00")
                        .contacted("2026-01-06 06:00").solutionAt("2026-01-06 05:00").recorded("2026-01-06 04:00"),
                // same citizen and topic at the same instant: neither is a repeat
                aCase("SAME0").phone("8613912340000").submitted("2026-01-07 09:00"),
                aCase("SAME1").phone("13912340000").submitted("2026-01-07 09:00"),
                aCase("SAME2").phone("13912340000").submitted("2026-01-07 09:00:00").solutionAfter(2 * DAY)
                        .completedAfter(2 * DAY),
                // nothing recorded between submission and contact: acceptance judged at contact
                aCase("NOACC").submitted("2026-01-08 09:00").without("accepted_at", "dispatched_at")
                        .contacted("2026-01-08 11:00"),
                // contact after as_of counts as empty: judged at the solution if it happened, else at as_of
                aCase("CFUT").submitted("2026-01-08 09:00").dispatched("2026-01-08 09:10")
                        .contacted("2026-01-30 09:00").solutionAt("2026-01-08 15:00").notCompleted(),
                // a finding whose review is after as_of is unknown
                aCase("RFUT").evaluation(EvaluationLevel.UNSATISFIED).evaluated("2026-01-07 09:00")
                        .reviewed("2026-01-25 09:00").finding(ReviewFinding.MISUNDERSTANDING)
                        .explained("2026-01-25 10:00"),
                aCase("EVFUT").evaluation(EvaluationLevel.UNSATISFIED).evaluated("2026-01-25 09:00"),
                // an UNSATISFIED round recorded only by unsatisfied_at, the latest evaluation column empty
                aCase("UONLY").unevaluated().unsatisfied("2026-01-07 09:00"),
                // no instant for the UNSATISFIED evaluation, review after as_of: no review known
                aCase("UNOI").evaluation(EvaluationLevel.UNSATISFIED).without("evaluated_at")
                        .reviewed("2026-01-25 09:00").finding(ReviewFinding.MISUNDERSTANDING),
                // an outcome carried out after as_of is not carried out
                aCase("UEXP").evaluation(EvaluationLevel.UNSATISFIED).evaluated("2026-01-07 09:00")
                        .reviewed("2026-01-07 10:00").finding(ReviewFinding.MISUNDERSTANDING)
                        .explained("2026-01-25 09:00"))
                .build();
        assertAgree("fractions", data, PERIODS, "2026-01-20 00:00", "2026-01-25 09:30", "2026-08-15 12:00");
    }

    @Test
    void capsNormalisationAndAdjustmentsAboveMax() {
        Ledgers.Org o = org();
        List<Ledgers.CaseBuilder> cases = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            cases.add(aCase("G" + k).submitted(Ledgers.t("2026-01-06 09:00") + k * HOUR));
        }
        cases.add(aCase("G-late").acceptedAfter(45 * MIN).dispatched(null));
        DataSet data = o.cases(cases)
                .adjustment("B1", "2026-01", ItemCode.HANDLING_RESOLUTION, "+1")
                .adjustment("B1", "2026-01", ItemCode.BASIC_LEDGER, "+1")
                .adjustment("B1", "2026-01", ItemCode.KEYWORK_OTHER, "-0.005")
                .adjustment("R1", "2026-01", ItemCode.BASIC_LEDGER, "-0.5")
                .adjustment("W1", "2026-01", ItemCode.SATISFACTION_RESULT, "-0.125")
                .adjustment("A1", "2026-q1", ItemCode.BASIC_LEDGER, "-1")
                .build();
        assertAgree("caps", data, PERIODS, "2026-08-15 12:00");
        assertThat(ref(data, "2026-01", "2026-08-15 12:00", "B1", ItemCode.HANDLING_RESOLUTION).score())
                .isEqualByComparingTo("13");
    }

    @Test
    void hqBelowAnotherUnit() {
        DataSet data = new DataSet(
                List.of(new org.warmline.ledger.Unit("CO", "公司", UnitKind.BRANCH, null),
                        new org.warmline.ledger.Unit("HQ", "客服部", UnitKind.HQ_SERVICE, "CO"),
                        new org.warmline.ledger.Unit("S9", "站", UnitKind.STATION, "CO")),
                List.of(new org.warmline.ledger.Staff("A1", "a", Post.AGENT, "HQ")),
                List.of(aCase("H0").unit(null).handler(null).acceptedAfter(2 * HOUR).dispatched(null).build(),
                        aCase("H1").unit("S9").handler(null).acceptedAfter(2 * HOUR).build()),
                List.of(), List.of(), List.of(), List.of(), List.of());
        assertAgree("hq-below", data, PERIODS, "2026-08-15 12:00");
    }

    @Test
    void subSecondWindowAndDeadlineEdges() {
        long p0 = Ledgers.t("2026-01-02 08:00");
        DataSet data = org().cases(
                aCase("W2").phone("13700000002").submitted(p0),
                aCase("W3").phone("13700000002").submitted(p0 + 720 * HOUR + 1000),
                // complaint deadline 24 h: 0.5 s before as_of in the first run, open
                aCase("DL").submitted(Ledgers.t("2026-01-19 00:00") - 500).notCompleted().without("solution_at"))
                .build();
        assertAgree("subsecond", data, PERIODS, "2026-01-20 00:00", "2026-02-01 08:00:00.600".substring(0, 19),
                "2026-08-15 12:00");
    }

    /**
     * Two complaints of the same citizen and topic 30 × 24 h and 0.5 s apart. Spec section 1 "Time": "Durations are
     * measured in whole seconds (fractions of a second are dropped)", so the gap is 2,592,000 s = 30 × 24 h, and 2.4
     * makes the second a repeat ("at most 30 × 24 h before it"): R1's February has 1 complaint, 1 repeat, rate 100 %,
     * 95 lost, score 0. The engine compares the gap in milliseconds: no repeat, rate 0 %, bonus 1, score 6.
     */
    static DataSet repeatHalfSecondOutsideWindow() {
        long p0 = Ledgers.t("2026-01-02 08:00");
        return org().cases(
                aCase("W0").phone("13700000001").submitted(p0),
                aCase("W1").phone("13700000001").submitted(p0 + 720 * HOUR + 500)).build();
    }

    @Test
    void referenceCountsTheRepeatWindowInWholeSeconds() {
        DataSet data = repeatHalfSecondOutsideWindow();
        assertThat(ref(data, "2026-02", "2026-08-15 12:00", "R1", ItemCode.HANDLING_REPEAT).score())
                .isEqualByComparingTo("0");
    }

    @Test
    void repeatWindowInWholeSeconds() {
        DataSet data = repeatHalfSecondOutsideWindow();
        assertThat(Ledgers.item(Differential.engine(data, "2026-02", i("2026-08-15 12:00")), "R1",
                ItemCode.HANDLING_REPEAT).score()).isEqualByComparingTo("0");
        assertAgree("repeat-window-subsecond", data, PERIODS, "2026-08-15 12:00");
    }

    @Test
    void subSecondOutageAndReviewTimers() {
        long u = Ledgers.t("2026-01-07 09:00");
        Ledgers.Org o = org().cases(
                aCase("RV").evaluation(EvaluationLevel.UNSATISFIED).evaluated("2026-01-07 09:00")
                        .finding(ReviewFinding.MISUNDERSTANDING).explained("2026-01-09 09:00"));
        DataSet base = o.outage(null, "2026-01-05 08:00", "2026-01-05 08:30:00").build();
        // the review 24 h + 0.5 s after the UNSATISFIED evaluation, the backup 30 min + 0.5 s after the outage
        java.util.List<org.warmline.ledger.CaseRecord> cases = new ArrayList<>();
        for (org.warmline.ledger.CaseRecord c : base.cases()) {
            cases.add(c.toBuilder().at(org.warmline.ledger.CaseColumn.REVIEWED_AT, u + 24 * HOUR + 500).build());
        }
        org.warmline.ledger.Outage out = base.outages().get(0);
        DataSet data = new DataSet(base.units(), base.staff(), cases, base.regulations(), base.trainings(),
                List.of(new org.warmline.ledger.Outage(out.channel(), null, out.startedAt(),
                        out.startedAt() + 30 * MIN + 500, 1)),
                base.tasks(), base.adjustments());
        assertAgree("subsecond-timers", data, PERIODS, "2026-01-08 09:00:00", "2026-08-15 12:00");
    }
}
