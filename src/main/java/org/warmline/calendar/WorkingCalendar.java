package org.warmline.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The working-day calendar (工作日历) of docs/assessment.md section 3: a date is a working day when it is a Monday–Friday
 * that the official schedule does not declare a holiday, or a weekend date it declares a working day (调休上班). A year
 * without a schedule falls back to Monday–Friday; the calendar remembers every such year it was asked about so that a
 * result can warn once per year.
 *
 * <p>Instants are epoch milliseconds; days run 00:00–24:00 local time in the calendar's zone (no office hours).
 * Working time is measured in milliseconds; a working day is 24 h.
 */
public final class WorkingCalendar {

    /** One working day (24 h) in milliseconds. */
    public static final long DAY_MILLIS = 86_400_000L;

    private final ZoneId zone;
    private final Map<Integer, HolidaySchedule> schedules;
    private final Set<Integer> yearsWithoutSchedule = new ConcurrentSkipListSet<>();
    private static final byte WORKING = 1;
    private static final byte OFF = 2;
    /** The epoch day of {@code workingDays[0]}. */
    private final long firstScheduledDay;
    /** {@link #isWorkingDay(LocalDate)} precomputed for the days of the scheduled years (0 elsewhere). */
    private final byte[] workingDays;
    /** From this instant on the zone's offset is {@link #fixedOffsetMillis} (Long.MAX_VALUE: never). */
    private final long fixedSince;
    private final long fixedOffsetMillis;

    public WorkingCalendar(ZoneId zone, Collection<HolidaySchedule> schedules) {
        this.zone = zone;
        Map<Integer, HolidaySchedule> byYear = new TreeMap<>();
        for (HolidaySchedule schedule : schedules) {
            byYear.put(schedule.year(), schedule);
        }
        this.schedules = Map.copyOf(byYear);
        // working days of the scheduled years, one byte per epoch day: 1 working, 2 off, 0 not scheduled
        if (byYear.isEmpty()) {
            this.firstScheduledDay = 0;
            this.workingDays = new byte[0];
        } else {
            int firstYear = ((TreeMap<Integer, HolidaySchedule>) byYear).firstKey();
            int lastYear = ((TreeMap<Integer, HolidaySchedule>) byYear).lastKey();
            long first = LocalDate.of(firstYear, 1, 1).toEpochDay();
            long end = LocalDate.of(lastYear + 1, 1, 1).toEpochDay();
            this.firstScheduledDay = first;
            this.workingDays = new byte[(int) Math.min(end - first, 400L * 366)];
            for (int i = 0; i < workingDays.length; i++) {
                LocalDate date = LocalDate.ofEpochDay(first + i);
                if (this.schedules.containsKey(date.getYear())) {
                    workingDays[i] = isWorkingDay(date) ? WORKING : OFF;
                }
            }
        }
        // after the zone's last transition (and without transition rules) the offset is fixed
        ZoneRules rules = zone.getRules();
        List<ZoneOffsetTransition> transitions = rules.getTransitions();
        if (rules.isFixedOffset()) {
            this.fixedSince = Long.MIN_VALUE;
            this.fixedOffsetMillis = rules.getOffset(Instant.EPOCH).getTotalSeconds() * 1000L;
        } else if (rules.getTransitionRules().isEmpty() && !transitions.isEmpty()) {
            ZoneOffsetTransition last = transitions.get(transitions.size() - 1);
            // a day's margin after the last transition, so that no local midnight near it takes the fast path
            this.fixedSince = last.toEpochSecond() * 1000L + 2 * DAY_MILLIS;
            this.fixedOffsetMillis = last.getOffsetAfter().getTotalSeconds() * 1000L;
        } else {
            this.fixedSince = Long.MAX_VALUE;
            this.fixedOffsetMillis = 0;
        }
    }

    /** The calendar of the shipped schedules (2024–2026) in Asia/Shanghai. */
    public static WorkingCalendar shipped(ZoneId zone) {
        return new WorkingCalendar(zone, HolidaySchedule.shipped().values());
    }

    public ZoneId zone() {
        return zone;
    }

    /** The years this calendar has a schedule for. */
    public SortedSet<Integer> scheduledYears() {
        return new TreeSet<>(schedules.keySet());
    }

