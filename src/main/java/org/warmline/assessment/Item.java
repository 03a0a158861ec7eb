package org.warmline.assessment;

import org.warmline.calendar.Period;

/**
 * One item of the scheme as the engine scores it for a subject and a period. Each item is one class of this package
 * (listed in package-info); those judged case by case are {@link CaseItem}s.
 */
interface Item {

    /**
     * Adds what the item finds for the subject in the period to {@code score}, which already holds the deductions of
     * the subject's cases: deductions from the records (regulations, trainings, outages, tasks), and the rates,
     * bonuses and figures made of the tally's counters.
     */
    void score(Subject subject, Period period, Tally tally, ItemScore score);
}
