package org.warmline.assessment;

import java.math.BigDecimal;

/**
 * One deduction (扣分) or bonus (加分) of an item: the rule that made it, its exact points, the case number or record
 * it comes from, and a one-line reason a person can check.
 *
 * @param rule   the rule, e.g. {@code ledger.missing-field}
 * @param points exact points (a manual adjustment that gives points back is a negative deduction)
 * @param ref    the case number, or the record (an outage by channel and start, a unit code, a period, an adjustment by period and assessor)
 * @param reason why, in the result's language
 */
public record Entry(String rule, BigDecimal points, String ref, String reason) {
}
