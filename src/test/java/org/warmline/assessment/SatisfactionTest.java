package org.warmline.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.assessment.Ledgers.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;
import org.warmline.scheme.ItemCode;

/** 3.1 satisfaction.coverage, 3.2 satisfaction.result, 3.3 satisfaction.dissatisfied. */
class SatisfactionTest {

    private static final String AS_OF = "2026-02-15 00:00";

    private static ItemResult of(AssessmentResult r, ItemCode item) {
        return item(r, "W1", item);
    }

    // ------------------------------------------------------------------ 3.1

    // "lose 0.5 for each of the subject's completed cases with no known evaluation"
    @Test
    void coverageHalfAPointPerCompletedCaseWithoutEvaluation() {
        DataSet data = org().cases(aCase("C1").unevaluated(), aCase("C2").unevaluated(), aCase("C3")).build();
        ItemResult item = of(assess(data, "2026-01", AS_OF), ItemCode.SATISFACTION_COVERAGE);
        assertThat(deductions(item, "coverage.missing-evaluation")).extracting(Entry::ref)
                .containsExactlyInAnyOrder("C1", "C2");
        assertThat(sum(deductions(item, "coverage.missing-evaluation"))).isEqualByComparingTo("1");
        assertThat(item.score()).isEqualByComparingTo("4");
    }

    @Test
    void openCaseNeedsNoEvaluation() {
        DataSet data = org().cases(aCase("C1").notCompleted()).build();
        assertThat(of(assess(data, "2026-01", AS_OF), ItemCode.SATISFACTION_COVERAGE).deductions()).isEmpty();
    }

    // "1.2, 3.1 and 3.2 see it only once evaluated_at has happened"
    @Test
    void evaluationAfterAsOfIsUnknown() {
        DataSet data = org().cases(aCase("C1").evaluated("2026-01-20 09:00")).build();
        ItemResult item = of(assess(data, "2026-01", "2026-01-10 00:00"), ItemCode.SATISFACTION_COVERAGE);
        assertThat(sum(deductions(item, "coverage.missing-evaluation"))).isEqualByComparingTo("0.5");
    }

    // "A required instant that is filled in but after as_of counts as empty": not yet completed at as_of
    @Test
    void completionAfterAsOfIsNotACompletedCase() {
        DataSet data = org().cases(aCase("C1").unevaluated().completed("2026-01-20 09:00")).build();
        assertThat(of(assess(data, "2026-01", "2026-01-10 00:00"), ItemCode.SATISFACTION_COVERAGE).deductions())
                .isEmpty();
    }

    // "The mix of known evaluations by channel ... is reported beside the item and deducts nothing [reading]."
    @Test
    void channelMixDeductsNothing() {
        DataSet data = org().cases(aCase("C1").evaluationChannel(EvaluationChannel.ONLINE),
                aCase("C2").evaluationChannel(EvaluationChannel.ONLINE)).build();
        ItemResult item = of(assess(data, "2026-01", AS_OF), ItemCode.SATISFACTION_COVERAGE);
        assertThat(item.score()).isEqualByComparingTo("5");
        assertThat(item.deductions()).isEmpty();
    }

