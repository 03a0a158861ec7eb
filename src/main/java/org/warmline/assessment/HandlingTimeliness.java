package org.warmline.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;

import static org.warmline.ledger.CaseColumn.CATEGORY;
import static org.warmline.ledger.CaseColumn.COMPLEX;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;
import static org.warmline.ledger.Instants.NONE;

/**
 * 2.2 办理时效 (handling timeliness, {@code handling.timeliness}; docs/assessment.md): one deadline per case on the
 * solution milestone, by handling class (calendar hours or working days from submission); a late case loses by band of
 * working days late, doubled when it is a repeat complaint (2.4) one of whose earlier complaints is late too. Settings:
 * {@code items.handling.timeliness} ({@code deadlines}, {@code bands}, {@code repeatMultiplier}).
 *
 * <p>The deadline is also the desk's handling clock, through {@link Deadlines}.
 */
final class HandlingTimeliness implements CaseItem {

    static final String LATE = "timeliness.late";
    /** The rules whose reference is a case number. */
    static final List<String> CASE_RULES = List.of(LATE);

    private final Scheme scheme;
    private final WorkingCalendar calendar;
    private final HandlingRepeat repeats;
    /** By case: the deadline, or NONE when its class has none. */
    private final long[] deadline;
    /** By case: when the solution milestone is judged (see {@link CaseAsOf#solutionJudgedAt}). */
    private final long[] judgedAt;
    /** By case: whether {@code solution_at} has happened. */
    private final boolean[] recorded;
    /** By case: whether the solution milestone is after the deadline (in whole seconds). */
    private final boolean[] late;
    /** By case: the working time between the deadline and the solution milestone, in whole seconds. */
    private final long[] lateWorkingSeconds;
    /** By case: the loss, made by {@link #finish}, or null. */
    private final PerCase<Entry> loss;

    HandlingTimeliness(Scheme scheme, WorkingCalendar calendar, HandlingRepeat repeats, int cases) {
        this.scheme = scheme;
        this.calendar = calendar;
        this.repeats = repeats;
        this.deadline = new long[cases];
        Arrays.fill(deadline, NONE);
        this.judgedAt = new long[cases];
        this.recorded = new boolean[cases];
        this.late = new boolean[cases];
        this.lateWorkingSeconds = new long[cases];
        this.loss = new PerCase<>(cases);
    }

    /** The handling class of a case (a key of the scheme's deadlines): COMPLEX when complex, else its category. */
    static String handlingClass(Category category, boolean complex) {
        return complex ? "COMPLEX" : category == null ? null : category.name();
    }

    private static Scheme.Deadline deadlineOf(Scheme scheme, Category category, boolean complex) {
        String handlingClass = handlingClass(category, complex);
        return handlingClass == null ? null : scheme.items().timeliness().deadlines().get(handlingClass);
    }

    /**
     * The deadline of a case in epoch milliseconds — its class's calendar hours or working days after submission — or
     * NONE when its class has none (no category and not complex, or a class the scheme gives no deadline).
     */
    static long deadline(Scheme scheme, WorkingCalendar calendar, Category category, boolean complex,
                         long submittedAt) {
        Scheme.Deadline deadline = deadlineOf(scheme, category, complex);
        if (deadline == null || submittedAt == NONE) {
            return NONE;
        }
        return deadline.hours() != null
                ? submittedAt + deadline.hours() * 3_600_000L
                : calendar.addWorkingMillis(submittedAt, deadline.workingDays() * WorkingCalendar.DAY_MILLIS);
    }

    /** Whether the class's deadline is counted in working days. */
    static boolean inWorkingDays(Scheme scheme, Category category, boolean complex) {
        Scheme.Deadline deadline = deadlineOf(scheme, category, complex);
        return deadline != null && deadline.hours() == null;
    }

