package org.warmline.assessment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.DataSet;
import org.warmline.sampledata.DataSetGenerator;
import org.warmline.scheme.SchemeLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link AssessmentEngine#refersToCase}: the pages link a deduction to its case exactly when its reference is one. */
class CaseRulesTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test
    void aRuleRefersToACaseExactlyWhenItsDeductionsNameOne() {
        DataSet data = new DataSetGenerator(3, 2026, ZONE).generate(600);
        Set<String> caseNos = data.cases().stream().map(CaseRecord::caseNo).collect(Collectors.toSet());
        AssessmentResult result = new AssessmentEngine(SchemeLoader.defaultScheme(), WorkingCalendar.shipped(ZONE),
                Locale.ENGLISH).assess(data, Period.parse("2026", 1),
                OffsetDateTime.parse("2026-10-15T12:00:00+08:00").toInstant());
        Set<String> caseRules = new TreeSet<>();
        Set<String> otherRules = new TreeSet<>();
        for (SubjectResult subject : result.subjects()) {
            for (ItemResult item : subject.items().values()) {
                for (Entry e : item.deductions()) {
                    boolean names = caseNos.contains(e.ref());
                    assertThat(AssessmentEngine.refersToCase(e.rule())).as("%s %s", e.rule(), e.ref()).isEqualTo(names);
                    (names ? caseRules : otherRules).add(e.rule());
                }
                for (Entry e : item.bonuses()) {
                    assertThat(AssessmentEngine.refersToCase(e.rule())).as("%s %s", e.rule(), e.ref()).isFalse();
                }
            }
        }
        // not vacuous: every rule of a case, and rules of records and periods, were seen
        assertThat(caseRules).containsExactly("coverage.missing-evaluation", "dissatisfied.late-review",
                "dissatisfied.not-carried-out", "ledger.late-recording", "ledger.missing-field",
                "response.late-acceptance", "response.late-contact", "timeliness.late");
        assertThat(otherRules).contains("equipment.late-backup", "institution.missing-element", "resolution.below-floor",
                "special.late");
        assertThat(AssessmentEngine.refersToCase(null)).isFalse();
    }
}
