package org.warmline.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.assessment.Ledgers.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.Regulation;
import org.warmline.ledger.Training;
import org.warmline.scheme.ItemCode;

/** 1.1 institution, 1.2 ledger, 1.3 training, 1.4 equipment. */
class BasicManagementTest {

    private static final String AS_OF = "2026-02-15 00:00";

    // ------------------------------------------------------------------ 1.1

    // "a unit whose row says has_regulation = false loses 5"
    @Test
    void noRegulationLosesFive() {
        DataSet data = org().regulations(new Regulation("HQ", false, true, true, true, true),
                new Regulation("B1", true, true, true, true, true)).build();
        ItemResult item = item(assess(data, "2026-01", AS_OF), "HQ", ItemCode.BASIC_INSTITUTION);
        assertThat(sum(deductions(item, "institution.no-regulation"))).isEqualByComparingTo("5");
        assertThat(deductions(item, "institution.missing-element")).isEmpty();
        assertThat(item.score()).isEqualByComparingTo("0");
    }

    // "otherwise it loses 1 for each of the four elements missing"; "A unit with no row of its own is judged on its
    // nearest ancestor's row"
    @Test
    void missingElementsAndInheritance() {
        DataSet data = org().regulations(new Regulation("HQ", true, true, true, true, true),
                new Regulation("B1", true, true, true, false, false)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        ItemResult b1 = item(r, "B1", ItemCode.BASIC_INSTITUTION);
        assertThat(deductions(b1, "institution.missing-element")).hasSize(2);
        assertThat(b1.score()).isEqualByComparingTo("3");
        assertThat(item(r, "S1", ItemCode.BASIC_INSTITUTION).score()).isEqualByComparingTo("3");
        assertThat(item(r, "HQ", ItemCode.BASIC_INSTITUTION).score()).isEqualByComparingTo("5");
    }

    @Test
    void ownRowWinsOverAncestor() {
        DataSet data = org().regulations(new Regulation("HQ", true, true, true, true, true),
                new Regulation("B1", false, false, false, false, false),
                new Regulation("S1", true, true, true, true, false)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(item(r, "S1", ItemCode.BASIC_INSTITUTION).score()).isEqualByComparingTo("4");
        assertThat(item(r, "B1", ItemCode.BASIC_INSTITUTION).score()).isEqualByComparingTo("0");
    }

    // "and with none up the tree loses 5 [reading]"
    @Test
    void noRowAnywhereLosesFive() {
        DataSet data = org().regulations(new Regulation("HQ", true, true, true, true, true)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        for (String unit : List.of("B1", "S1")) {
            ItemResult item = item(r, unit, ItemCode.BASIC_INSTITUTION);
            assertThat(sum(deductions(item, "institution.no-row"))).as(unit).isEqualByComparingTo("5");
            assertThat(item.score()).isEqualByComparingTo("0");
        }
        // front-line subjects are not scored on 1.1
        assertThat(subject(r, "R1").items()).doesNotContainKey(ItemCode.BASIC_INSTITUTION);
    }

    // ------------------------------------------------------------------ 1.2

    private static ItemResult ledger(CaseBuilder c, String asOf) {
        return item(assess(org().cases(c).build(), "2026-01", asOf), "W1", ItemCode.BASIC_LEDGER);
    }

    // "always: citizen_name, citizen_phone, address, category, topic, demand, occurred_at"; "0.5 for each"
    @ParameterizedTest
    @ValueSource(strings = {"citizen_name", "citizen_phone", "address", "category", "topic", "demand", "occurred_at"})
    void alwaysRequiredField(String column) {
        ItemResult item = ledger(aCase("C1").without(column), AS_OF);
        assertThat(deductions(item, "ledger.missing-field")).singleElement()
                .satisfies(e -> {
                    assertThat(e.points()).isEqualByComparingTo("0.5");
                    assertThat(e.ref()).isEqualTo("C1");
                });
        assertThat(item.score()).isEqualByComparingTo("6.5");
    }

    @Test
    void justSubmittedNeedsOnlyTheIntakeFields() {
        ItemResult item = ledger(aCase("C1").justSubmitted().without("accepted_at"), "2026-01-06 09:05");
        assertThat(item.deductions()).isEmpty();
    }

    // "once the case went past intake (any of dispatched_at, ... has happened ...): accepted_at"
    @Test
    void dispatchedNeedsAcceptedAt() {
        ItemResult item = ledger(aCase("C1").without("accepted_at", "contacted_at", "solution_at", "solution")
                .notCompleted(), "2026-01-06 10:00");
        assertThat(sum(deductions(item, "ledger.missing-field"))).isEqualByComparingTo("0.5");
    }

    // "once completed: contacted_at (only when dispatched_at has happened), solution, solution_at, and surveyed_at
    // when site_survey = true"
    @Test
    void completedNeedsContactSolutionAndSurvey() {
        ItemResult item = ledger(aCase("C1").without("contacted_at", "solution", "solution_at").siteSurvey(true),
                AS_OF);
        assertThat(sum(deductions(item, "ledger.missing-field"))).isEqualByComparingTo("2");
        assertThat(item.score()).isEqualByComparingTo("5");
    }

    @Test
    void answeredOnTheSpotNeedsNoContact() {
        ItemResult item = ledger(aCase("C1").without("dispatched_at", "contacted_at"), AS_OF);
        assertThat(item.deductions()).isEmpty();
    }

    @Test
    void openCaseNeedsNoSolutionYet() {
        ItemResult item = ledger(aCase("C1").without("contacted_at", "solution", "solution_at").notCompleted(),
                "2026-01-06 10:00");
        assertThat(item.deductions()).isEmpty();
    }

    // "once an evaluation is known: evaluation_comment"
    @Test
    void knownEvaluationNeedsAComment() {
        assertThat(sum(deductions(ledger(aCase("C1").without("evaluation_comment"), AS_OF), "ledger.missing-field")))
                .isEqualByComparingTo("0.5");
        // evaluation not yet known at as_of: no comment needed
        assertThat(ledger(aCase("C1").without("evaluation_comment").evaluated("2026-01-20 09:00"), "2026-01-10 00:00")
                .deductions()).isEmpty();
    }

    // "1 for each case recorded late: recorded_at − submitted_at > 24 h ... A case without recorded_at is not checked."
    @Test
    void lateRecording() {
        assertThat(ledger(aCase("C1").recordedAfter(24 * HOUR), AS_OF).deductions()).isEmpty();
        assertThat(sum(deductions(ledger(aCase("C1").recordedAfter(24 * HOUR + SEC), AS_OF), "ledger.late-recording")))
                .isEqualByComparingTo("1");
        assertThat(ledger(aCase("C1").without("recorded_at"), AS_OF).deductions()).isEmpty();
    }

    // "with recorded_at after as_of judged at as_of"
    @Test
    void recordingAfterAsOfIsJudgedAtAsOf() {
        // submitted 01-06 09:00, recorded 01-08 09:00 (48 h)
        assertThat(sum(deductions(ledger(aCase("C1").recordedAfter(48 * HOUR), "2026-01-07 15:00"),
                "ledger.late-recording"))).isEqualByComparingTo("1");
        assertThat(deductions(ledger(aCase("C1").recordedAfter(48 * HOUR).justSubmitted(), "2026-01-07 05:00"),
                "ledger.late-recording")).isEmpty();
    }

    // "扣完为止": the item never goes below 0; "Every loss is listed at its full value"
    @Test
    void ledgerFloorsAtZero() {
        List<CaseBuilder> cases = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            cases.add(aCase("C" + i).submitted(t("2026-01-06 09:00") + i * MIN).without("address"));
        }
        ItemResult item = item(assess(org().cases(cases).build(), "2026-01", AS_OF), "W1", ItemCode.BASIC_LEDGER);
        assertThat(sum(item.deductions())).isEqualByComparingTo("7.5");
        assertThat(item.score()).isEqualByComparingTo("0");
    }

    // ------------------------------------------------------------------ 1.3

    private static Training session(String unit, String day, boolean complete) {
        return new Training(unit, LocalDate.parse(day), "政策解读", true, complete, true);
    }

    // "per unit, per calendar quarter, judged only once the quarter has ended at as_of"; "A quarter with no counted
    // session loses 4"
    @Test
    void quarterWithoutSessionLosesFourOnceEnded() {
        DataSet data = org().trainings(session("HQ", "2026-02-10", true)).build();
        AssessmentResult ended = assess(data, "2026-Q1", "2026-04-01 00:00");
        assertThat(sum(deductions(item(ended, "B1", ItemCode.BASIC_TRAINING), "training.no-session")))
                .isEqualByComparingTo("4");
        assertThat(item(ended, "S1", ItemCode.BASIC_TRAINING).score()).isEqualByComparingTo("0");
        assertThat(item(ended, "HQ", ItemCode.BASIC_TRAINING).score()).isEqualByComparingTo("4");
        AssessmentResult running = assess(data, "2026-Q1", "2026-03-31 23:59:59");
        assertThat(item(running, "B1", ItemCode.BASIC_TRAINING).deductions()).isEmpty();
    }

    // "A month is judged only if it is the last month of its quarter, on that quarter"
    @Test
    void onlyTheLastMonthOfAQuarterIsJudged() {
        DataSet data = org().trainings(session("HQ", "2026-02-10", true)).build();
        assertThat(item(assess(data, "2026-03", "2026-04-01 00:00"), "B1", ItemCode.BASIC_TRAINING).score())
                .isEqualByComparingTo("0");
        assertThat(item(assess(data, "2026-02", "2026-04-01 00:00"), "B1", ItemCode.BASIC_TRAINING).score())
                .isEqualByComparingTo("4");
    }

    // "The sessions counted for a unit are its own and those held for any unit above it."
    @Test
    void ancestorSessionsCountNotDescendants() {
        DataSet data = org().trainings(session("S1", "2026-02-10", true)).build();
        AssessmentResult r = assess(data, "2026-Q1", "2026-04-01 00:00");
        assertThat(item(r, "S1", ItemCode.BASIC_TRAINING).score()).isEqualByComparingTo("4");
        assertThat(item(r, "B1", ItemCode.BASIC_TRAINING).score()).isEqualByComparingTo("0");
        DataSet fromBranch = org().trainings(session("B1", "2026-02-10", true)).build();
        assertThat(item(assess(fromBranch, "2026-Q1", "2026-04-01 00:00"), "S1", ItemCode.BASIC_TRAINING).score())
                .isEqualByComparingTo("4");
    }

    // "a quarter in which any counted session lacks any of its three records loses 1 [reading]" (once per quarter)
    @Test
    void incompleteRecordsLoseOncePerQuarter() {
        DataSet data = org().trainings(session("B1", "2026-01-10", false),
                new Training("B1", LocalDate.parse("2026-02-10"), "沟通技巧", true, true, false)).build();
        ItemResult item = item(assess(data, "2026-Q1", "2026-04-01 00:00"), "B1", ItemCode.BASIC_TRAINING);
        assertThat(sum(deductions(item, "training.incomplete-records"))).isEqualByComparingTo("1");
        assertThat(item.score()).isEqualByComparingTo("3");
    }

    // "a year on its four quarters (losses add up; the item floor is 0)"
    @Test
    void yearAddsItsQuarters() {
        DataSet data = org().trainings(session("B1", "2026-02-10", false), session("B1", "2026-05-10", true),
                session("B1", "2026-08-10", false), session("B1", "2026-11-10", true)).build();
        ItemResult item = item(assess(data, "2026", "2027-01-15 00:00"), "B1", ItemCode.BASIC_TRAINING);
        assertThat(sum(deductions(item, "training.incomplete-records"))).isEqualByComparingTo("2");
        assertThat(item.score()).isEqualByComparingTo("2");
    }

    // ------------------------------------------------------------------ 1.4

    // "a month with 2 or more outages loses 2 ("超过2次(含)")"; "owner unit (empty = the HQ_SERVICE unit)"; "for the owner
    // unit only"
    @Test
    void twoOutagesInAMonthLoseTwo() {
        DataSet data = org().outage(null, "2026-01-10 08:00", "2026-01-10 08:10")
                .outage(null, "2026-01-20 08:00", "2026-01-20 08:10").build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        ItemResult hq = item(r, "HQ", ItemCode.BASIC_EQUIPMENT);
        assertThat(sum(deductions(hq, "equipment.frequent-outages"))).isEqualByComparingTo("2");
        assertThat(deductions(hq, "equipment.late-backup")).isEmpty();
        assertThat(hq.score()).isEqualByComparingTo("2");
        assertThat(item(r, "B1", ItemCode.BASIC_EQUIPMENT).score()).isEqualByComparingTo("4");
    }

    @Test
    void oneOutageIsNotFrequent() {
        DataSet data = org().outage(null, "2026-01-31 23:50", "2026-01-31 23:55")
                .outage(null, "2026-02-01 00:10", "2026-02-01 00:15").build();
        // grouped by the calendar month of started_at: one in January, one in February
        assertThat(item(assess(data, "2026-Q1", "2026-04-15 00:00"), "HQ", ItemCode.BASIC_EQUIPMENT).deductions())
                .isEmpty();
    }

    // "each outage whose backup answering started more than 30 min after it began ... loses 2"
    @Test
    void backupAllowanceThirtyMinutes() {
        assertThat(item(assess(org().outage("B1", "2026-01-10 08:00", "2026-01-10 08:30").build(), "2026-01", AS_OF),
                "B1", ItemCode.BASIC_EQUIPMENT).deductions()).isEmpty();
        AssessmentResult late = assess(org().outage("B1", "2026-01-10 08:00", "2026-01-10 08:30:01").build(),
                "2026-01", AS_OF);
        assertThat(sum(deductions(item(late, "B1", ItemCode.BASIC_EQUIPMENT), "equipment.late-backup")))
                .isEqualByComparingTo("2");
        assertThat(item(late, "S1", ItemCode.BASIC_EQUIPMENT).deductions()).isEmpty();
        assertThat(item(late, "HQ", ItemCode.BASIC_EQUIPMENT).deductions()).isEmpty();
    }

    // "(or has not started and more than 30 min have passed at as_of)"
    @Test
    void backupNeverStarted() {
        DataSet data = org().outage(null, "2026-01-10 08:00", null).build();
        assertThat(sum(deductions(item(assess(data, "2026-01", "2026-01-10 08:31"), "HQ", ItemCode.BASIC_EQUIPMENT),
                "equipment.late-backup"))).isEqualByComparingTo("2");
        assertThat(item(assess(data, "2026-01", "2026-01-10 08:29"), "HQ", ItemCode.BASIC_EQUIPMENT).deductions())
                .isEmpty();
    }

    // "A quarter or year adds up its months' losses."
    @Test
    void quarterAddsItsMonths() {
        DataSet data = org().outage(null, "2026-01-10 08:00", "2026-01-10 08:10")
                .outage(null, "2026-01-20 08:00", "2026-01-20 08:10")
                .outage(null, "2026-02-10 08:00", "2026-02-10 08:10")
                .outage(null, "2026-02-20 08:00", "2026-02-20 08:10").build();
        ItemResult item = item(assess(data, "2026-Q1", "2026-04-15 00:00"), "HQ", ItemCode.BASIC_EQUIPMENT);
        assertThat(sum(deductions(item, "equipment.frequent-outages"))).isEqualByComparingTo("4");
        assertThat(item.score()).isEqualByComparingTo("0");
    }
}