    /** Works out case {@code k}'s deadline and whether it is late; the loss waits for {@link #finish}. */
    @Override
    public void judge(int k, CaseAsOf v) {
        CaseRecord c = v.record();
        long due = deadline(scheme, calendar, c.get(CATEGORY), c.is(COMPLEX), c.at(SUBMITTED_AT));
        if (due == NONE) {
            return;
        }
        long at = v.solutionJudgedAt();
        deadline[k] = due;
        judgedAt[k] = at;
        recorded[k] = v.solution() != NONE;
        if (Numbers.seconds(at - due) > 0) {
            late[k] = true;
            lateWorkingSeconds[k] = calendar.workingMillisBetween(due, at) / 1000;
        }
    }

    /**
     * For a case that is not judged: asks the working-day calendar what {@link #judge} would ask, so that the years
     * without a holiday schedule a result warns about do not depend on the period assessed.
     */
    void askCalendar(CaseAsOf v) {
        CaseRecord c = v.record();
        long due = deadline(scheme, calendar, c.get(CATEGORY), c.is(COMPLEX), c.at(SUBMITTED_AT));
        if (due != NONE) {
            long at = v.solutionJudgedAt();
            if (Numbers.seconds(at - due) > 0) {
                calendar.workingMillisBetween(due, at);
            }
        }
    }

    /** Case {@code k}'s deadline, or NONE. */
    long deadline(int k) {
        return deadline[k];
    }

    /** Whether case {@code k} is late as of as_of. */
    boolean isLate(int k) {
        return late[k];
    }

    /** Makes case {@code k}'s loss, once the repeat complaints are marked ({@link HandlingRepeat#mark}). */
    void finish(int k, CaseAsOf v) {
        if (!late[k]) {
            return;
        }
        Scheme.Timeliness s = scheme.items().timeliness();
        BigDecimal points = null;
        for (Scheme.Band band : s.bands()) {
            if (band.upTo() == null) {
                points = band.points();
                break;
            }
            int cmp = BigDecimal.valueOf(lateWorkingSeconds[k]).compareTo(band.upTo().multiply(BigDecimal.valueOf(86_400)));
            if (band.includesUpTo() ? cmp <= 0 : cmp < 0) {
                points = band.points();
                break;
            }
        }
        // doubled once: a repeat complaint whose earlier complaints include a late one
        String lateEarlier = repeats.isRepeat(k) ? repeats.flaggedEarlier(k) : null;
        boolean doubled = lateEarlier != null;
        if (doubled) {
            points = points.multiply(s.repeatMultiplier());
        }
        CaseRecord c = v.record();
        Reasons reasons = v.reasons();
        String handlingClass = handlingClass(c.get(CATEGORY), c.is(COMPLEX));
        Scheme.Deadline due = s.deadlines().get(handlingClass);
        String limit = due.hours() != null ? reasons.duration(due.hours() * 3600L) : reasons.instant(deadline[k]);
        BigDecimal workingDays = BigDecimal.valueOf(lateWorkingSeconds[k])
                .divide(BigDecimal.valueOf(86_400), 2, RoundingMode.HALF_UP).stripTrailingZeros();
        String basis = recorded[k] ? "" : v.basis(NONE, judgedAt[k]);
        String key = doubled ? "timeliness.late-doubled" : "timeliness.late";
        loss.set(k, new Entry(LATE, points, c.caseNo(),
                reasons.text(key, reasons.text("class." + handlingClass),
                        reasons.duration(Numbers.seconds(judgedAt[k] - c.at(SUBMITTED_AT))), limit,
                        workingDays.toPlainString(), basis, doubled ? lateEarlier : "")));
    }

    @Override
    public void count(int k, Tally tally) {
        Entry e = loss.get(k);
        if (e != null) {
            tally.deduct(ItemCode.HANDLING_TIMELINESS, e);
        }
    }

    @Override
    public void score(Subject subject, Period period, Tally tally, ItemScore score) {
        // the deductions of the subject's cases are all there is
    }
}
