package org.warmline.ledger;

import java.math.BigDecimal;

/**
 * A manual adjustment (人工调整) of one item of one subject in one period, always with a reason.
 *
 * @param subject  a unit or staff code
 * @param period   the period label (2026-01, 2026-Q1 or 2026)
 * @param item     the item code, e.g. {@code keywork.other}
 * @param points   signed: −2 takes 2 more points, +1 gives 1 back
 * @param reason   why
 * @param assessor who decided it
 * @param row      the spreadsheet row it was read from (the header is row 1), for references
 */
public record Adjustment(String subject, String period, String item, BigDecimal points, String reason, String assessor,
                         int row) {
}
