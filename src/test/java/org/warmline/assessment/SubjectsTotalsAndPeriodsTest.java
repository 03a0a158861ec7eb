package org.warmline.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.assessment.Ledgers.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.warmline.ledger.DataSet;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.SubjectKind;

/** Sections 1, 3, 5 and 6: subjects and their cases, periods, as_of, totals, rounding, grades, the year. */
class SubjectsTotalsAndPeriodsTest {

    private static final String AS_OF = "2026-02-15 00:00";

    private static boolean hasMissingField(AssessmentResult r, String subject, String caseNo) {
        return !deductions(item(r, subject, ItemCode.BASIC_LEDGER), "ledger.missing-field", caseNo).isEmpty();
    }

    // "Subjects are every unit and every person in the data set, whether or not they have cases."
    @Test
    void everyUnitAndPersonIsASubject() {
        AssessmentResult r = assess(org().build(), "2026-01", AS_OF);
        assertThat(r.subjects()).extracting(SubjectResult::code)
                .containsExactlyInAnyOrder("HQ", "B1", "S1", "T1", "R1", "A1", "W1");
        assertThat(subject(r, "HQ").kind()).isEqualTo(SubjectKind.HQ_SERVICE);
        assertThat(subject(r, "W1").kind()).isEqualTo(SubjectKind.STEWARD);
        assertThat(subject(r, "B1").items()).hasSize(13);
        assertThat(subject(r, "T1").items()).hasSize(8);
        assertThat(subject(r, "A1").items()).hasSize(8);
        // with nothing to lose everything is full: 100 for units, 72 / 72 × 100 for front-line subjects
        for (SubjectResult s : r.subjects()) {
            assertThat(s.total()).as(s.code()).isEqualByComparingTo("100");
            assertThat(s.grade()).isEqualTo("优秀");
        }
        // "A result names the scheme version and as_of"
        assertThat(r.scheme()).isEqualTo("default");
        assertThat(r.asOf().toInstant()).isEqualTo(instant(AS_OF));
        assertThat(r.period().label()).isEqualTo("2026-01");
    }

    // "a front-line subject's total = earned / 72 × 100"; bonuses can take a total above 100
    @Test
    void frontLineNormalisation() {
        AssessmentResult r = assess(org().cases(aCase("C1")).build(), "2026-01", AS_OF);
        // 72 + 2 (resolution bonus, 100 %) + 1 (repeat bonus, 0 %) = 75; 75 / 72 × 100 = 104.1666...
        assertThat(subject(r, "W1").total()).isEqualByComparingTo("104.17");
        assertThat(subject(r, "R1").total()).isEqualByComparingTo("104.17");
        // a unit is not normalised: 100 + 2 + 1
        assertThat(subject(r, "B1").total()).isEqualByComparingTo("103");
    }

