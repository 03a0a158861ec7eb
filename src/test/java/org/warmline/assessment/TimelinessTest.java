package org.warmline.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.assessment.Ledgers.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.warmline.ledger.Category;
import org.warmline.ledger.DataSet;
import org.warmline.scheme.ItemCode;

/** 2.2 handling.timeliness 办理时效 (docs/assessment.md, 2.2, and section 3 for working days). */
class TimelinessTest {

    private static final String AS_OF = "2026-04-15 00:00";

    private static ItemResult timeliness(AssessmentResult r, String code) {
        return item(r, code, ItemCode.HANDLING_TIMELINESS);
    }

    /**
     * Everything a case lost on 2.2, whatever the entries look like.
     * READING: docs/assessment.md does not say how a doubled loss is listed (one timeliness.late entry of 6, or 3 + 3); these
     * tests sum all of a case's 2.2 deductions.
     */
    private static java.math.BigDecimal lossOf(ItemResult item, String caseNo) {
        return sum(item.deductions().stream().filter(e -> caseNo.equals(e.ref())).toList());
    }

    private static CaseBuilder solved(String no, Category category, boolean complex, String submitted, String solution) {
        long s = t(submitted);
        long sol = t(solution);
        return aCase(no).category(category).complex(complex).submitted(submitted)
                .contactedAfter(Math.min(HOUR, sol - s)).solutionAt(solution)
                .completedAfter(sol - s + HOUR).evaluatedAfter(sol - s + 2 * HOUR);
    }

    // Deadlines: consultation 4 h, complaint 24 h (calendar), complex and suggestion 3 working days; bands
    // "0 < w ≤ 1: 3; 1 < w < 3: 5; w ≥ 3: 10"; "a case late only on non-working days (w = 0) counts in the first band".
    @ParameterizedTest(name = "[{index}] {0} complex={1} submitted {2}, solution {3}: loses {4}")
    @CsvSource({
            // consultation: 4 h calendar
            "CONSULTATION,false,2026-01-06 09:00,2026-01-06 13:00,0",
            "CONSULTATION,false,2026-01-06 09:00,2026-01-06 13:00:01,3",
            // complaint: 24 h calendar; w measured in working days after the deadline
            "COMPLAINT,false,2026-01-06 09:00,2026-01-07 09:00,0",
            "COMPLAINT,false,2026-01-06 09:00,2026-01-07 09:00:01,3",
            "COMPLAINT,false,2026-01-06 09:00,2026-01-08 09:00,3",
            "COMPLAINT,false,2026-01-06 09:00,2026-01-08 09:00:01,5",
            "COMPLAINT,false,2026-01-06 09:00,2026-01-09 23:59:59,5",
            // Wed 09:00 deadline to Sat 00:00 is 15 h + 24 h + 24 h = 2.625 working days: still the second band
            "COMPLAINT,false,2026-01-06 09:00,2026-01-10 00:00,5",
            "COMPLAINT,false,2026-01-06 09:00,2026-01-12 08:59:59,5",
            // ... Monday 09:00 adds 9 h: 72 h = w = 3 -> 10
            "COMPLAINT,false,2026-01-06 09:00,2026-01-12 09:00,10",
            // deadline Saturday 10:00, solved Sunday: late only on days off, w = 0 -> first band
            "COMPLAINT,false,2026-01-09 10:00,2026-01-11 18:00,3",
            // deadline Saturday 10:00, solved Monday 10:00: w = 10 h = 0.42
            "COMPLAINT,false,2026-01-09 10:00,2026-01-12 10:00,3",
            // complex: Friday 15:00 + 3 working days = Wednesday 15:00 (section 2's example)
            "COMPLAINT,true,2026-01-09 15:00,2026-01-14 15:00,0",
            "COMPLAINT,true,2026-01-09 15:00,2026-01-14 15:00:01,3",
            // a complex consultation has 3 working days, not 4 h ("complex = true (any category)")
            "CONSULTATION,true,2026-01-05 09:00,2026-01-06 09:00,0",
            // suggestion: 3 working days [reading]
            "SUGGESTION,false,2026-01-09 15:00,2026-01-14 15:00,0",
            "SUGGESTION,false,2026-01-09 15:00,2026-01-14 16:00,3",
            // Spring Festival: 2026-02-17 10:00 + 3 working days = 2026-02-27 00:00 (section 2)
            "COMPLAINT,true,2026-02-17 10:00,2026-02-26 23:59,0",
            "COMPLAINT,true,2026-02-17 10:00,2026-02-27 00:00:01,3",
            // late 27 Feb (Fri) and 28 Feb (make-up Saturday): w = 2 -> 5
            "COMPLAINT,true,2026-02-17 10:00,2026-03-02 00:00,5",
            // ... and Monday 2 March too: w = 3 -> 10
            "COMPLAINT,true,2026-02-17 10:00,2026-03-03 00:00,10",
            // make-up Saturday 2026-02-14 counts: Fri 13 10:00 + 3 = Wed 25 10:00
            "SUGGESTION,false,2026-02-13 10:00,2026-02-25 10:00,0",
            "SUGGESTION,false,2026-02-13 10:00,2026-02-25 12:00,3",
            // complaint due on the make-up Saturday 2026-02-14 10:00, solved after the holiday:
            // working time late = 14 h (Sat 14) + 10 h (Tue 24) = 1 day exactly -> 3; one second more -> 5
            "COMPLAINT,false,2026-02-13 10:00,2026-02-24 10:00,3",
            "COMPLAINT,false,2026-02-13 10:00,2026-02-24 10:00:01,5",
    })
    void deadlinesAndBands(Category category, boolean complex, String submitted, String solution, int loss) {
        DataSet data = org().cases(solved("C1", category, complex, submitted, solution)).build();
        AssessmentResult r = assess(data, submitted.substring(0, 7), AS_OF);
        ItemResult item = timeliness(r, "W1");
        assertThat(sum(deductions(item, "timeliness.late"))).isEqualByComparingTo(String.valueOf(loss));
        if (loss > 0) {
            assertThat(deductions(item, "timeliness.late")).allSatisfy(e -> assertThat(e.ref()).isEqualTo("C1"));
            assertThat(item.score()).isEqualByComparingTo(String.valueOf(15 - loss));
        }
    }

