package org.warmline.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The evaluations of a period by how they were collected (评价方式), against the scheme's target (3.1: 70 % phone
 * callback, 30 % online survey by default; reported, deducts nothing). Shares are percentages to one decimal, null when
 * there is no evaluation yet.
 *
 * @param period       the period, e.g. {@code 2026-01}
 * @param phone        evaluations by phone callback (PHONE)
 * @param online       evaluations by the online survey (ONLINE)
 * @param phoneTarget  the scheme's target share of phone callbacks, in percent
 * @param onlineTarget the scheme's target share of online surveys, in percent
 */
public record EvaluationMix(String period, long phone, long online, BigDecimal phoneTarget, BigDecimal onlineTarget) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public long total() {
        return phone + online;
    }

    public BigDecimal phoneShare() {
        return share(phone);
    }

    public BigDecimal onlineShare() {
        return share(online);
    }

    /** The phone share minus its target, in percentage points (negative: too few callbacks); null when empty. */
    public BigDecimal phoneGap() {
        BigDecimal share = phoneShare();
        return share == null ? null : share.subtract(phoneTarget);
    }

    private BigDecimal share(long count) {
        if (total() == 0) {
            return null;
        }
        return BigDecimal.valueOf(count).multiply(HUNDRED).divide(BigDecimal.valueOf(total()), 1, RoundingMode.HALF_UP);
    }
}
