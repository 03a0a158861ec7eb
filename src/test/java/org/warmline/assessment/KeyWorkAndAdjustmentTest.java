package org.warmline.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.assessment.Ledgers.*;

import org.junit.jupiter.api.Test;
import org.warmline.ledger.DataSet;
import org.warmline.scheme.ItemCode;

/** 4.1 keywork.special, 4.2 keywork.other and manual adjustments. */
class KeyWorkAndAdjustmentTest {

    private static ItemResult special(DataSet data, String period, String asOf, String unit) {
        return item(assess(data, period, asOf), unit, ItemCode.KEYWORK_SPECIAL);
    }

    // "3 lost when no plan was submitted"
    @Test
    void noPlanLosesThree() {
        ItemResult item = special(org().task("T-1", "B1", "2026-01-20", false, "2026-01-19", true).build(),
                "2026-01", "2026-02-15 00:00", "B1");
        assertThat(sum(deductions(item, "special.no-plan"))).isEqualByComparingTo("3");
        assertThat(item.score()).isEqualByComparingTo("5");
    }

    // READING: "days" are calendar days between dates (not working days); an open task on as_of 2026-01-25 10:00 due
    // 2026-01-20 is 5 days late.
    // "1 lost per day late, days = (completion date, or the date of as_of if not completed) − due_date when positive"
    @Test
    void oneLostPerDayLate() {
        assertThat(sum(deductions(special(org().task("T-1", "B1", "2026-01-20", true, "2026-01-23", true).build(),
                "2026-01", "2026-02-15 00:00", "B1"), "special.late"))).isEqualByComparingTo("3");
        assertThat(sum(deductions(special(org().task("T-1", "B1", "2026-01-20", true, null, null).build(),
                "2026-01", "2026-01-25 10:00", "B1"), "special.late"))).isEqualByComparingTo("5");
    }

    // "2 lost when quality_ok = false"; "An empty boolean is false, except quality_ok, where empty means not yet judged"
    @Test
    void poorQualityLosesTwo() {
        assertThat(sum(deductions(special(org().task("T-1", "B1", "2026-01-20", true, "2026-01-20", false).build(),
                "2026-01", "2026-02-15 00:00", "B1"), "special.poor-quality"))).isEqualByComparingTo("2");
        assertThat(special(org().task("T-1", "B1", "2026-01-20", true, "2026-01-20", null).build(),
                "2026-01", "2026-02-15 00:00", "B1").deductions()).isEmpty();
    }

    // "judged once the due date has passed (the day after it has begun at as_of) or the task is completed by as_of"
    @Test
    void judgedOnlyAfterTheDueDay() {
        DataSet data = org().task("T-1", "B1", "2026-01-31", false, null, null).build();
        assertThat(special(data, "2026-01", "2026-01-31 23:00", "B1").deductions()).isEmpty();
        ItemResult next = special(data, "2026-01", "2026-02-01 00:00", "B1");
        assertThat(sum(deductions(next, "special.no-plan"))).isEqualByComparingTo("3");
        assertThat(sum(deductions(next, "special.late"))).isEqualByComparingTo("1");
    }

    @Test
    void completedEarlyIsJudgedAtOnce() {
        DataSet data = org().task("T-1", "B1", "2026-01-31", false, "2026-01-20", true).build();
        assertThat(sum(deductions(special(data, "2026-01", "2026-01-25 00:00", "B1"), "special.no-plan")))
                .isEqualByComparingTo("3");
    }

    // "for their own unit only, in the period that holds due_date"
    @Test
    void ownUnitAndDuePeriodOnly() {
        DataSet data = org().task("T-1", "S1", "2026-01-20", false, "2026-01-20", true)
                .task("T-2", "B1", "2026-02-10", false, "2026-02-10", true).build();
        assertThat(special(data, "2026-01", "2026-03-01 00:00", "B1").deductions()).isEmpty();
        assertThat(sum(special(data, "2026-01", "2026-03-01 00:00", "S1").deductions())).isEqualByComparingTo("3");
        assertThat(sum(special(data, "2026-02", "2026-03-01 00:00", "B1").deductions())).isEqualByComparingTo("3");
    }

    @Test
    void specialFloorsAtZero() {
        ItemResult item = special(org().task("T-1", "B1", "2026-01-10", false, "2026-01-20", false).build(),
                "2026-01", "2026-02-15 00:00", "B1");
        assertThat(sum(item.deductions())).isEqualByComparingTo("15");
        assertThat(item.score()).isEqualByComparingTo("0");
    }

    // 4.2: "No adjustment: full 7." Adjustments: "−2 takes 2 more and is listed as 2"
    @Test
    void otherWorkByAdjustment() {
        AssessmentResult none = assess(org().build(), "2026-01", "2026-02-15 00:00");
        assertThat(item(none, "B1", ItemCode.KEYWORK_OTHER).score()).isEqualByComparingTo("7");
        DataSet data = org().adjustment("B1", "2026-01", ItemCode.KEYWORK_OTHER, "-2").build();
        ItemResult item = item(assess(data, "2026-01", "2026-02-15 00:00"), "B1", ItemCode.KEYWORK_OTHER);
        assertThat(deductions(item, "adjustment")).singleElement().satisfies(e -> {
            assertThat(e.points()).isEqualByComparingTo("2");
            assertThat(e.reason()).isNotBlank();
        });
        assertThat(item.score()).isEqualByComparingTo("5");
    }

    // "+1 gives 1 back and is listed as −1"
    @Test
    void positiveAdjustmentGivesBack() {
        DataSet data = org().cases(aCase("C1").without("address", "demand"))
                .adjustment("W1", "2026-01", ItemCode.BASIC_LEDGER, "1").build();
        ItemResult item = item(assess(data, "2026-01", "2026-02-15 00:00"), "W1", ItemCode.BASIC_LEDGER);
        assertThat(sum(deductions(item, "adjustment"))).isEqualByComparingTo("-1");
        assertThat(item.score()).isEqualByComparingTo("7");
    }

    // "apply to exactly their period (an adjustment of 2026-01 is not part of 2026-Q1 or 2026 ...)"
    @Test
    void adjustmentAppliesToExactlyItsPeriod() {
        DataSet data = org().adjustment("B1", "2026-01", ItemCode.KEYWORK_OTHER, "-2")
                .adjustment("B1", "2026-Q1", ItemCode.KEYWORK_OTHER, "-3").build();
        assertThat(item(assess(data, "2026-01", "2026-04-15 00:00"), "B1", ItemCode.KEYWORK_OTHER).score())
                .isEqualByComparingTo("5");
        assertThat(item(assess(data, "2026-Q1", "2026-04-15 00:00"), "B1", ItemCode.KEYWORK_OTHER).score())
                .isEqualByComparingTo("4");
        assertThat(item(assess(data, "2026-02", "2026-04-15 00:00"), "B1", ItemCode.KEYWORK_OTHER).score())
                .isEqualByComparingTo("7");
    }
}
