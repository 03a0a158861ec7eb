package org.warmline.reporting;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.warmline.assessment.AnnualFigures;
import org.warmline.assessment.AssessmentResult;
import org.warmline.assessment.Entry;
import org.warmline.assessment.ItemResult;
import org.warmline.assessment.SubjectResult;
import org.warmline.calendar.Period;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.SubjectKind;

/** Assessment results built by hand for the report tests. */
final class ReportFixtures {

    static final String HOSTILE_NAME = "城东<script>alert(1)</script> & 分公司";

    private ReportFixtures() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** A month: branch B01 (13 items, hostile name) at 84.50 and steward S01 (8 items) at 91.33. */
    static AssessmentResult month() {
        return new AssessmentResult(Period.parse("2026-01", 1),
                OffsetDateTime.of(2026, 2, 5, 0, 0, 0, 0, ZoneOffset.ofHours(8)), "default",
                List.of("case C2026010009: completed before submitted", "year 2027 has no holiday schedule"),
                List.of(branch(null, List.of(), List.of()), steward(null, List.of(), List.of())));
    }

    /** A year, with annual figures; the steward has the higher final though the branch has the higher year total. */
    static AssessmentResult year() {
        List<SubjectResult.PeriodTotal> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(new SubjectResult.PeriodTotal(String.format("2026-%02d", m), d("88")));
        }
        List<SubjectResult.PeriodTotal> quarters = List.of(new SubjectResult.PeriodTotal("2026-Q1", d("87.9")),
                new SubjectResult.PeriodTotal("2026-Q2", d("87.9")), new SubjectResult.PeriodTotal("2026-Q3", d("87.9")),
                new SubjectResult.PeriodTotal("2026-Q4", d("87.9")));
        SubjectResult branch = branch(new AnnualFigures(d("88.1"), d("87.9"), d("95"), d("87.41")), months, quarters);
        SubjectResult steward = steward(new AnnualFigures(d("92.125"), d("93"), d("90"), d("91.75")), months,
                quarters);
        return new AssessmentResult(Period.parse("2026", 1),
                OffsetDateTime.of(2027, 1, 15, 0, 0, 0, 0, ZoneOffset.ofHours(8)), "default", List.of(),
                List.of(branch, steward));
    }

    static SubjectResult branch(AnnualFigures annual, List<SubjectResult.PeriodTotal> months,
                                List<SubjectResult.PeriodTotal> quarters) {
        Map<ItemCode, ItemResult> items = new LinkedHashMap<>();
        for (ItemCode code : ItemCode.values()) {
            items.put(code, item(code, d("5"), d("5"), d("0"), List.of(), List.of(), Map.of()));
        }
        items.put(ItemCode.BASIC_LEDGER, item(ItemCode.BASIC_LEDGER, d("6.5"), d("7"), d("0"),
                List.of(new Entry("ledger.missing-field", d("0.5"), "C2026010003", "contacted_at is empty")),
                List.of(), Map.of()));
        items.put(ItemCode.HANDLING_RESOLUTION, item(ItemCode.HANDLING_RESOLUTION, d("10"), d("10"), d("3"),
                List.of(), List.of(new Entry("resolution.bonus", d("2"), "B01", "rate 96 % ≥ 95 %")),
                Map.of("rate", d("0.96"))));
        String total = annual == null ? "84.5" : "95";
        return new SubjectResult("B01", HOSTILE_NAME, SubjectKind.BRANCH, d(total),
                annual == null ? "良好" : "良好", items, annual, months, quarters);
    }

    static SubjectResult steward(AnnualFigures annual, List<SubjectResult.PeriodTotal> months,
                                 List<SubjectResult.PeriodTotal> quarters) {
        Map<ItemCode, ItemResult> items = new LinkedHashMap<>();
        List<ItemCode> eight = List.of(ItemCode.BASIC_LEDGER, ItemCode.HANDLING_RESPONSE,
                ItemCode.HANDLING_TIMELINESS, ItemCode.HANDLING_RESOLUTION, ItemCode.HANDLING_REPEAT,
                ItemCode.SATISFACTION_COVERAGE, ItemCode.SATISFACTION_RESULT, ItemCode.SATISFACTION_DISSATISFIED);
        for (ItemCode code : eight) {
            items.put(code, item(code, d("5"), d("5"), d("0"), List.of(), List.of(), Map.of()));
        }
        items.put(ItemCode.HANDLING_RESPONSE, item(ItemCode.HANDLING_RESPONSE, d("7"), d("10"), d("0"),
                List.of(new Entry("response.contact-late", d("2"), "C2026010007",
                                "contacted 3 h 10 min after dispatch, 1 h 10 min late"),
                        new Entry("response.contact-late", d("1.005"), "C2026010011", "<b>late</b> & \"quoted\"")),
                List.of(), Map.of()));
        items.put(ItemCode.SATISFACTION_RESULT, item(ItemCode.SATISFACTION_RESULT, d("15"), d("15"), d("0"),
                List.of(), List.of(), Map.of("index", d("87.5"), "mix", Map.of("PHONE", d("0.7")))));
        String total = annual == null ? "91.333" : "90";
        return new SubjectResult("S01", "王管家", SubjectKind.STEWARD, d(total), annual == null ? "优秀" : "优秀", items,
                annual, months, quarters);
    }

    static ItemResult item(ItemCode code, BigDecimal score, BigDecimal max, BigDecimal cap, List<Entry> deductions,
                           List<Entry> bonuses, Map<String, Object> figures) {
        return new ItemResult(code, score, max, cap, deductions, bonuses, figures);
    }

    /** A month whose only subject has {@code count} deductions on 1.2. */
    static AssessmentResult manyDeductions(int count) {
        List<Entry> deductions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            deductions.add(new Entry("ledger.late-record", d("1"), "C" + i, "recorded late"));
        }
        Map<ItemCode, ItemResult> items = new LinkedHashMap<>();
        items.put(ItemCode.BASIC_LEDGER, item(ItemCode.BASIC_LEDGER, d("0"), d("7"), d("0"), deductions, List.of(),
                Map.of()));
        SubjectResult subject = new SubjectResult("T01", "维修一班", SubjectKind.TEAM, d("0"), "不合格", items, null,
                List.of(), List.of());
        return new AssessmentResult(Period.parse("2026-01", 1),
                OffsetDateTime.of(2026, 2, 5, 0, 0, 0, 0, ZoneOffset.ofHours(8)), "default", List.of(),
                List.of(subject));
    }
}
