package org.warmline.assessment;

import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.Category;
import org.warmline.scheme.Scheme;

/**
 * The 2.2 handling deadline (办理时效) for the desk's clocks: the very rule the assessment applies, which lives in
 * {@code HandlingTimeliness} (docs/assessment.md, 2.2). The handling class is {@code COMPLEX} when the case is complex,
 * otherwise its category's code; the class's deadline in the scheme is calendar hours or working days from
 * {@code submitted_at}.
 */
public final class Deadlines {

    private Deadlines() {
    }

    /** The handling class of a case (a key of the scheme's deadlines), or {@code null} when it has none. */
    public static String handlingClass(Category category, boolean complex) {
        return HandlingTimeliness.handlingClass(category, complex);
    }

    /**
     * The 2.2 deadline of a case in epoch milliseconds, or {@link org.warmline.ledger.Instants#NONE} when its handling
     * class has no deadline (no category and not complex, or a class the scheme leaves without one).
     */
    public static long handlingDeadline(Scheme scheme, WorkingCalendar calendar, Category category, boolean complex,
                                        long submittedAt) {
        return HandlingTimeliness.deadline(scheme, calendar, category, complex, submittedAt);
    }

    /** Whether the class's deadline is counted in working days (and so its elapsed share in working time). */
    public static boolean inWorkingDays(Scheme scheme, Category category, boolean complex) {
        return HandlingTimeliness.inWorkingDays(scheme, category, complex);
    }
}
