package org.warmline.administration;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.warmline.calendar.HolidaySchedule;
import org.warmline.calendar.WorkingCalendar;

/**
 * The working-day calendar (工作日历) of the desk and of the live assessment: the shipped holiday schedules (2024–2026)
 * and the imported ones, an imported year replacing the shipped one of the same year. {@link #current()} is built once
 * and rebuilt on an import (at once on this instance, within a minute on others); an import publishes
 * {@link HolidayCalendarImported}.
 *
 * <p>Imports are for this year or the next — the State Council publishes next year's schedule in November or December;
 * a past year is not re-imported, as it would change the working days behind results already computed.
 */
@Service
public class Calendars {

    /** Where a year's schedule comes from. */
    enum Source { SHIPPED, IMPORTED }

    /** A year's schedule as the calendar page shows it. */
    record Year(int year, Source source, HolidayFile.Parsed parsed, Optional<Instant> importedAt, String importedBy) {
    }

    private static final Logger log = LoggerFactory.getLogger(Calendars.class);
    private static final Duration REREAD_AFTER = Duration.ofMinutes(1);

    private final HolidayCalendarStore store;
    private final SchemeVersions schemes;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Map<Integer, HolidayFile.Parsed> shipped = new TreeMap<>();
    private volatile State state;

    private record State(Map<Integer, Year> years, List<HolidaySchedule> schedules, WorkingCalendar calendar,
                         long readAtNanos) {
    }

    /** The calendars kept in a database, outside Spring (tools, other modules' tests); imports publish no event. */
    public static Calendars of(org.springframework.jdbc.core.simple.JdbcClient jdbc, SchemeVersions schemes) {
        return new Calendars(new HolidayCalendarStore(jdbc), schemes, event -> { });
    }

    @Autowired
    Calendars(HolidayCalendarStore store, SchemeVersions schemes, ApplicationEventPublisher events) {
        this(store, schemes, Clock.systemUTC(), events);
    }

    Calendars(HolidayCalendarStore store, SchemeVersions schemes, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.schemes = schemes;
        this.clock = clock;
        this.events = events;
        for (int year : HolidaySchedule.shipped().keySet()) {
            shipped.put(year, HolidayFile.shipped(year));
        }
    }

    /** The working-day calendar: shipped years and imported years, in the zone of the scheme. */
    public WorkingCalendar current() {
        return state().calendar();
    }

    /**
     * A calendar of its own for one assessment run, with the same years as {@link #current()}: the engine notes the
     * years without a schedule it meets in the calendar it is given, so runs must not share one.
     */
    public WorkingCalendar forRun() {
        return new WorkingCalendar(zone(), state().schedules());
    }

    /** The years with a schedule, shipped or imported. */
    Map<Integer, Year> years() {
        return state().years();
    }

    /** This year, in the calendar's zone. */
    int thisYear() {
        return LocalDate.now(clock.withZone(zone())).getYear();
    }

    private ZoneId zone() {
        return schemes.zone();
    }

    private State state() {
        State current = state;
        return current == null || stale(current.readAtNanos()) ? refreshIfStale() : current;
    }

    private static boolean stale(long readAtNanos) {
        return System.nanoTime() - readAtNanos > REREAD_AFTER.toNanos();
    }

    /** Re-reads unless another thread just did (many requests may find it stale at once). */
    private synchronized State refreshIfStale() {
        State current = state;
        return current == null || stale(current.readAtNanos()) ? refresh() : current;
    }

