package org.warmline.assessment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.warmline.calendar.Period;
import org.warmline.ledger.Adjustment;
import org.warmline.scheme.ItemCode;

/**
 * Manual adjustments (人工调整; docs/assessment.md): an assessor's points for a subject, an item and exactly one period
 * (an adjustment of 2026-01 is not part of 2026-Q1 or 2026), always with a reason. Each is listed among the item's
 * deductions with the opposite sign of its points (−2 takes 2 more, +1 gives 1 back). The only rule of 4.2
 * ({@link KeyworkOther}); it applies to any item of the subject.
 */
final class Adjustments {

    static final String RULE = "adjustment";

    private final List<Adjustment> adjustments;
    private final Reasons reasons;

    Adjustments(List<Adjustment> adjustments, Reasons reasons) {
        this.adjustments = adjustments;
        this.reasons = reasons;
    }

    /** Adds the subject's adjustments of the period and item to {@code score}. */
    void apply(Subject subject, Period period, ItemCode item, ItemScore score) {
        List<Adjustment> matching = new ArrayList<>();
        for (Adjustment a : adjustments) {
            if (subject.code.equals(a.subject()) && period.label().equalsIgnoreCase(a.period().trim())
                    && item.code().equals(a.item())) {
                matching.add(a);
            }
        }
        matching.sort(Comparator.comparing(Adjustment::points).thenComparing(Adjustment::reason)
                .thenComparing(a -> a.assessor() == null ? "" : a.assessor()));
        for (Adjustment a : matching) {
            score.deduct(new Entry(RULE, a.points().negate(), a.period().trim().toUpperCase(Locale.ROOT)
                    + (a.assessor() == null ? "" : " " + a.assessor()),
                    reasons.text("adjustment", a.reason(), a.assessor() == null ? "" : a.assessor())));
        }
    }
}