    @Test
    void coverageFloorsAtZero() {
        List<CaseBuilder> cases = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            cases.add(aCase("C" + i).submitted(t("2026-01-06 09:00") + i * MIN).unevaluated());
        }
        ItemResult item = of(assess(org().cases(cases).build(), "2026-01", AS_OF), ItemCode.SATISFACTION_COVERAGE);
        assertThat(sum(item.deductions())).isEqualByComparingTo("6");
        assertThat(item.score()).isEqualByComparingTo("0");
    }

    // ------------------------------------------------------------------ 3.2

    private static List<CaseBuilder> evaluated(int satisfied, int basic, int unsatisfied) {
        List<CaseBuilder> cases = new ArrayList<>();
        int i = 0;
        for (int n = 0; n < satisfied + basic + unsatisfied; n++, i++) {
            EvaluationLevel level = n < satisfied ? EvaluationLevel.SATISFIED
                    : n < satisfied + basic ? EvaluationLevel.BASIC : EvaluationLevel.UNSATISFIED;
            cases.add(aCase("C" + i).submitted(t("2026-01-06 09:00") + i * MIN).evaluation(level));
        }
        return cases;
    }

    // "index = (S × 10 + B × 6) / N × 10 ... index ≥ 85: no loss. 60 ≤ index < 85: lose 3 × ceil((85 − index) / 5).
    // index < 60: lose 15."; "79.99 is below 80"
    @ParameterizedTest(name = "S={0} B={1} U={2}: loses {3}")
    @CsvSource({
            "5,3,0,0",     // 85
            "1,0,0,0",     // 100
            "7,6,0,3",     // 81.54
            "1,1,0,3",     // 80
            "49,50,0,6",   // 79.80: below 80
            "3,5,0,6",     // 75
            "1,3,0,9",     // 70
            "1,7,0,12",    // 65
            "0,1,0,15",    // 60: 3 × ceil(25 / 5) = 15
            "0,99,1,15",   // 59.4
            "0,0,2,15",    // 0
    })
    void indexBands(int s, int b, int u, int loss) {
        DataSet data = org().cases(evaluated(s, b, u)).build();
        ItemResult item = of(assess(data, "2026-01", AS_OF), ItemCode.SATISFACTION_RESULT);
        assertThat(sum(deductions(item, "result.low-index"))).isEqualByComparingTo(String.valueOf(loss));
        assertThat(item.score()).isEqualByComparingTo(String.valueOf(15 - loss));
    }

    @Test
    void unknownEvaluationsAreNotInTheIndex() {
        DataSet data = org().cases(aCase("C1"), aCase("C2").evaluation(EvaluationLevel.UNSATISFIED)
                .evaluated("2026-01-20 09:00")).build();
        ItemResult item = of(assess(data, "2026-01", "2026-01-10 00:00"), ItemCode.SATISFACTION_RESULT);
        assertThat(item.deductions()).isEmpty();
    }

    @Test
    void noEvaluationNoLoss() {
        DataSet data = org().cases(aCase("C1").unevaluated()).build();
        assertThat(of(assess(data, "2026-01", AS_OF), ItemCode.SATISFACTION_RESULT).score()).isEqualByComparingTo("15");
    }

    // ------------------------------------------------------------------ 3.3

    /** Evaluated UNSATISFIED at 2026-01-07 09:00 (unsatisfied_at empty: "means evaluated_at"). */
    private static CaseBuilder unsatisfied(String no) {
        return aCase(no).evaluation(EvaluationLevel.UNSATISFIED).evaluated("2026-01-07 09:00").comment("还是冷");
    }

    private static ItemResult dissatisfied(CaseBuilder c, String asOf) {
        return of(assess(org().cases(c).build(), "2026-01", asOf), ItemCode.SATISFACTION_DISSATISFIED);
    }

    // "1 lost when it was not reviewed (reviewed_at) within 24 h of unsatisfied_at (exactly 24 h is in time ...)"
    @Test
    void reviewExactlyTwentyFourHoursIsInTime() {
        ItemResult item = dissatisfied(unsatisfied("C1").reviewed("2026-01-08 09:00")
                .finding(ReviewFinding.SERVICE_PROBLEM).rehandled("2026-01-09 09:00"), AS_OF);
        assertThat(item.deductions()).isEmpty();
        assertThat(item.score()).isEqualByComparingTo("5");
    }

    @Test
    void reviewOneSecondLateLosesOne() {
        ItemResult item = dissatisfied(unsatisfied("C1").reviewed("2026-01-08 09:00:01")
                .finding(ReviewFinding.SERVICE_PROBLEM).rehandled("2026-01-09 09:00"), AS_OF);
        assertThat(sum(deductions(item, "dissatisfied.late-review"))).isEqualByComparingTo("1");
        assertThat(deductions(item, "dissatisfied.late-review").get(0).ref()).isEqualTo("C1");
        assertThat(deductions(item, "dissatisfied.not-carried-out")).isEmpty();
    }

    // "not reviewed and more than 24 h have passed at as_of"; "no known finding: 2 lost"
    @Test
    void neverReviewedLosesThree() {
        ItemResult item = dissatisfied(unsatisfied("C1"), AS_OF);
        assertThat(sum(deductions(item, "dissatisfied.late-review"))).isEqualByComparingTo("1");
        assertThat(sum(deductions(item, "dissatisfied.not-carried-out"))).isEqualByComparingTo("2");
        assertThat(item.score()).isEqualByComparingTo("2");
    }

    // READING: while the 24 h review allowance is still running, docs/assessment.md does not say whether "no known finding: 2 lost"
    // already applies; this test checks only that no late-review loss is made and asserts nothing about the 2 points.
    @Test
    void notYetReviewedWithin24hIsNotLate() {
        ItemResult item = dissatisfied(unsatisfied("C1"), "2026-01-08 08:00");
        assertThat(deductions(item, "dissatisfied.late-review")).isEmpty();
    }

    // "finding SERVICE_PROBLEM needs rehandled_at ...; finding MISUNDERSTANDING needs explained_at"
    @Test
    void serviceProblemNeedsRehandling() {
        ItemResult item = dissatisfied(unsatisfied("C1").reviewed("2026-01-07 15:00")
                .finding(ReviewFinding.SERVICE_PROBLEM).explained("2026-01-08 09:00"), AS_OF);
        assertThat(sum(deductions(item, "dissatisfied.not-carried-out"))).isEqualByComparingTo("2");
        assertThat(deductions(item, "dissatisfied.late-review")).isEmpty();
    }

    @Test
    void misunderstandingNeedsExplanation() {
        assertThat(dissatisfied(unsatisfied("C1").reviewed("2026-01-07 15:00")
                .finding(ReviewFinding.MISUNDERSTANDING).explained("2026-01-08 09:00"), AS_OF).deductions()).isEmpty();
        assertThat(sum(deductions(dissatisfied(unsatisfied("C2").reviewed("2026-01-07 15:00")
                .finding(ReviewFinding.MISUNDERSTANDING).rehandled("2026-01-08 09:00"), AS_OF),
                "dissatisfied.not-carried-out"))).isEqualByComparingTo("2");
    }

    // "2 lost when the review's outcome was not carried out by as_of"
    @Test
    void rehandlingAfterAsOfIsNotCarriedOut() {
        ItemResult item = dissatisfied(unsatisfied("C1").reviewed("2026-01-07 15:00")
                .finding(ReviewFinding.SERVICE_PROBLEM).rehandled("2026-01-20 09:00"), "2026-01-15 00:00");
        assertThat(sum(deductions(item, "dissatisfied.not-carried-out"))).isEqualByComparingTo("2");
    }

    // "a value recorded at a stage (... review finding) is unknown while that stage's timestamp is after as_of"
    @Test
    void reviewAfterAsOfIsUnknown() {
        ItemResult item = dissatisfied(unsatisfied("C1").reviewed("2026-01-20 09:00")
                .finding(ReviewFinding.MISUNDERSTANDING).explained("2026-01-20 10:00"), "2026-01-15 00:00");
        assertThat(sum(deductions(item, "dissatisfied.late-review"))).isEqualByComparingTo("1");
        assertThat(sum(deductions(item, "dissatisfied.not-carried-out"))).isEqualByComparingTo("2");
    }

    // "3.3 judges that round from unsatisfied_at, even when a later re-evaluation is not yet known"
    @Test
    void judgedFromUnsatisfiedAtAfterReEvaluation() {
        // re-evaluated SATISFIED later; the UNSATISFIED round was at 01-07 09:00, reviewed 01-08 10:00: 25 h, late
        ItemResult item = dissatisfied(aCase("C1").evaluation(EvaluationLevel.SATISFIED).evaluated("2026-01-12 09:00")
                .unsatisfied("2026-01-07 09:00").reviewed("2026-01-08 10:00")
                .finding(ReviewFinding.SERVICE_PROBLEM).rehandled("2026-01-10 09:00"), AS_OF);
        assertThat(sum(deductions(item, "dissatisfied.late-review"))).isEqualByComparingTo("1");
        assertThat(deductions(item, "dissatisfied.not-carried-out")).isEmpty();
    }

    @Test
    void reEvaluationNotYetKnownStillJudged() {
        ItemResult item = dissatisfied(aCase("C1").evaluation(EvaluationLevel.SATISFIED).evaluated("2026-01-30 09:00")
                .unsatisfied("2026-01-07 09:00"), "2026-01-15 00:00");
        assertThat(sum(item.deductions())).isEqualByComparingTo("3");
    }

    // "for each of the subject's cases that received an UNSATISFIED evaluation by as_of"
    @Test
    void unsatisfiedAfterAsOfIsNotJudged() {
        ItemResult item = dissatisfied(unsatisfied("C1").evaluated("2026-01-20 09:00"), "2026-01-15 00:00");
        assertThat(item.deductions()).isEmpty();
    }

    @Test
    void dissatisfiedFloorsAtZero() {
        DataSet data = org().cases(unsatisfied("C1"), unsatisfied("C2")).build();
        ItemResult item = of(assess(data, "2026-01", AS_OF), ItemCode.SATISFACTION_DISSATISFIED);
        assertThat(sum(item.deductions())).isEqualByComparingTo("6");
        assertThat(item.score()).isEqualByComparingTo("0");
    }
}
