package org.warmline.assessment;

import org.warmline.calendar.Period;

/**
 * 4.2 其他重点工作 (other key work, {@code keywork.other}; docs/assessment.md): the scheme has no rule for it (the
 * company's text is cut off before it); an assessor scores it by manual adjustments ({@link Adjustments}), so without
 * one it is full. Settings: {@code items.keywork.other} ({@code max}, {@code cap}).
 */
final class KeyworkOther implements Item {

    @Override
    public void score(Subject subject, Period period, Tally tally, ItemScore score) {
        // manual adjustments only
    }
}
