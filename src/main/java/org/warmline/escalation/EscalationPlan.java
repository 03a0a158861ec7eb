package org.warmline.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.CaseClocks;

/**
 * The escalation due for a case, as a pure function. For each late clock, step 1 is due at its deadline, step
 * {@code k} one allowance later than step {@code k − 1}, where the allowance is the clock's own (its deadline minus its
 * start: acceptance 30 min, contact 2 h, handling 4 h / 24 h or 3 working days, review 24 h); a clock measured in
 * working time adds its allowance in working time. A step is due once "now" is strictly past its due instant in whole
 * seconds, as a clock turns red. Step {@code k} raises the case to the {@code k}-th unit of the chain above the case's
 * unit (the chain's first element), so a clock has as many steps as the chain has levels above the case's unit (at
 * least one: a case at the top, or without a unit, is raised to the top once): escalation ends at the top. The further
 * allowances that pass after the top are reminders ({@link #lastReminderDue}), not steps.
 */
public final class EscalationPlan {

    /** A clock that may be late: its kind, start and deadline, and whether it is measured in working time. */
    public record LateClock(CaseClocks.Kind kind, Instant start, Instant deadline, boolean workingTime) {
    }

    /**
     * One escalation step: a level reached.
     *
     * @param levelUnit the unit the case is raised to, or null when the chain is empty
     */
    public record Step(CaseClocks.Kind clock, int step, Instant dueAt, String levelUnit) {
    }

    /** A reminder due after the top: the clock and the instant its latest further allowance passed. */
    public record Reminder(CaseClocks.Kind clock, Instant dueAt) {
    }

    private EscalationPlan() {
    }

    /** How many levels a late clock climbs: the chain's levels above the case's unit, at least one. */
    public static int depth(List<String> unitChain) {
        return Math.max(1, unitChain.size() - 1);
    }

    /**
     * Every step due at {@code now} for the clocks, clock by clock, steps in order; at most {@link #depth} per clock.
     *
     * @param unitChain the case's unit then its ancestors up to the top (the HQ customer service unit); for a case
     *                  without a unit just the top
     */
    public static List<Step> steps(List<LateClock> clocks, Instant now, List<String> unitChain,
                                   WorkingCalendar calendar) {
        List<Step> out = new ArrayList<>();
        int depth = depth(unitChain);
        for (LateClock clock : clocks) {
            int due = stepsDue(clock, now, calendar, depth);
            for (int step = 1; step <= Math.min(due, depth); step++) {
                out.add(new Step(clock.kind(), step, dueAt(clock, step, calendar), level(unitChain, step)));
            }
        }
        return out;
    }

    /**
     * The latest reminder due at {@code now} among the clocks: the instant the latest further allowance after the top
     * passed (step {@code depth + 1} or later), of the clock where that is latest; empty while no clock is past its
     * top.
     */
    public static Optional<Reminder> lastReminderDue(List<LateClock> clocks, Instant now, List<String> unitChain,
                                                     WorkingCalendar calendar) {
        int depth = depth(unitChain);
        Reminder latest = null;
        for (LateClock clock : clocks) {
            int due = stepsDue(clock, now, calendar, Integer.MAX_VALUE);
            if (due > depth) {
                Instant at = dueAt(clock, due, calendar);
                if (latest == null || at.isAfter(latest.dueAt())) {
                    latest = new Reminder(clock.kind(), at);
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The unit of step {@code step}: the {@code step}-th above the first of the chain, at most the top. */
    static String level(List<String> unitChain, int step) {
        return unitChain.isEmpty() ? null : unitChain.get(Math.min(step, unitChain.size() - 1));
    }

    /** How many steps of the clock are due at {@code now}, counted up to {@code limit}. */
    private static int stepsDue(LateClock clock, Instant now, WorkingCalendar calendar, int limit) {
        long at = now.toEpochMilli();
        long deadline = clock.deadline().toEpochMilli();
        if (!past(at, deadline)) {
            return 0;
        }
        long allowance = allowance(clock, calendar);
        if (allowance <= 0) {
            return 1;
        }
        if (!clock.workingTime()) {
            // step k is due at deadline + (k - 1) × allowance and taken once now is at least 1 s past it
            long k = (at - 1000 - deadline) / allowance + 1;
            return (int) Math.min(k, limit);
        }
        int k = 1;
        while (k < limit && past(at, calendar.addWorkingMillis(deadline, k * allowance))) {
            k++;
        }
        return k;
    }

    private static Instant dueAt(LateClock clock, int step, WorkingCalendar calendar) {
        long deadline = clock.deadline().toEpochMilli();
        long offset = (step - 1) * allowance(clock, calendar);
        return Instant.ofEpochMilli(clock.workingTime() ? calendar.addWorkingMillis(deadline, offset)
                : deadline + offset);
    }

    private static long allowance(LateClock clock, WorkingCalendar calendar) {
        long start = clock.start().toEpochMilli();
        long deadline = clock.deadline().toEpochMilli();
        return clock.workingTime() ? calendar.workingMillisBetween(start, deadline) : deadline - start;
    }

    private static boolean past(long now, long due) {
        return now - due >= 1000;
    }
}
