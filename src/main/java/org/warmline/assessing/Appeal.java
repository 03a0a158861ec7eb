package org.warmline.assessing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An appeal (申诉) of a unit manager against one deduction of a published result: the deduction as published (rule,
 * case or record, points, reason) and the manager's reason; OPEN until an assessor upholds it (the points are given
 * back by an adjustment) or rejects it (with a reason).
 */
public record Appeal(long id, long publicationId, String period, String subject, String item, String rule, String ref,
                     BigDecimal points, String deduction, String reason, State state, String filedBy, Instant filedAt,
                     String decidedBy, Instant decidedAt, String decisionNote, Long adjustmentId) {

    public enum State { OPEN, UPHELD, REJECTED }

    /** One step of an appeal's history: FILED, UPHELD or REJECTED, by whom, when, with what note. */
    public record Step(String action, String by, Instant at, String note) {
    }
}
