package org.warmline.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.assessment.Ledgers.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.warmline.ledger.DataSet;
import org.warmline.scheme.ItemCode;

/** 2.1 handling.response 响应时效 (docs/assessment.md, 2.1, and section 1 for who gets the acceptance loss). */
class ResponseTimeTest {

    private static final String AS_OF = "2026-02-15 00:00";

    private static ItemResult response(AssessmentResult r, String code) {
        return item(r, code, ItemCode.HANDLING_RESPONSE);
    }

    /** Accepted and dispatched {@code delay} after submission; contacted 30 min after dispatch. */
    private static CaseBuilder acceptedAfterDelay(String no, long delay) {
        return aCase(no).acceptedAfter(delay).dispatchedAfter(delay).contactedAfter(delay + 30 * MIN);
    }

    // "Allowed 30 min. Late by d: lose ceil(d / 30 min) × 1 (30 min 00 s → 0; 30 min 01 s → 1; 60 min → 1; 61 min → 2)."
    @ParameterizedTest(name = "accepted {0} s after submission loses {1}")
    @CsvSource({"1800,0", "1801,1", "3600,1", "3660,2", "5400,2", "5401,3", "8100,4"})
    void acceptanceTimerSteps(long seconds, int loss) {
        DataSet data = org().cases(acceptedAfterDelay("C1", seconds * SEC)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        for (String subject : List.of("A1", "HQ")) {
            List<Entry> late = deductions(response(r, subject), "response.late-acceptance");
            assertThat(sum(late)).as(subject).isEqualByComparingTo(String.valueOf(loss));
            if (loss > 0) {
                assertThat(late).allSatisfy(e -> assertThat(e.ref()).isEqualTo("C1"));
            }
        }
    }

    // "Durations are measured in whole seconds (fractions of a second are dropped)"
    @Test
    void fractionsOfASecondAreDropped() {
        DataSet data = org().cases(acceptedAfterDelay("C1", 30 * MIN + 900)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(deductions(response(r, "A1"), "response.late-acceptance")).isEmpty();
    }

    // "from submitted_at to the acceptance milestone (dispatched_at if set, else accepted_at)"
    @Test
    void acceptanceUsesDispatchWhenSet() {
        DataSet data = org().cases(aCase("C1").acceptedAfter(5 * MIN).dispatchedAfter(50 * MIN)
                .contactedAfter(60 * MIN)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(sum(deductions(response(r, "A1"), "response.late-acceptance"))).isEqualByComparingTo("1");
    }

    @Test
    void acceptanceUsesAcceptedAtWithoutDispatch() {
        DataSet data = org().cases(aCase("C1").acceptedAfter(45 * MIN).without("dispatched_at")).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(sum(deductions(response(r, "A1"), "response.late-acceptance"))).isEqualByComparingTo("1");
        assertThat(sum(deductions(response(r, "HQ"), "response.late-acceptance"))).isEqualByComparingTo("1");
    }

    // "except the acceptance timer of 2.1, which counts only for the accepting agent ... and for the HQ_SERVICE unit
    // that agent belongs to ... No other unit and no other person ever gets an acceptance loss"
    @Test
    void acceptanceLossOnlyForTheAgentAndTheHq() {
        DataSet data = org().cases(acceptedAfterDelay("C1", 45 * MIN)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(sum(deductions(response(r, "A1"), "response.late-acceptance"))).isEqualByComparingTo("1");
        assertThat(sum(deductions(response(r, "HQ"), "response.late-acceptance"))).isEqualByComparingTo("1");
        // A1 handles no case: its response item is 10 minus the acceptance loss
        assertThat(response(r, "A1").score()).isEqualByComparingTo("9");
        for (String other : List.of("B1", "S1", "R1", "T1", "W1")) {
            assertThat(deductions(response(r, other), "response.late-acceptance")).as(other).isEmpty();
        }
    }

    // "a case whose accepted_by is empty or not an agent has its acceptance timer counted for no one"
    @Test
    void acceptedByAStewardCountsForNoOne() {
        DataSet data = org().cases(acceptedAfterDelay("C1", 45 * MIN).acceptedBy("W1")).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        for (String s : List.of("A1", "HQ", "B1", "S1", "R1", "T1", "W1")) {
            assertThat(deductions(response(r, s), "response.late-acceptance")).as(s).isEmpty();
        }
    }

    @Test
    void emptyAcceptedByCountsForNoOne() {
        DataSet data = org().cases(acceptedAfterDelay("C1", 45 * MIN).without("accepted_by")).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        for (String s : List.of("A1", "HQ", "B1", "S1", "R1", "T1", "W1")) {
            assertThat(deductions(response(r, s), "response.late-acceptance")).as(s).isEmpty();
        }
    }

    // "contact (counts for the subject's cases; only for cases whose dispatched_at has happened): from dispatched_at to
    // contacted_at. Allowed 2 h. Late by d: lose ceil(d / 1 h) × 2."
    @ParameterizedTest(name = "contacted {0} s after dispatch loses {1}")
    @CsvSource({"7200,0", "7201,2", "10800,2", "10801,4", "18000,6"})
    void contactTimerSteps(long seconds, int loss) {
        DataSet data = org().cases(aCase("C1").dispatchedAfter(20 * MIN).contactedAfter(20 * MIN + seconds * SEC)
                .solutionAfter(20 * HOUR).completedAfter(21 * HOUR)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        // the case's unit R1 and its ancestors, and the handler W1
        for (String subject : List.of("W1", "R1", "S1", "B1")) {
            assertThat(sum(deductions(response(r, subject), "response.late-contact"))).as(subject)
                    .isEqualByComparingTo(String.valueOf(loss));
        }
        // the case is not the HQ's, nor the agent's (the agent only gets the acceptance timer)
        assertThat(deductions(response(r, "HQ"), "response.late-contact")).isEmpty();
        assertThat(deductions(response(r, "A1"), "response.late-contact")).isEmpty();
        assertThat(deductions(response(r, "T1"), "response.late-contact")).isEmpty();
    }

    @Test
    void noContactTimerWithoutDispatch() {
        DataSet data = org().cases(aCase("C1").without("dispatched_at").contactedAfter(8 * HOUR)
                .solutionAfter(9 * HOUR).completedAfter(10 * HOUR)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(deductions(response(r, "W1"), "response.late-contact")).isEmpty();
    }

    // "A completed case whose contacted_at was never typed is judged as contacted at its solution"
    @Test
    void missingContactIsJudgedAtTheSolution() {
        // dispatched 09:20, solution 14:00: 4 h 40 min, 2 h 40 min late -> ceil(2.67) x 2 = 6
        DataSet data = org().cases(aCase("C1").dispatchedAfter(20 * MIN).without("contacted_at")
                .solutionAfter(5 * HOUR).completedAfter(6 * HOUR)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(sum(deductions(response(r, "W1"), "response.late-contact"))).isEqualByComparingTo("6");
    }

    // "... or at its completion"; "Every loss is listed at its full value, however large; only the score is floored."
    @Test
    void missingContactAndSolutionAreJudgedAtCompletion() {
        // dispatched 09:20, completed 17:00: 7 h 40 min, 5 h 40 min late -> 6 x 2 = 12 (item max 10)
        DataSet data = org().cases(aCase("C1").dispatchedAfter(20 * MIN).without("contacted_at", "solution_at")
                .completedAfter(8 * HOUR)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        ItemResult item = response(r, "W1");
        assertThat(sum(deductions(item, "response.late-contact"))).isEqualByComparingTo("12");
        assertThat(item.score()).isEqualByComparingTo("0");
    }

    // "an open case still waiting for contact is judged at as_of"
    @Test
    void openCaseWaitingForContactIsJudgedAtAsOf() {
        DataSet data = org().cases(aCase("C1").dispatchedAfter(20 * MIN)
                .without("contacted_at", "solution_at", "solution").notCompleted()).build();
        // as_of 14:00: 4 h 40 min after dispatch -> 6
        AssessmentResult r = assess(data, "2026-01", "2026-01-06 14:00");
        assertThat(sum(deductions(response(r, "W1"), "response.late-contact"))).isEqualByComparingTo("6");
    }

    // "A required instant that is filled in but after as_of counts as empty."
    @Test
    void contactTypedAfterAsOfIsNotYetHappened() {
        // contacted 12:20 would be 1 h late; as of 11:00 only 1 h 40 min have passed since dispatch: not late yet
        DataSet data = org().cases(aCase("C1").dispatchedAfter(20 * MIN).contactedAfter(3 * HOUR + 20 * MIN)
                .solutionAfter(5 * HOUR).completedAfter(6 * HOUR)).build();
        AssessmentResult r = assess(data, "2026-01", "2026-01-06 11:00");
        assertThat(deductions(response(r, "W1"), "response.late-contact")).isEmpty();
    }

    // "a negative duration (inconsistent data) counts as zero"
    @Test
    void negativeDurationCountsAsZero() {
        DataSet data = org().cases(aCase("C1").acceptedAfter(-2 * HOUR).dispatchedAfter(-HOUR)).build();
        AssessmentResult r = assess(data, "2026-01", AS_OF);
        assertThat(deductions(response(r, "A1"), "response.late-acceptance")).isEmpty();
        assertThat(response(r, "A1").score()).isEqualByComparingTo("10");
    }
}
