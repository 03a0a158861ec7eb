package org.warmline.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.warmline.administration.Calendars;
import org.warmline.administration.SchemeVersions;
import org.warmline.assessment.Deadlines;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.scheme.Scheme;

import static org.warmline.ledger.Instants.NONE;

/**
 * The running clocks of an open case (docs/desk.md "Clocks"), with the allowances of the
 * active {@link Scheme} and the working-day calendar, so the desk and the assessment agree on what "late" means:
 * <ul>
 * <li>ACCEPTANCE: from {@code submitted_at}, the 2.1 acceptance allowance (30 min). The assessment takes
 * {@code dispatched_at} when set, else {@code accepted_at}, so the clock runs until the case is dispatched while it is
 * SUBMITTED or ACCEPTED; it stops for good when the case moves on without dispatch (answered on the spot).</li>
 * <li>CONTACT: from {@code dispatched_at}, the 2.1 contact allowance (2 h), until contact (or solution/completion).</li>
 * <li>HANDLING: from {@code submitted_at} to the 2.2 deadline ({@link Deadlines}), until the solution (or completion).</li>
 * <li>REVIEW: from {@code unsatisfied_at}, the 3.3 review allowance (24 h), until reviewed.</li>
 * </ul>
 * A clock is GREEN, AMBER from {@code warmline.clocks.amber-at} (default 0.8) of its allowance (measured in working
 * time for a working-day deadline), and RED strictly after its deadline in whole seconds, as the engine counts.
 *
 * <p>The allowances are those of the scheme version in force on the day the case was submitted
 * ({@link SchemeVersions#forDay}): a new version applies to the cases submitted from its day on, and a case's clocks
 * never change under it. The calendar is the current one ({@link Calendars#current()}), shipped and imported years.
 */
@Component
public class CaseClocks {

    /** Which clock. */
    public enum Kind { ACCEPTANCE, CONTACT, HANDLING, REVIEW }

    /** How close to late. */
    public enum Colour { GREEN, AMBER, RED }

    /** A running clock at an instant. */
    public record Clock(Kind kind, Instant start, Instant deadline, Colour colour) {
    }

    /** Every running clock of a case at an instant, and the nearest deadline among them. */
    public record Reading(List<Clock> clocks, Optional<Instant> nearestDeadline) {

        public Optional<Clock> clock(Kind kind) {
            return clocks.stream().filter(c -> c.kind() == kind).findFirst();
        }
    }

    private final Function<LocalDate, Scheme> schemeOfDay;
    private final Supplier<WorkingCalendar> calendars;
    private final BigDecimal amberAt;

    /** Clocks with one fixed scheme and calendar (tests, tools). */
    public CaseClocks(Scheme scheme, WorkingCalendar calendar, double amberAt) {
        this(day -> scheme, () -> calendar, amberAt);
    }

    /** The desk's clocks: the scheme version of the case's day, the current calendar. */
    @Autowired
    public CaseClocks(SchemeVersions schemes, Calendars calendars,
                      @Value("${warmline.clocks.amber-at:0.8}") double amberAt) {
        this(day -> schemes.forDay(day).scheme(), calendars::current, amberAt);
    }

    private CaseClocks(Function<LocalDate, Scheme> schemeOfDay, Supplier<WorkingCalendar> calendars, double amberAt) {
        if (!(amberAt > 0 && amberAt <= 1)) {
            throw new IllegalArgumentException("warmline.clocks.amber-at must be in (0, 1]: " + amberAt);
        }
        this.schemeOfDay = schemeOfDay;
        this.calendars = calendars;
        this.amberAt = BigDecimal.valueOf(amberAt);
    }

    /** The zone of the working-day calendar (days, case numbers). */
    java.time.ZoneId zone() {
        return calendars.get().zone();
    }

    /** The scheme in force at an instant (the version of its day in the calendar's zone). */
    public Scheme schemeAt(Instant at) {
        return schemeOfDay.apply(calendars.get().date(at.toEpochMilli()));
    }

    /** The scheme a case's clocks use: the version in force on the day it was submitted (today before that). */
    public Scheme schemeOf(Case c) {
        return schemeAt(c.submittedAt() != null ? c.submittedAt() : Instant.now());
    }

    /** The running clocks of the case at {@code now}, coloured. */
    public Reading at(Case c, Instant now) {
        List<Clock> clocks = new ArrayList<>(4);
        for (Running r : running(c)) {
            clocks.add(new Clock(r.kind, r.start, r.deadline, colour(r, now)));
        }
        return new Reading(List.copyOf(clocks), nearest(clocks.stream().map(Clock::deadline).toList()));
    }

