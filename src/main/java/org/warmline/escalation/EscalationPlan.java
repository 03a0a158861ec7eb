package org.warmline.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.CaseClocks;

/**
 * The escalation steps due for a case, as a pure function. For each late clock, step 1 is due at its deadline, step
 * {@code k} one allowance later than step {@code k − 1}, where the allowance is the clock's own (its deadline minus its
 * start: acceptance 30 min, contact 2 h, handling 4 h / 24 h or 3 working days, review 24 h); a clock measured in
 * working time adds its allowance in working time. A step is taken once "now" is strictly past its due instant in
 * whole seconds, as a clock turns red. Step {@code k} raises the case to the {@code k}-th unit of the chain above the
 * case's unit (the chain's first element); beyond the top it stays at the top.
 */
public final class EscalationPlan {

    /** A clock that may be late: its kind, start and deadline, and whether it is measured in working time. */
    public record LateClock(CaseClocks.Kind kind, Instant start, Instant deadline, boolean workingTime) {
    }

    /**
     * One escalation step.
     *
     * @param levelUnit the unit the case is raised to, or null when the chain is empty
     */
    public record Step(CaseClocks.Kind clock, int step, Instant dueAt, String levelUnit) {
    }

    private EscalationPlan() {
    }

    /**
     * Every step due at {@code now} for the clocks, clock by clock, steps in order.
     *
     * @param unitChain the case's unit then its ancestors up to the top (the HQ customer service unit); for a case
     *                  without a unit just the top
     */
    public static List<Step> steps(List<LateClock> clocks, Instant now, List<String> unitChain,
                                   WorkingCalendar calendar) {
        List<Step> out = new ArrayList<>();
        long at = now.toEpochMilli();
        for (LateClock clock : clocks) {
            long start = clock.start().toEpochMilli();
            long deadline = clock.deadline().toEpochMilli();
            long allowance = clock.workingTime() ? calendar.workingMillisBetween(start, deadline) : deadline - start;
            long due = deadline;
            for (int step = 1; past(at, due); step++) {
                out.add(new Step(clock.kind(), step, Instant.ofEpochMilli(due), level(unitChain, step)));
                if (allowance <= 0) {
                    break;
                }
                due = clock.workingTime() ? calendar.addWorkingMillis(deadline, step * allowance)
                        : deadline + step * allowance;
            }
        }
        return out;
    }

    /** The unit of step {@code step}: the {@code step}-th above the first of the chain, at most the top. */
    static String level(List<String> unitChain, int step) {
        return unitChain.isEmpty() ? null : unitChain.get(Math.min(step, unitChain.size() - 1));
    }

    private static boolean past(long now, long due) {
        return now - due >= 1000;
    }
}
