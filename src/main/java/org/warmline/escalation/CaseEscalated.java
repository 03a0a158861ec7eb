package org.warmline.escalation;

import java.time.Instant;

import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseId;

/**
 * A case was raised one level up the unit tree because a clock is late (past tense, like the desk's
 * {@link org.warmline.cases.CaseEvent}s): published by {@link Escalations} in the transaction that takes the step.
 *
 * @param levelUnit the unit raised to, or null when the case's unit tree has no unit there
 */
public record CaseEscalated(CaseId caseId, String caseNo, CaseClocks.Kind clock, int step, String levelUnit,
                            Instant at) {
}