    /**
     * The nearest deadline among the case's running clocks, or empty when none runs. Independent of "now": which
     * clocks run depends only on the case's stamps.
     */
    public Optional<Instant> nearestDeadline(Case c) {
        return nearest(running(c).stream().map(r -> r.deadline).toList());
    }

    /**
     * The earliest instant at which one of the case's running clocks turns amber (or red), or empty when none runs:
     * stored with the case so that the dashboard counts colours in the database. Like the nearest deadline,
     * independent of "now".
     */
    public Optional<Instant> nearestAmber(Case c) {
        return nearest(running(c).stream().map(r -> Instant.ofEpochMilli(amberAt(r))).toList());
    }

    /**
     * The latest instant a clock with this deadline is still not red at (it is red from one second later, in whole
     * seconds as the engine counts): a deadline at or before {@code lateIfDeadlineAtOrBefore(now)} is a red clock.
     */
    public static Instant lateIfDeadlineAtOrBefore(Instant now) {
        return now.minusSeconds(1);
    }

    /**
     * Whether the clock of this kind is measured in working time (a handling deadline in working days), so that its
     * allowance and anything counted from its deadline (escalation) are working time too.
     */
    public boolean inWorkingTime(Case c, Kind kind) {
        return kind == Kind.HANDLING && Deadlines.inWorkingDays(schemeOf(c), c.category(), c.complex());
    }

    /** The working-day calendar of the clocks (the current one). */
    public WorkingCalendar calendar() {
        return calendars.get();
    }

    private static Optional<Instant> nearest(List<Instant> deadlines) {
        return deadlines.stream().min(Comparator.naturalOrder());
    }

    private record Running(Kind kind, Instant start, Instant deadline, boolean workingTime) {
    }

    private List<Running> running(Case c) {
        List<Running> out = new ArrayList<>(4);
        if (!c.isOpen() || c.submittedAt() == null) {
            return out;
        }
        CaseState s = c.state();
        WorkingCalendar calendar = calendars.get();
        Scheme scheme = schemeOfDay.apply(calendar.date(c.submittedAt().toEpochMilli()));
        if (c.dispatchedAt() == null && (s == CaseState.SUBMITTED || s == CaseState.ACCEPTED)) {
            Duration allowance = scheme.items().response().acceptance().allowance();
            out.add(new Running(Kind.ACCEPTANCE, c.submittedAt(), c.submittedAt().plus(allowance), false));
        }
        if (c.dispatchedAt() != null && c.contactedAt() == null && c.solutionAt() == null
                && c.completedAt() == null) {
            Duration allowance = scheme.items().response().contact().allowance();
            out.add(new Running(Kind.CONTACT, c.dispatchedAt(), c.dispatchedAt().plus(allowance), false));
        }
        if (c.solutionAt() == null && c.completedAt() == null) {
            long deadline = Deadlines.handlingDeadline(scheme, calendar, c.category(), c.complex(),
                    c.submittedAt().toEpochMilli());
            if (deadline != NONE) {
                out.add(new Running(Kind.HANDLING, c.submittedAt(), Instant.ofEpochMilli(deadline),
                        Deadlines.inWorkingDays(scheme, c.category(), c.complex())));
            }
        }
        if (c.unsatisfiedAt() != null && c.reviewedAt() == null) {
            Duration allowance = scheme.items().dissatisfied().reviewAllowance();
            out.add(new Running(Kind.REVIEW, c.unsatisfiedAt(), c.unsatisfiedAt().plus(allowance), false));
        }
        return out;
    }

    private Colour colour(Running r, Instant now) {
        long at = now.toEpochMilli();
        if (seconds(at - r.deadline.toEpochMilli()) > 0) {
            return Colour.RED;
        }
        return at >= amberAt(r) ? Colour.AMBER : Colour.GREEN;
    }

    /**
     * The instant the clock turns amber: once its elapsed time in whole seconds (working time for a working-day
     * deadline) reaches {@code amber-at} of its allowance in whole seconds, rounded up.
     */
    private long amberAt(Running r) {
        WorkingCalendar calendar = calendars.get();
        long start = r.start.toEpochMilli();
        long deadline = r.deadline.toEpochMilli();
        long allowance = r.workingTime ? calendar.workingMillisBetween(start, deadline) : deadline - start;
        long threshold = amberAt.multiply(BigDecimal.valueOf(seconds(allowance)))
                .setScale(0, RoundingMode.CEILING).longValueExact() * 1000;
        return r.workingTime ? calendar.addWorkingMillis(start, threshold) : start + threshold;
    }

    /** Whole seconds, as the engine measures durations; a negative duration counts as zero. */
    private static long seconds(long millis) {
        return millis <= 0 ? 0 : millis / 1000;
    }
}
