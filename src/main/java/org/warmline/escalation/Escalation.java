package org.warmline.escalation;

import java.time.Instant;

import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseId;

/** One escalation step taken: the case, the late clock, the step (1, 2, …), the unit raised to and when. */
public record Escalation(CaseId caseId, CaseClocks.Kind clock, int step, String levelUnit, Instant escalatedAt) {
}
