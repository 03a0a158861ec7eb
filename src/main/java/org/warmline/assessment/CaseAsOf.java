package org.warmline.assessment;

import org.warmline.ledger.CaseRecord;

import static org.warmline.ledger.CaseColumn.ACCEPTED_AT;
import static org.warmline.ledger.CaseColumn.COMPLETED_AT;
import static org.warmline.ledger.CaseColumn.CONTACTED_AT;
import static org.warmline.ledger.CaseColumn.DISPATCHED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATION;
import static org.warmline.ledger.CaseColumn.SOLUTION_AT;
import static org.warmline.ledger.Instants.NONE;

/**
 * One case as the case items judge it as of {@code as_of} (docs/assessment.md, "as_of" and "Missing milestones"): the
 * milestones that have happened, the instant each one is judged at, and whether the evaluation is known. Each judging
 * thread has one, set to each case in turn, with that thread's {@link Reasons}.
 */
final class CaseAsOf {

    private final long asOf;
    private final Reasons reasons;
    private CaseRecord c;
    private long dispatched;
    private long accepted;
    private long contacted;
    private long solution;
    private long completed;
    private boolean evaluationKnown;

    CaseAsOf(long asOf, Reasons reasons) {
        this.asOf = asOf;
        this.reasons = reasons;
    }

    /** Sets this to a case. */
    CaseAsOf of(CaseRecord record) {
        this.c = record;
        this.dispatched = happened(record.at(DISPATCHED_AT));
        this.accepted = happened(record.at(ACCEPTED_AT));
        this.contacted = happened(record.at(CONTACTED_AT));
        this.solution = happened(record.at(SOLUTION_AT));
        this.completed = happened(record.at(COMPLETED_AT));
        this.evaluationKnown = record.get(EVALUATION) != null
                && (record.at(EVALUATED_AT) == NONE || record.at(EVALUATED_AT) <= asOf);
        return this;
    }

    CaseRecord record() {
        return c;
    }

    long asOf() {
        return asOf;
    }

    Reasons reasons() {
        return reasons;
    }

    /** An instant that has happened as of {@code as_of}, or {@link org.warmline.ledger.Instants#NONE}. */
    long happened(long instant) {
        return instant != NONE && instant <= asOf ? instant : NONE;
    }

    long dispatched() {
        return dispatched;
    }

    long accepted() {
        return accepted;
    }

    long contacted() {
        return contacted;
    }

    long solution() {
        return solution;
    }

    long completed() {
        return completed;
    }

    /** The evaluation (level, channel, comment) once {@code evaluated_at} has happened, or when it has no time. */
    boolean evaluationKnown() {
        return evaluationKnown;
    }

    /** The acceptance milestone: {@code dispatched_at} when it has happened, else {@code accepted_at}. */
    long acceptance() {
        return dispatched != NONE ? dispatched : accepted;
    }

    /** When acceptance is judged: at the acceptance milestone, else at the next milestone that happened, else as_of. */
    long acceptanceJudgedAt() {
        return first(acceptance(), contacted, solution, completed, asOf);
    }

    /** When contact is judged: at {@code contacted_at}, else at the next milestone that happened, else as_of. */
    long contactJudgedAt() {
        return first(contacted, solution, completed, asOf);
    }

    /** When the solution is judged: at {@code solution_at}, else at completion, else as_of. */
    long solutionJudgedAt() {
        return first(solution, completed, asOf);
    }

    /**
     * What a reason adds when a milestone was judged at another instant than its own: nothing when it was
     * recorded, else "(not recorded, judged at …)" or "(not yet recorded, judged at as_of …)".
     */
    String basis(long recorded, long judgedAt) {
        if (recorded != NONE) {
            return "";
        }
        return judgedAt == asOf ? reasons.text("basis.asof", reasons.instant(asOf))
                : reasons.text("basis.next", reasons.instant(judgedAt));
    }

    /** The first of the instants that is not NONE (as_of, last, never is); no array per call, as it is per case. */
    private static long first(long a, long b, long c) {
        return a != NONE ? a : b != NONE ? b : c;
    }

    private static long first(long a, long b, long c, long d) {
        return a != NONE ? a : first(b, c, d);
    }

    private static long first(long a, long b, long c, long d, long e) {
        return a != NONE ? a : first(b, c, d, e);
    }
}
