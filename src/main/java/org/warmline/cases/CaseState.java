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
import static org.warmline.ledger.Instants.NONE;

/** Where a case stands in its lifecycle (spec/workflow.md). */
public enum CaseState {
    SUBMITTED, ACCEPTED, DISPATCHED, IN_PROGRESS, SOLUTION_GIVEN, COMPLETED, EVALUATED, REVIEW, CLOSED, WITHDRAWN;

    /** The state a case recorded in a ledger has reached, judged by its milestones. */
    public static CaseState of(CaseRecord c) {
        if (c.get(EVALUATION) == EvaluationLevel.UNSATISFIED && c.at(REVIEWED_AT) == NONE) {
            return REVIEW;
        }
        if (c.get(EVALUATION) != null) {
            return c.get(EVALUATION) == EvaluationLevel.UNSATISFIED ? CLOSED : EVALUATED;
        }
        if (c.at(COMPLETED_AT) != NONE) {
            return COMPLETED;
        }
        if (c.at(SOLUTION_AT) != NONE) {
            return SOLUTION_GIVEN;
        }
        if (c.at(CONTACTED_AT) != NONE) {
            return IN_PROGRESS;
        }
        if (c.at(DISPATCHED_AT) != NONE) {
            return DISPATCHED;
        }
        if (c.at(ACCEPTED_AT) != NONE) {
            return ACCEPTED;
        }
        return SUBMITTED;
    }
}
