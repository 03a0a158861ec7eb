package org.warmline.assessment;

import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.Category;
import org.warmline.scheme.Scheme;

import static org.warmline.ledger.Instants.NONE;

/**
 * The 2.2 handling deadline of spec/assessment.md (办理时效), the one definition the desk's clocks and the assessment
 * share: the handling class is {@code COMPLEX} when the case is complex, otherwise its category's code; the class's
 * deadline in the scheme is either calendar hours or working days (section 2), counted from {@code submitted_at}.
 */
public final class Deadlines {

    private Deadlines() {
    }

    /** The handling class of a case (a key of the scheme's deadlines), or {@code null} when it has none. */
    public static String handlingClass(Category category, boolean complex) {
        return complex ? "COMPLEX" : category == null ? null : category.name();
    }

    /**
     * The 2.2 deadline of a case in epoch milliseconds, or {@link org.warmline.ledger.Instants#NONE} when its handling
     * class has no deadline (no category and not complex, or a class the scheme leaves without one).
     */
    public static long handlingDeadline(Scheme scheme, WorkingCalendar calendar, Category category, boolean complex,
                                        long submittedAt) {
        String handlingClass = handlingClass(category, complex);
        Scheme.Deadline deadline = handlingClass == null ? null
                : scheme.items().timeliness().deadlines().get(handlingClass);
        if (deadline == null || submittedAt == NONE) {
            return NONE;
        }
        return deadline.hours() != null
                ? submittedAt + deadline.hours() * 3_600_000L
                : calendar.addWorkingMillis(submittedAt, deadline.workingDays() * WorkingCalendar.DAY_MILLIS);
    }

    /** Whether the class's deadline is counted in working days (and so its elapsed share in working time). */
    public static boolean inWorkingDays(Scheme scheme, Category category, boolean complex) {
        String handlingClass = handlingClass(category, complex);
        Scheme.Deadline deadline = handlingClass == null ? null
                : scheme.items().timeliness().deadlines().get(handlingClass);
        return deadline != null && deadline.hours() == null;
    }
}
