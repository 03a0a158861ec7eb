package org.warmline.assessment;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.warmline.calendar.Period;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.EvaluationLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.assessment.Ledgers.aCase;
import static org.warmline.assessment.Ledgers.calendar;
import static org.warmline.assessment.Ledgers.instant;
import static org.warmline.assessment.Ledgers.org;
import static org.warmline.assessment.Ledgers.scheme;

/**
 * Every warning the engine writes, in Chinese and in English, is read back as what it is about: each case warning
 * names its case (even a number with spaces or a colon of its own), the missing holiday schedule is general, and the
 * "… more" lines are neither.
 */
class WarningScopeTest {

    private static List<String> warnings(DataSet data, String period, String asOf, Locale locale) {
        AssessmentEngine engine = new AssessmentEngine(scheme(), calendar(), locale);
        return engine.assess(data, Period.parse(period, scheme().yearStartMonth()), instant(asOf)).warnings();
    }

    @Test
    void eachWarningOfEachLanguageIsReadBackAsWhatItIsAbout() {
        DataSet data = org().cases(
                aCase("C-1 a:b").accepted("2026-01-06 08:00"),
                aCase("C2").completed("2026-01-07 09:00").evaluated("2026-01-06 10:00"),
                aCase("C3").completed("2026-01-06 12:00").evaluated("2026-01-06 13:00")
                        .evaluation(EvaluationLevel.UNSATISFIED).reviewed("2026-01-06 12:30"),
                aCase("C4").acceptedBy("W1").unit(null).handler(null).dispatched(null)).build();
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            List<String> texts = warnings(data, "2026-01", "2026-02-15 00:00", locale);
            assertThat(texts).as(locale.toString()).hasSizeGreaterThanOrEqualTo(4);
            assertThat(texts).allSatisfy(w -> assertThat(WarningScope.of(w).kind()).as(w)
                    .isEqualTo(WarningScope.Kind.CASE));
            List<List<String>> read = texts.stream().map(w -> WarningScope.of(w).caseNos()).distinct().toList();
            assertThat(read).as(locale.toString()).hasSize(4).contains(List.of("C2"), List.of("C3"), List.of("C4"))
                    // a number with the text's separator in it may read two ways: the true one is among them
                    .anySatisfy(numbers -> assertThat(numbers).contains("C-1 a:b"));
        }
    }

    @Test
    void theCalendarsWarningIsGeneralAndCountsAreNeither() {
        DataSet data = org().cases(aCase("C1").submitted("2030-01-04 15:00").complex(true)).build();
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            List<String> texts = warnings(data, "2030-01", "2030-02-15 00:00", locale);
            assertThat(texts).filteredOn(w -> w.contains("2030")).singleElement()
                    .satisfies(w -> assertThat(WarningScope.of(w).kind()).isEqualTo(WarningScope.Kind.GENERAL));
        }
        assertThat(WarningScope.of("……同类警告另有3条").kind()).isEqualTo(WarningScope.Kind.OTHER);
        assertThat(WarningScope.of("… and 3 more warnings of this kind").kind()).isEqualTo(WarningScope.Kind.OTHER);
        assertThat(WarningScope.of("something else entirely").kind()).isEqualTo(WarningScope.Kind.OTHER);
        assertThat(WarningScope.of(null).kind()).isEqualTo(WarningScope.Kind.OTHER);
    }
}