    /** The years asked about so far that have no schedule (and fell back to Monday–Friday). */
    public SortedSet<Integer> yearsWithoutSchedule() {
        return new TreeSet<>(yearsWithoutSchedule);
    }

    /** Forgets which unscheduled years were asked about (before a new computation). */
    public void clearYearsWithoutSchedule() {
        yearsWithoutSchedule.clear();
    }

    public boolean isWorkingDay(LocalDate date) {
        HolidaySchedule schedule = schedules.get(date.getYear());
        if (schedule == null) {
            yearsWithoutSchedule.add(date.getYear());
        } else {
            Boolean off = schedule.days().get(date);
            if (off != null) {
                return !off;
            }
        }
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    private boolean isWorkingDay(long epochDay) {
        long i = epochDay - firstScheduledDay;
        if (i >= 0 && i < workingDays.length) {
            byte known = workingDays[(int) i];
            if (known != 0) {
                return known == WORKING;
            }
        }
        return isWorkingDay(LocalDate.ofEpochDay(epochDay));
    }

    private long offsetMillis(long instant) {
        if (instant >= fixedSince) {
            return fixedOffsetMillis;
        }
        ZoneOffset offset = zone.getRules().getOffset(Instant.ofEpochMilli(instant));
        return offset.getTotalSeconds() * 1000L;
    }

    /** The local date (as epoch day) that holds an instant. */
    public long epochDay(long instant) {
        return Math.floorDiv(instant + offsetMillis(instant), DAY_MILLIS);
    }

    /** The local date that holds an instant. */
    public LocalDate date(long instant) {
        return LocalDate.ofEpochDay(epochDay(instant));
    }

    /** The first instant (00:00 local) of a date. */
    public long startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private long startOfDay(long epochDay) {
        if (epochDay > -100_000_000L && epochDay < 100_000_000L) {
            long start = epochDay * DAY_MILLIS - fixedOffsetMillis;
            if (start >= fixedSince) {
                return start;
            }
        }
        return startOf(LocalDate.ofEpochDay(epochDay));
    }

    /**
     * The working time between two instants: the part of {@code [from, to)} that falls on working days, in
     * milliseconds; 0 when {@code to} is not after {@code from}.
     */
    public long workingMillisBetween(long from, long to) {
        if (to <= from) {
            return 0;
        }
        long dayFrom = epochDay(from);
        long dayTo = epochDay(to);
        if (dayFrom == dayTo) {
            return isWorkingDay(dayFrom) ? to - from : 0;
        }
        long total = 0;
        if (isWorkingDay(dayFrom)) {
            total += startOfDay(dayFrom + 1) - from;
        }
        for (long day = dayFrom + 1; day < dayTo; day++) {
            if (isWorkingDay(day)) {
                total += startOfDay(day + 1) - startOfDay(day);
            }
        }
        if (isWorkingDay(dayTo)) {
            total += to - startOfDay(dayTo);
        }
        return total;
    }

    /** {@link #workingMillisBetween(long, long)} for {@link Instant}s. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        return Duration.ofMillis(workingMillisBetween(from.toEpochMilli(), to.toEpochMilli()));
    }

    /**
     * Adds working time: the earliest instant at which the working time since {@code start} equals {@code millis}.
     * Adding {@code n} working days is {@code addWorkingMillis(start, n * DAY_MILLIS)}.
     */
    public long addWorkingMillis(long start, long millis) {
        if (millis <= 0) {
            return start;
        }
        long remaining = millis;
        long day = epochDay(start);
        if (isWorkingDay(day)) {
            long available = startOfDay(day + 1) - start;
            if (remaining <= available) {
                return start + remaining;
            }
            remaining -= available;
        }
        while (true) {
            day++;
            if (isWorkingDay(day)) {
                long dayStart = startOfDay(day);
                long length = startOfDay(day + 1) - dayStart;
                if (remaining <= length) {
                    return dayStart + remaining;
                }
                remaining -= length;
            }
        }
    }

    /** Adds {@code days} working days to an instant (docs/assessment.md section 3). */
    public Instant addWorkingDays(Instant start, int days) {
        return Instant.ofEpochMilli(addWorkingMillis(start.toEpochMilli(), days * DAY_MILLIS));
    }
}
