package org.warmline.assessment;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.CaseColumn;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.DataSet;
import org.warmline.sampledata.DataSetGenerator;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many cases are judged, counted and scored in two threads (from {@link AssessmentEngine#parallelCases} on): the
 * result is byte for byte the one thread's, for a year, a quarter and a month (the cases split in the middle, the
 * later half's tallies added after), warnings included in their order, their limit and their count of the rest when
 * both halves warn.
 */
class TwoThreadsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Scheme SCHEME = SchemeLoader.defaultScheme();
    private static final Instant AS_OF = Instant.parse("2027-01-15T00:00:00Z");
    private final int saved = AssessmentEngine.parallelCases;

    @AfterEach
    void restore() {
        AssessmentEngine.parallelCases = saved;
    }

    @Test
    void aYearInTwoThreadsIsTheYearInOne() {
        DataSet data = warning(new DataSetGenerator(11, 2026, ZONE).generate(3000));
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            AssessmentEngine engine = new AssessmentEngine(SCHEME, WorkingCalendar.shipped(ZONE), locale);
            for (Period period : List.of(Period.year(2026, SCHEME.yearStartMonth()), Period.quarter(2026, 4),
                    Period.month(YearMonth.of(2026, 10)))) {
                AssessmentEngine.parallelCases = Integer.MAX_VALUE;
                long before = AssessmentEngine.countedInTwo.get();
                AssessmentResult one = engine.assess(data, period, AS_OF);
                assertThat(AssessmentEngine.countedInTwo.get()).isEqualTo(before);

                AssessmentEngine.parallelCases = 100;
                AssessmentResult two = engine.assess(data, period, AS_OF);
                // counted in two halves, the second into tallies apart
                assertThat(AssessmentEngine.countedInTwo.get() - before).isEqualTo(1);

                assertThat(json(two)).isEqualTo(json(one));
                if (period.kind() == Period.Kind.YEAR) {
                    // both halves warned, and past the limit of a kind: the order, the limit and the count of the
                    // rest are the one thread's (the JSON above)
                    String more = new Reasons(locale, ZONE).text("warning.more", 7);
                    String head = more.substring(0, more.indexOf('7'));
                    assertThat(one.warnings()).anyMatch(w -> w.contains("C-MAR-")).anyMatch(w -> w.contains("C-OCT-"))
                            .anyMatch(w -> w.startsWith(head));
                }
            }
        }
    }

    /**
     * The data set with 150 cases of March and 150 of October accepted before they were submitted (a warning each, of
     * one kind, whose limit is 200), renumbered so that their warnings can be told apart, and five of each without a
     * unit.
     */
    private static DataSet warning(DataSet data) {
        List<CaseRecord> cases = new ArrayList<>();
        int march = 0;
        int october = 0;
        for (CaseRecord c : data.cases()) {
            int month = Instant.ofEpochMilli(c.at(CaseColumn.SUBMITTED_AT)).atZone(ZONE).getMonthValue();
            String prefix = month == 3 && march < 150 ? "C-MAR-" : month == 10 && october < 150 ? "C-OCT-" : null;
            if (prefix == null) {
                cases.add(c);
                continue;
            }
            int n = prefix.equals("C-MAR-") ? ++march : ++october;
            CaseRecord.Builder b = c.toBuilder().set(CaseColumn.CASE_NO, prefix + String.format("%03d", n))
                    .at(CaseColumn.ACCEPTED_AT, c.at(CaseColumn.SUBMITTED_AT) - 3_600_000);
            if (n <= 5) {
                b.set(CaseColumn.UNIT, null).set(CaseColumn.ACCEPTED_BY, null);
            }
            cases.add(b.build());
        }
        assertThat(march).isEqualTo(150);
        assertThat(october).isEqualTo(150);
        return new DataSet(data.units(), data.staff(), cases, data.regulations(), data.trainings(), data.outages(),
                data.tasks(), data.adjustments());
    }

    private static String json(AssessmentResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultJson.write(result, out, false);
        return out.toString(StandardCharsets.UTF_8);
    }
}
