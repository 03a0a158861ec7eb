package org.warmline.cases;

import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.EvaluationLevel;

import static org.warmline.ledger.Instants.NONE;

/** Where a case stands in its lifecycle (spec/workflow.md). */
public enum CaseState {
    SUBMITTED, ACCEPTED, DISPATCHED, IN_PROGRESS, SOLUTION_GIVEN, COMPLETED, EVALUATED, REVIEW, CLOSED, WITHDRAWN;

    /** The state a case recorded in a ledger has reached, judged by its milestones. */
    public static CaseState of(CaseRecord c) {
        if (c.evaluation() == EvaluationLevel.UNSATISFIED && c.reviewedAt() == NONE) {
            return REVIEW;
        }
        if (c.evaluation() != null) {
            return c.evaluation() == EvaluationLevel.UNSATISFIED ? CLOSED : EVALUATED;
        }
        if (c.completedAt() != NONE) {
            return COMPLETED;
        }
        if (c.solutionAt() != NONE) {
            return SOLUTION_GIVEN;
        }
        if (c.contactedAt() != NONE) {
            return IN_PROGRESS;
        }
        if (c.dispatchedAt() != NONE) {
            return DISPATCHED;
        }
        if (c.acceptedAt() != NONE) {
            return ACCEPTED;
        }
        return SUBMITTED;
    }
}
