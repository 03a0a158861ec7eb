package org.warmline.cases;

import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.EvaluationLevel;

import static org.warmline.ledger.CaseColumn.ACCEPTED_AT;
import static org.warmline.ledger.CaseColumn.COMPLETED_AT;
import static org.warmline.ledger.CaseColumn.CONTACTED_AT;
import static org.warmline.ledger.CaseColumn.DISPATCHED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATION;
import static org.warmline.ledger.CaseColumn.REVIEWED_AT;
import static org.warmline.ledger.CaseColumn.SOLUTION_AT;

/** Where a case stands in its lifecycle (docs/desk.md). */
public enum CaseState {
    SUBMITTED, ACCEPTED, DISPATCHED, IN_PROGRESS, SOLUTION_GIVEN, COMPLETED, EVALUATED, REVIEW, CLOSED, WITHDRAWN;

    /** The state a case recorded in a ledger has reached, judged by its milestones. */
    public static CaseState of(CaseRecord c) {
        if (c.get(EVALUATION) == EvaluationLevel.UNSATISFIED && !c.has(REVIEWED_AT)) {
            return REVIEW;
        }
        if (c.get(EVALUATION) != null) {
            return c.get(EVALUATION) == EvaluationLevel.UNSATISFIED ? CLOSED : EVALUATED;
        }
        if (c.has(COMPLETED_AT)) {
            return COMPLETED;
        }
        if (c.has(SOLUTION_AT)) {
            return SOLUTION_GIVEN;
        }
        if (c.has(CONTACTED_AT)) {
            return IN_PROGRESS;
        }
        if (c.has(DISPATCHED_AT)) {
            return DISPATCHED;
        }
        if (c.has(ACCEPTED_AT)) {
            return ACCEPTED;
        }
        return SUBMITTED;
    }
}