    // "A case with no category and not complex has no deadline."
    @Test
    void noCategoryNoDeadline() {
        DataSet data = org().cases(aCase("C1").without("category").solutionAfter(10 * DAY).completedAfter(11 * DAY)
                .evaluatedAfter(12 * DAY)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(deductions(timeliness(r, "W1"), "timeliness.late")).isEmpty();
    }

    // Missing milestones: "A milestone that has not happened is judged as if it happened at the next milestone ... that
    // has happened"
    @Test
    void missingSolutionIsJudgedAtCompletion() {
        // complaint due 2026-01-07 09:00, no solution_at, completed 15:00: 6 h late -> 3
        DataSet data = org().cases(aCase("C1").without("solution_at").completed("2026-01-07 15:00")
                .evaluated("2026-01-08 09:00")).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(sum(deductions(timeliness(r, "W1"), "timeliness.late"))).isEqualByComparingTo("3");
    }

    // "... or at as_of when none has"; "There is no grace period"
    @Test
    void openCaseIsJudgedAtAsOf() {
        DataSet data = org().cases(aCase("C1").without("contacted_at", "solution_at", "solution").notCompleted()).build();
        // due Wed 2026-01-07 09:00; as of Mon 2026-01-12 09:00: 15 + 24 + 24 + 9 = 72 working hours -> w = 3 -> 10
        AssessmentResult r = assess(data, "2026-01", "2026-01-12 09:00");
        assertThat(sum(deductions(timeliness(r, "W1"), "timeliness.late"))).isEqualByComparingTo("10");
        assertThat(timeliness(r, "W1").score()).isEqualByComparingTo("5");
    }

    @Test
    void openCaseNotYetDueLosesNothing() {
        DataSet data = org().cases(aCase("C1").without("contacted_at", "solution_at", "solution").notCompleted()).build();
        AssessmentResult r = assess(data, "2026-01", "2026-01-07 08:00");
        assertThat(deductions(timeliness(r, "W1"), "timeliness.late")).isEmpty();
    }

    // "同一问题重复超时加倍扣分: when a late case is a repeat complaint (2.4) and any of the earlier complaints that make it
    // a repeat is itself late ..., its loss is doubled (once, never compounded)."
    private static CaseBuilder lateComplaint(String no, String submitted, long lateBy) {
        long s = t(submitted);
        return aCase(no).phone("13800138000").topic("TEMPERATURE").submitted(submitted)
                .solutionAfter(DAY + lateBy).completedAfter(DAY + lateBy + HOUR).evaluatedAfter(DAY + lateBy + 2 * HOUR);
    }

    @Test
    void lateRepeatOfALateComplaintIsDoubled() {
        DataSet data = org().cases(
                lateComplaint("X", "2026-01-05 09:00", 3 * HOUR),
                lateComplaint("Y", "2026-01-12 09:00", 3 * HOUR)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        ItemResult item = timeliness(r, "W1");
        assertThat(lossOf(item, "X")).isEqualByComparingTo("3");
        assertThat(lossOf(item, "Y")).isEqualByComparingTo("6");
    }

    @Test
    void lateRepeatOfAnOnTimeComplaintIsNotDoubled() {
        DataSet data = org().cases(
                lateComplaint("X", "2026-01-05 09:00", -3 * HOUR),
                lateComplaint("Y", "2026-01-12 09:00", 3 * HOUR)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        ItemResult item = timeliness(r, "W1");
        assertThat(lossOf(item, "X")).isEqualByComparingTo("0");
        assertThat(lossOf(item, "Y")).isEqualByComparingTo("3");
    }

    @Test
    void doublingIsNeverCompounded() {
        DataSet data = org().cases(
                lateComplaint("X", "2026-01-05 09:00", 3 * HOUR),
                lateComplaint("Y", "2026-01-12 09:00", 3 * HOUR),
                lateComplaint("Z", "2026-01-19 09:00", 3 * HOUR)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        ItemResult item = timeliness(r, "W1");
        assertThat(lossOf(item, "Z")).isEqualByComparingTo("6");
        // 3 + 6 + 6 = 15: the item is exactly used up
        assertThat(item.score()).isEqualByComparingTo("0");
    }

    // "(as of as_of, whoever it belongs to)": the earlier complaint belongs to another unit and is still open past its deadline
    @Test
    void earlierComplaintOfAnotherUnitStillOpenCounts() {
        DataSet data = org().cases(
                lateComplaint("X", "2026-01-05 09:00", 0).unit("T1").without("handler", "solution_at", "solution")
                        .notCompleted(),
                lateComplaint("Y", "2026-01-12 09:00", 3 * HOUR)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(lossOf(timeliness(r, "W1"), "Y")).isEqualByComparingTo("6");
    }

    // "when a late case is a repeat complaint": an on-time repeat loses nothing, doubled or not
    @Test
    void onTimeRepeatLosesNothing() {
        DataSet data = org().cases(
                lateComplaint("X", "2026-01-05 09:00", 3 * HOUR),
                lateComplaint("Y", "2026-01-12 09:00", -3 * HOUR)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(lossOf(timeliness(r, "W1"), "Y")).isEqualByComparingTo("0");
    }

    // 2.2 counts for the subject's cases: unit subtree and handler, not the accepting agent
    @Test
    void lateCaseCountsForItsUnitsAndHandlerOnly() {
        DataSet data = org().cases(lateComplaint("X", "2026-01-05 09:00", 3 * HOUR)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        for (String s : List.of("W1", "R1", "S1", "B1")) {
            assertThat(lossOf(timeliness(r, s), "X")).as(s).isEqualByComparingTo("3");
        }
        for (String s : List.of("A1", "HQ", "T1")) {
            assertThat(timeliness(r, s).deductions()).as(s).isEmpty();
        }
    }
}