    // "Every rounding in a result is half-up to 2 decimals (90.625 → 90.63)"
    @Test
    void totalRoundsHalfUp() {
        List<CaseBuilder> cases = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            CaseBuilder c = aCase("C" + i).submitted(t("2026-01-06 09:00") + i * MIN);
            if (i < 2) {
                c.phone("13800138000"); // one repeat in 16 complaints: 6.25 %, 2.4 scores 3.75
            }
            if (i >= 10 && i < 15) {
                c.without("address"); // 5 × 0.5 = 2.5 on 1.2
            }
            cases.add(c);
        }
        // C5 solved 48 h 1 s after submission: 24 h 1 s late, all on working days (Wed-Thu): 1 < w < 3 -> 5
        cases.set(5, aCase("C5").submitted(t("2026-01-06 09:00") + 5 * MIN).solutionAfter(48 * HOUR + SEC)
                .completedAfter(49 * HOUR).evaluatedAfter(50 * HOUR));
        AssessmentResult r = assess(org().cases(cases).build(), "2026-01", AS_OF);
        // earned = 7 − 2.5 + 10 + 15 − 5 + 12 + 3.75 + 5 + 15 + 5 = 65.25; 65.25 / 72 × 100 = 90.625 -> 90.63
        assertThat(item(r, "W1", ItemCode.HANDLING_REPEAT).score()).isEqualByComparingTo("3.75");
        assertThat(item(r, "W1", ItemCode.HANDLING_TIMELINESS).score()).isEqualByComparingTo("10");
        assertThat(item(r, "W1", ItemCode.BASIC_LEDGER).score()).isEqualByComparingTo("4.5");
        assertThat(subject(r, "W1").total()).isEqualByComparingTo("90.63");
        assertThat(subject(r, "W1").grade()).isEqualTo("优秀");
    }

    // "a unit: every case whose responsible unit is that unit or below it in the tree"; "a person: the cases naming
    // them as handler"
    @Test
    void aUnitsCasesIncludeItsSubtree() {
        DataSet data = org().cases(aCase("C1").unit("T1").without("handler", "citizen_name")).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(hasMissingField(r, "T1", "C1")).isTrue();
        assertThat(hasMissingField(r, "S1", "C1")).isTrue();
        assertThat(hasMissingField(r, "B1", "C1")).isTrue();
        assertThat(hasMissingField(r, "R1", "C1")).isFalse();
        assertThat(hasMissingField(r, "HQ", "C1")).isFalse();
        assertThat(hasMissingField(r, "W1", "C1")).isFalse();
        assertThat(hasMissingField(r, "A1", "C1")).isFalse();
    }

    @Test
    void aPersonsCasesAreThoseTheyHandle() {
        DataSet data = org().cases(aCase("C1").unit("T1").handler("W1").without("citizen_name")).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(hasMissingField(r, "W1", "C1")).isTrue();
        assertThat(hasMissingField(r, "R1", "C1")).isFalse();
    }

    // "A case with no responsible unit is treated as a case of the HQ_SERVICE unit when its accepting agent (post
    // AGENT) belongs to it (answered on the spot), otherwise as a case of no unit (with a warning)"
    @Test
    void unitlessCaseOfAnHqAgentIsTheHqs() {
        DataSet data = org().cases(aCase("C1").without("unit", "handler", "dispatched_at", "citizen_name")).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(hasMissingField(r, "HQ", "C1")).isTrue();
        assertThat(hasMissingField(r, "B1", "C1")).isFalse();
    }

    // READING: the warning's wording is not specified; the test only requires some warning.
    @Test
    void unitlessCaseOfNoAgentBelongsToNoUnit() {
        DataSet data = org().cases(aCase("C1").acceptedBy("W1").without("unit", "handler", "citizen_name")).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        for (String unit : List.of("HQ", "B1", "S1", "T1", "R1")) {
            assertThat(hasMissingField(r, unit, "C1")).as(unit).isFalse();
        }
        assertThat(r.warnings()).isNotEmpty();
    }

    // "A case belongs to the period ... in which it was submitted"; instants are Asia/Shanghai
    @Test
    void periodIsTheMonthOfSubmission() {
        DataSet data = org().cases(
                aCase("JAN").submitted("2026-01-31 23:30").without("citizen_name"),
                aCase("FEB").submitted("2026-02-01 00:30").without("citizen_name")).build();
        AssessmentResult jan = assess(data, "2026-01", "2026-03-15 00:00");
        AssessmentResult feb = assess(data, "2026-02", "2026-03-15 00:00");
        assertThat(hasMissingField(jan, "W1", "JAN")).isTrue();
        assertThat(hasMissingField(jan, "W1", "FEB")).isFalse();
        assertThat(hasMissingField(feb, "W1", "FEB")).isTrue();
        assertThat(hasMissingField(feb, "W1", "JAN")).isFalse();
        // a quarter holds both
        AssessmentResult q1 = assess(data, "2026-Q1", "2026-04-15 00:00");
        assertThat(hasMissingField(q1, "W1", "JAN")).isTrue();
        assertThat(hasMissingField(q1, "W1", "FEB")).isTrue();
    }

    // "a case submitted after as_of does not exist"
    @Test
    void caseSubmittedAfterAsOfDoesNotExist() {
        DataSet data = org().cases(aCase("C1").submitted("2026-01-20 09:00").without("citizen_name")).build();
        AssessmentResult r = assess(data, "2026-01", "2026-01-15 00:00");
        assertThat(item(r, "W1", ItemCode.BASIC_LEDGER).deductions()).isEmpty();
        assertThat(item(r, "W1", ItemCode.HANDLING_RESOLUTION).bonuses()).isEmpty();
        assertThat(subject(r, "W1").total()).isEqualByComparingTo("100");
    }

    // "Total = sum of the item scores"; grades from the rounded total: 90 / 80 / 60
    @Test
    void unitTotalAndGrades() {
        assertGrade(org().adjustment("B1", "2026-01", ItemCode.BASIC_INSTITUTION, "-3")
                .adjustment("B1", "2026-01", ItemCode.KEYWORK_OTHER, "-7"), "90", "优秀");
        assertGrade(org().adjustment("B1", "2026-01", ItemCode.BASIC_INSTITUTION, "-3.01")
                .adjustment("B1", "2026-01", ItemCode.KEYWORK_OTHER, "-7"), "89.99", "良好");
        assertGrade(org().adjustment("B1", "2026-01", ItemCode.KEYWORK_OTHER, "-7")
                .adjustment("B1", "2026-01", ItemCode.BASIC_INSTITUTION, "-5")
                .adjustment("B1", "2026-01", ItemCode.KEYWORK_SPECIAL, "-8"), "80", "良好");
        Ledgers.Org sixty = org();
        for (ItemCode item : List.of(ItemCode.KEYWORK_OTHER, ItemCode.BASIC_INSTITUTION, ItemCode.KEYWORK_SPECIAL,
                ItemCode.BASIC_LEDGER, ItemCode.BASIC_TRAINING, ItemCode.BASIC_EQUIPMENT,
                ItemCode.SATISFACTION_COVERAGE)) {
            sixty.adjustment("B1", "2026-01", item, "-8");
        }
        // 7 + 5 + 8 + 7 + 4 + 4 + 5 = 40 lost (each item floored at 0)
        assertGrade(sixty, "60", "合格");
        sixty.adjustment("B1", "2026-01", ItemCode.SATISFACTION_DISSATISFIED, "-0.01");
        assertGrade(sixty, "59.99", "不合格");
    }

    private static void assertGrade(Ledgers.Org org, String total, String grade) {
        SubjectResult b1 = subject(assess(org.build(), "2026-01", AS_OF), "B1");
        assertThat(b1.total()).isEqualByComparingTo(total);
        assertThat(b1.grade()).isEqualTo(grade);
    }

    // "final = 0.4 × mean(monthly totals) + 0.3 × mean(quarterly totals) + 0.3 × annual total ... from the exact means
    // of the rounded period totals, rounded at the end"
    @Test
    void annualComposite() {
        DataSet data = org().adjustment("B1", "2026-01", ItemCode.KEYWORK_OTHER, "-7")
                .adjustment("B1", "2026-Q2", ItemCode.KEYWORK_OTHER, "-3")
                .adjustment("B1", "2026", ItemCode.KEYWORK_OTHER, "-5").build();
        SubjectResult b1 = subject(assess(data, "2026", "2027-01-15 00:00"), "B1");
        assertThat(b1.monthlyTotals()).hasSize(12);
        assertThat(b1.monthlyTotals().get(0).period()).isEqualTo("2026-01");
        assertThat(b1.monthlyTotals().get(0).total()).isEqualByComparingTo("93");
        assertThat(b1.monthlyTotals().get(1).total()).isEqualByComparingTo("100");
        assertThat(b1.quarterlyTotals()).extracting(SubjectResult.PeriodTotal::period)
                .containsExactly("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4");
        // the January adjustment is not part of Q1 or the year
        assertThat(b1.quarterlyTotals().get(0).total()).isEqualByComparingTo("100");
        assertThat(b1.quarterlyTotals().get(1).total()).isEqualByComparingTo("97");
        // 0.4 × 1193/12 + 0.3 × 397/4 + 0.3 × 95 = 39.7666... + 29.775 + 28.5 = 98.041666... -> 98.04
        assertThat(b1.annual().annualTotal()).isEqualByComparingTo("95");
        assertThat(b1.annual().monthlyMean()).isEqualByComparingTo("99.42");
        assertThat(b1.annual().quarterlyMean()).isEqualByComparingTo("99.25");
        assertThat(b1.annual().finalScore()).isEqualByComparingTo("98.04");
        // READING: a year's `total` is the year's own total (docs/assessment.md section 6: a year's total is its annual.annualTotal)
        assertThat(b1.total()).isEqualByComparingTo("95");
    }

    // "rounded at the end": 0.4 × 100 + 0.3 × 99.25 + 0.3 × 100 = 99.775 -> 99.78
    @Test
    void annualCompositeRoundsHalfUpAtTheEnd() {
        DataSet data = org().adjustment("B1", "2026-Q2", ItemCode.KEYWORK_OTHER, "-3").build();
        SubjectResult b1 = subject(assess(data, "2026", "2027-01-15 00:00"), "B1");
        assertThat(b1.annual().finalScore()).isEqualByComparingTo("99.78");
    }

    // "A year result's grade is the grade of final."
    @Test
    void yearGradeIsTheGradeOfFinal() {
        DataSet data = org().adjustment("B1", "2026", ItemCode.KEYWORK_OTHER, "-7")
                .adjustment("B1", "2026", ItemCode.KEYWORK_SPECIAL, "-8").build();
        SubjectResult b1 = subject(assess(data, "2026", "2027-01-15 00:00"), "B1");
        // year 85 (良好), final 40 + 30 + 25.5 = 95.5 (优秀)
        assertThat(b1.annual().annualTotal()).isEqualByComparingTo("85");
        assertThat(b1.annual().finalScore()).isEqualByComparingTo("95.5");
        assertThat(b1.grade()).isEqualTo("优秀");
    }

    @Test
    void monthAndQuarterHaveNoAnnualFigures() {
        SubjectResult b1 = subject(assess(org().build(), "2026-Q1", "2026-04-15 00:00"), "B1");
        assertThat(b1.annual()).isNull();
        assertThat(b1.monthlyTotals()).isEmpty();
    }

    // "a heating-season year (e.g. 2026-10 to 2027-09) is a setting [reading]"
    @Test
    void heatingSeasonYear() {
        AssessmentResult r = assess(schemeWith("yearStartMonth: 1 ", "yearStartMonth: 10 "), org().build(), "2026",
                "2027-10-15 00:00");
        SubjectResult b1 = subject(r, "B1");
        assertThat(b1.monthlyTotals()).extracting(SubjectResult.PeriodTotal::period).first().isEqualTo("2026-10");
        assertThat(b1.monthlyTotals()).extracting(SubjectResult.PeriodTotal::period).last().isEqualTo("2027-09");
        assertThat(b1.quarterlyTotals()).extracting(SubjectResult.PeriodTotal::period)
                .containsExactly("2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3");
    }

    // "A date in a year that has no schedule falls back to Monday-Friday, and the result carries one warning per such year."
    // READING: "one warning per such year" is checked as exactly one warning mentioning 2030.
    @Test
    void yearWithoutScheduleIsWarnedOnce() {
        DataSet data = org().cases(aCase("C1").submitted("2030-01-04 15:00").complex(true),
                aCase("C2").submitted("2030-01-07 15:00").complex(true)).build();
        AssessmentResult r = assess(data, "2030-01", "2030-02-15 00:00");
        assertThat(r.warnings()).filteredOn(w -> w.contains("2030")).hasSize(1);
    }

    // "recomputing with the same data, scheme and as_of gives the same result, whatever the order of the rows"
    @Test
    void rowOrderDoesNotMatter() {
        List<CaseBuilder> builders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            builders.add(aCase("C" + i).submitted(t("2026-01-05 09:00") + i * 7 * HOUR).phone(i % 3 == 0 ? "13800138000" : "1390000" + (1000 + i))
                    .solutionAfter((i % 4) * 20 * HOUR + HOUR).completedAfter((i % 4) * 20 * HOUR + 2 * HOUR)
                    .evaluatedAfter(90 * HOUR).resolved(i % 5 != 0));
        }
        DataSet ordered = org().cases(builders).build();
        List<org.warmline.ledger.CaseRecord> shuffled = new ArrayList<>(ordered.cases());
        Collections.shuffle(shuffled, new Random(20260105L));
        DataSet reordered = new DataSet(ordered.units(), ordered.staff(), shuffled, ordered.regulations(),
                ordered.trainings(), ordered.outages(), ordered.tasks(), ordered.adjustments());
        AssessmentResult a = assess(ordered, "2026-01", AS_OF);
        AssessmentResult b = assess(reordered, "2026-01", AS_OF);
        for (SubjectResult s : a.subjects()) {
            SubjectResult other = subject(b, s.code());
            assertThat(other.total()).as(s.code()).isEqualByComparingTo(s.total());
            s.items().forEach((code, item) -> {
                ItemResult o = other.items().get(code);
                assertThat(o.score()).as(s.code() + " " + code).isEqualByComparingTo(item.score());
                assertThat(o.deductions()).containsExactlyInAnyOrderElementsOf(item.deductions());
            });
        }
    }

    // "Inconsistent but readable data (completed before submitted ...) is scored ... and listed as a warning"
    @Test
    void inconsistentDataIsScoredWithAWarning() {
        DataSet data = org().cases(aCase("C1").completedAfter(-HOUR)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(r.warnings()).isNotEmpty();
        assertThat(subject(r, "W1").total()).isNotNull();
    }
}
