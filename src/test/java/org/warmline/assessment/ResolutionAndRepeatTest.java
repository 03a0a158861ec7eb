package org.warmline.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.assessment.Ledgers.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.warmline.ledger.Category;
import org.warmline.ledger.DataSet;
import org.warmline.scheme.ItemCode;

/** 2.3 handling.resolution 解决率 and 2.4 handling.repeat 重复投诉率. */
class ResolutionAndRepeatTest {

    private static final String AS_OF = "2026-02-15 00:00";

    private static List<CaseBuilder> completedCases(String prefix, int total, int resolved) {
        List<CaseBuilder> cases = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            cases.add(aCase(prefix + i).submitted(t("2026-01-06 09:00") + i * MIN).resolved(i < resolved));
        }
        return cases;
    }

    private static ItemResult resolution(AssessmentResult r) {
        return item(r, "W1", ItemCode.HANDLING_RESOLUTION);
    }

    // "Below 85 %: lose 1 per percentage point below. At or above 95 %: bonus 2."; "82.5 % against a floor of 85 % is
    // 2.5 points"; score = min(max(0, max − ΣD) + min(ΣB, cap), max + cap)
    @ParameterizedTest(name = "{1} of {0} resolved: score {2}")
    @CsvSource({"40,33,7.5", "25,21,9", "20,17,10", "19,18,10", "20,19,12", "10,10,12", "2,1,0"})
    void rateFloorAndBonus(int total, int resolved, String score) {
        DataSet data = org().cases(completedCases("C", total, resolved)).build();
        ItemResult item = resolution(assess(data, "2026-01", AS_OF));
        assertThat(item.score()).isEqualByComparingTo(score);
        double rate = 100.0 * resolved / total;
        if (rate < 85) {
            assertThat(sum(deductions(item, "resolution.below-floor")))
                    .isEqualByComparingTo(new java.math.BigDecimal(85 * total - 100 * resolved)
                            .divide(new java.math.BigDecimal(total)));
        } else {
            assertThat(item.deductions()).isEmpty();
        }
        if (rate >= 95) {
            assertThat(sum(bonuses(item, "resolution.bonus"))).isEqualByComparingTo("2");
        } else {
            assertThat(item.bonuses()).isEmpty();
        }
    }

    // "cases whose 2.2 deadline has passed (deadline < as_of) without completion (those count as not resolved)"
    @Test
    void overdueOpenCaseCountsAsUnresolved() {
        DataSet data = org().cases(aCase("C1"), aCase("C2").submitted("2026-01-20 09:00")
                .without("solution_at", "solution").notCompleted()).build();
        ItemResult item = resolution(assess(data, "2026-01", AS_OF));
        // 1 / 2 = 50 %: 35 points below the floor, listed in full, the item floored at 0
        assertThat(sum(deductions(item, "resolution.below-floor"))).isEqualByComparingTo("35");
        assertThat(item.score()).isEqualByComparingTo("0");
    }

    // "resolved means completed with resolved = true": an open overdue case marked resolved is still not resolved
    @Test
    void openCaseMarkedResolvedIsNotResolved() {
        DataSet data = org().cases(aCase("C1"), aCase("C2").submitted("2026-01-20 09:00")
                .without("solution_at", "solution").notCompleted().resolved(true)).build();
        assertThat(resolution(assess(data, "2026-01", AS_OF)).score()).isEqualByComparingTo("0");
    }

    // judged cases exclude open cases not yet due; "deadline < as_of" is strict
    @Test
    void notYetDueOpenCaseIsExcluded() {
        DataSet data = org().cases(aCase("C1"), aCase("C2").submitted("2026-01-30 09:00")
                .without("solution_at", "solution").notCompleted()).build();
        // C2 is due 2026-01-31 09:00; as of exactly then the deadline has not passed (deadline < as_of is false)
        ItemResult item = resolution(assess(data, "2026-01", "2026-01-31 09:00"));
        assertThat(item.deductions()).isEmpty();
        assertThat(item.score()).isEqualByComparingTo("12");
    }

    // "cases with no deadline are judged only once completed"
    @Test
    void openCaseWithoutDeadlineIsExcluded() {
        DataSet data = org().cases(aCase("C1"), aCase("C2").without("category", "solution_at", "solution")
                .notCompleted()).build();
        assertThat(resolution(assess(data, "2026-01", AS_OF)).score()).isEqualByComparingTo("12");
    }

    // "A rate whose denominator is 0 gives neither deduction nor bonus."
    @Test
    void noJudgedCaseNeitherDeductionNorBonus() {
        AssessmentResult r = assess(org().build(), "2026-01", AS_OF);
        assertThat(resolution(r).score()).isEqualByComparingTo("10");
        assertThat(resolution(r).bonuses()).isEmpty();
        assertThat(item(r, "W1", ItemCode.HANDLING_REPEAT).score()).isEqualByComparingTo("5");
        assertThat(item(r, "W1", ItemCode.HANDLING_REPEAT).bonuses()).isEmpty();
    }

    // ---------------------------------------------------------------- 2.4

    private static ItemResult repeat(AssessmentResult r) {
        return item(r, "W1", ItemCode.HANDLING_REPEAT);
    }

    /** Whether the later of two complaints is a repeat, read from W1's 2.4 for the later one's month. */
    private static boolean isRepeat(CaseBuilder earlier, CaseBuilder later, String period) {
        ItemResult item = repeat(assess(org().cases(earlier, later).build(), period, "2026-03-15 00:00"));
        boolean above = !deductions(item, "repeat.above-ceiling").isEmpty();
        boolean bonus = !bonuses(item, "repeat.bonus").isEmpty();
        assertThat(above).isNotEqualTo(bonus);
        return above;
    }

    private static CaseBuilder complaint(String no, String phone, String topic, String submitted) {
        return aCase(no).phone(phone).topic(topic).submitted(submitted);
    }

    // "the same citizen made a COMPLAINT with the same topic earlier: submitted strictly before it and at most
    // 30 × 24 h before it"
    @Test
    void windowIsThirtyTimesTwentyFourHoursInclusive() {
        assertThat(isRepeat(complaint("X", "13800138000", "TEMPERATURE", "2026-01-05 09:00"),
                complaint("Y", "13800138000", "TEMPERATURE", "2026-01-12 09:00"), "2026-01")).isTrue();
        assertThat(isRepeat(complaint("X", "13800138000", "TEMPERATURE", "2026-01-05 09:00"),
                complaint("Y", "13800138000", "TEMPERATURE", "2026-02-04 09:00"), "2026-02")).isTrue();
        assertThat(isRepeat(complaint("X", "13800138000", "TEMPERATURE", "2026-01-05 09:00"),
                complaint("Y", "13800138000", "TEMPERATURE", "2026-02-04 09:00:01"), "2026-02")).isFalse();
    }

    @Test
    void sameInstantIsNotEarlier() {
        // READING: two complaints submitted at the same instant are neither a repeat of the other ("strictly before").
        assertThat(isRepeat(complaint("X", "13800138000", "TEMPERATURE", "2026-01-05 09:00"),
                complaint("Y", "13800138000", "TEMPERATURE", "2026-01-05 09:00"), "2026-01")).isFalse();
    }

    // "in any period, by any unit"
    @Test
    void earlierComplaintInAnotherPeriodAndUnitCounts() {
        DataSet data = org().cases(
                complaint("X", "13800138000", "TEMPERATURE", "2025-12-20 09:00").unit("T1").without("handler"),
                complaint("Y", "13800138000", "TEMPERATURE", "2026-01-06 09:00")).build();
        ItemResult item = repeat(assess(data, "2026-01", AS_OF));
        // W1's only complaint of January is a repeat: rate 100 %, 95 points above the ceiling
        assertThat(sum(deductions(item, "repeat.above-ceiling"))).isEqualByComparingTo("95");
        assertThat(item.score()).isEqualByComparingTo("0");
    }

    // "Same citizen: the same citizen_phone after keeping only digits and dropping a leading 86 or 0086 when eleven
    // digits starting with 1 remain."
    @ParameterizedTest(name = "{0} vs {1}: same citizen {2}")
    @CsvSource({
            "13800138000,+86 138-0013-8000,true",
            "0086 13800138000,8613800138000,true",
            "138 0013 8000,13800138000,true",
            "010-8888 6666,01088886666,true",
            "13800138000,13800138001,false",
            "8613800138000,13800138000,true",
    })
    void phoneNormalisation(String first, String second, boolean same) {
        assertThat(isRepeat(complaint("X", first, "TEMPERATURE", "2026-01-05 09:00"),
                complaint("Y", second, "TEMPERATURE", "2026-01-12 09:00"), "2026-01")).isEqualTo(same);
    }

    // "Same topic: the same code, a code and its Chinese name being the same topic; other text compared exactly after
    // trimming."
    @ParameterizedTest(name = "{0} vs {1}: same topic {2}")
    @CsvSource({
            "室温不达标,TEMPERATURE,true",
            "temperature,室温不达标,true",
            "暖气片异响,' 暖气片异响 ',true",
            "暖气片异响,暖气片漏水,false",
            "TEMPERATURE,BILLING,false",
    })
    void topicComparison(String first, String second, boolean same) {
        assertThat(isRepeat(complaint("X", "13800138000", first, "2026-01-05 09:00"),
                complaint("Y", "13800138000", second, "2026-01-12 09:00"), "2026-01")).isEqualTo(same);
    }

    // "a case is a repeat complaint when its category is COMPLAINT (complex or not) and the same citizen made a COMPLAINT"
    @Test
    void onlyComplaintsMakeRepeats() {
        assertThat(isRepeat(complaint("X", "13800138000", "TEMPERATURE", "2026-01-05 09:00")
                        .category(Category.CONSULTATION),
                complaint("Y", "13800138000", "TEMPERATURE", "2026-01-12 09:00"), "2026-01")).isFalse();
        assertThat(isRepeat(complaint("X", "13800138000", "TEMPERATURE", "2026-01-05 09:00").complex(true),
                complaint("Y", "13800138000", "TEMPERATURE", "2026-01-12 09:00").complex(true), "2026-01")).isTrue();
    }

    // "rate = repeats / complaints ... Above 5 %: lose 1 per percentage point above. At or below 2 %: bonus 1."
    @ParameterizedTest(name = "1 repeat in {0} complaints: score {1}")
    @CsvSource({"16,3.75", "20,5", "40,5", "50,6"})
    void rateCeilingAndBonus(int complaints, String score) {
        List<CaseBuilder> cases = new ArrayList<>();
        for (int i = 0; i < complaints; i++) {
            CaseBuilder c = aCase("C" + i).submitted(t("2026-01-06 09:00") + i * MIN);
            if (i < 2) {
                c.phone("13800138000");
            }
            cases.add(c);
        }
        ItemResult item = repeat(assess(org().cases(cases).build(), "2026-01", AS_OF));
        assertThat(item.score()).isEqualByComparingTo(score);
        if (complaints == 16) {
            assertThat(sum(deductions(item, "repeat.above-ceiling"))).isEqualByComparingTo("1.25");
        }
        if (complaints == 50) {
            assertThat(sum(bonuses(item, "repeat.bonus"))).isEqualByComparingTo("1");
        }
    }

    // the rate is over the subject's complaints: consultations are not in the denominator
    @Test
    void noComplaintsNeitherDeductionNorBonus() {
        DataSet data = org().cases(aCase("C1").category(Category.CONSULTATION)).build();
        ItemResult item = repeat(assess(data, "2026-01", AS_OF));
        assertThat(item.score()).isEqualByComparingTo("5");
        assertThat(item.bonuses()).isEmpty();
        assertThat(item.deductions()).isEmpty();
    }
}
