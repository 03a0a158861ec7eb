package org.warmline.assessment;

/**
 * An item judged case by case. The facts of a case do not depend on who is assessed or on the period, so each case is
 * judged once; its deductions are shared by every subject it counts for. {@code k} is the case's index among the cases
 * judged; an item keeps what it found per case in arrays of its own, so {@link #judge} may run in several threads at
 * once for different cases (it must use the {@link Reasons} of the {@link CaseAsOf} it is given).
 */
interface CaseItem extends Item {

    /** Judges case {@code k}, which {@code c} holds. */
    void judge(int k, CaseAsOf c);

    /** Adds case {@code k}'s deductions and counters to the tally of one of its subjects in one period. */
    void count(int k, Tally tally);
}