    /** Re-reads the imported years and rebuilds the calendar. */
    synchronized State refresh() {
        Map<Integer, Year> years = new TreeMap<>();
        shipped.forEach((year, parsed) -> years.put(year, new Year(year, Source.SHIPPED, parsed, Optional.empty(), "")));
        for (HolidayCalendarStore.Imported imported : store.all()) {
            try {
                HolidayFile.Parsed parsed = HolidayFile.read(imported.year() + ".json",
                        imported.content().getBytes(StandardCharsets.UTF_8), imported.year());
                years.put(imported.year(), new Year(imported.year(), Source.IMPORTED, parsed,
                        Optional.of(imported.importedAt()), imported.importedBy()));
            } catch (CalendarFileException e) {
                log.error("holiday calendar {} in the database is not valid and is ignored: {}", imported.year(),
                        e.getMessage());
            }
        }
        List<HolidaySchedule> schedules = years.values().stream().map(y -> y.parsed().schedule()).toList();
        State fresh = new State(java.util.Collections.unmodifiableMap(years), schedules,
                new WorkingCalendar(zone(), schedules), System.nanoTime());
        state = fresh;
        return fresh;
    }

    /** One day whose working status a holiday file changes: what it is in the schedule in force, and in the file. */
    record DayChange(LocalDate date, DayKind before, String beforeName, DayKind after, String afterName) {
    }

    /** What a day is: a working day, a weekend, a listed day off, a listed make-up working day (调休上班). */
    enum DayKind {
        WORKING, WEEKEND, OFF, MAKE_UP;

        boolean working() {
            return this == WORKING || this == MAKE_UP;
        }

        static DayKind of(LocalDate date, HolidayFile.Day listed) {
            return listed != null ? (listed.off() ? OFF : MAKE_UP) : HolidayFile.weekend(date) ? WEEKEND : WORKING;
        }
    }

    /**
     * What importing a holiday file would do, nothing stored: the year read from the file, and the days whose working
     * status it changes against the schedule in force (shipped, imported, or Monday to Friday without one).
     */
    record Preview(int year, HolidayFile.Parsed parsed, Optional<Year> inForce, List<DayChange> changes) {
    }

    /**
     * Reads a year's holiday file and compares it with the schedule in force.
     *
     * @throws CalendarFileException with every problem when the file cannot be imported
     */
    Preview preview(int year, String fileName, byte[] content) {
        allowed(year, fileName);
        HolidayFile.Parsed parsed = HolidayFile.read(fileName, content, year, zone());
        Optional<Year> inForce = Optional.ofNullable(years().get(year));
        Map<LocalDate, HolidayFile.Day> before = new java.util.HashMap<>();
        inForce.ifPresent(y -> y.parsed().days().forEach(d -> before.put(d.date(), d)));
        Map<LocalDate, HolidayFile.Day> after = new java.util.HashMap<>();
        parsed.days().forEach(d -> after.put(d.date(), d));
        List<DayChange> changes = new java.util.ArrayList<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            DayKind was = DayKind.of(d, before.get(d));
            DayKind will = DayKind.of(d, after.get(d));
            if (was.working() != will.working()) {
                changes.add(new DayChange(d, was, before.containsKey(d) ? before.get(d).name() : "", will,
                        after.containsKey(d) ? after.get(d).name() : ""));
            }
        }
        return new Preview(year, parsed, inForce, List.copyOf(changes));
    }

    private void allowed(int year, String fileName) {
        int thisYear = thisYear();
        if (year < thisYear || year > thisYear + 1) {
            throw new CalendarFileException(List.of(new CalendarFileException.Problem(fileName,
                    "calendar.problem.yearNotAllowed", Integer.toString(year),
                    Integer.toString(thisYear), Integer.toString(thisYear + 1))));
        }
    }

    /**
     * Imports a year's holiday file (JSON or .ics), replacing what that year had.
     *
     * @throws CalendarFileException with every problem when the file cannot be imported; nothing is stored then
     */
    HolidayFile.Parsed importFile(int year, String fileName, byte[] content, String by) {
        allowed(year, fileName);
        HolidayFile.Parsed parsed = HolidayFile.read(fileName, content, year, zone());
        store.save(year, parsed.json(), clock.instant(), by);
        refresh();
        events.publishEvent(new HolidayCalendarImported(year));
        log.info("holiday calendar {} imported from {} by {}: {} days off, {} working days", year, fileName, by,
                parsed.offDays(), parsed.workingDays());
        return parsed;
    }
}
