package org.warmline.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** docs/assessment.md section 3 (working days) and section 2 (periods). */
class WorkingCalendarTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final long HOUR = 3_600_000L;

    private final WorkingCalendar calendar = WorkingCalendar.shipped(ZONE);

    private static long t(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T')).atZone(ZONE).toInstant().toEpochMilli();
    }

    private long plusWorkingDays(String start, int days) {
        return calendar.addWorkingMillis(t(start), days * WorkingCalendar.DAY_MILLIS);
    }

    // "Friday 15:00 + 3 working days = Wednesday 15:00 (9 h Fri, 24 h Mon, 24 h Tue, 15 h Wed)."
    @Test
    void fridayPlusThreeWorkingDaysIsWednesdaySameHour() {
        assertThat(plusWorkingDays("2026-01-09 15:00", 3)).isEqualTo(t("2026-01-14 15:00"));
        assertThat(calendar.addWorkingDays(java.time.Instant.ofEpochMilli(t("2026-01-09 15:00")), 3))
                .isEqualTo(java.time.Instant.ofEpochMilli(t("2026-01-14 15:00")));
    }

    // "Tuesday 2026-02-17 10:00 (inside the Spring Festival holiday) + 3 working days = 2026-02-27 00:00 (the count
    // starts on Tuesday 2026-02-24, the first working day after the holiday)"
    @Test
    void springFestivalExample() {
        assertThat(plusWorkingDays("2026-02-17 10:00", 3)).isEqualTo(t("2026-02-27 00:00"));
    }

    // "or a weekend date that the official schedule declares a working day (调休上班)": 2026-02-14 and 2026-02-28 are
    // make-up Saturdays; the Spring Festival holiday runs 2026-02-15..23.
    @Test
    void springFestival2026Schedule() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 28))).isTrue();
        for (LocalDate d = LocalDate.of(2026, 2, 15); !d.isAfter(LocalDate.of(2026, 2, 23)); d = d.plusDays(1)) {
            assertThat(calendar.isWorkingDay(d)).as(d.toString()).isFalse();
        }
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 13))).isTrue();  // Friday
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 24))).isTrue();  // Tuesday after the holiday
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 1))).isFalse();  // an ordinary Sunday
    }

    // "A working day is a date that is a Monday-Friday and not a public holiday": New Year's Day 2026 (Thursday) is off;
    // Sunday 2026-01-04 is a make-up working day.
    @Test
    void newYear2026() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 1))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 2))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 4))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 5))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 10))).isFalse();
    }

    // "Working time between two instants = the part of that interval that falls on working days (whole days,
    // 00:00-24:00; no office hours)."
    @Test
    void workingTimeAcrossAWeekend() {
        // Friday 18:00 -> Monday 06:00: 6 h on Friday + 6 h on Monday.
        assertThat(calendar.workingMillisBetween(t("2026-01-09 18:00"), t("2026-01-12 06:00"))).isEqualTo(12 * HOUR);
        // Saturday to Sunday only: none.
        assertThat(calendar.workingMillisBetween(t("2026-01-10 08:00"), t("2026-01-11 20:00"))).isZero();
        // Inside one working day: the plain duration (no office hours).
        assertThat(calendar.workingMillisBetween(t("2026-01-06 01:00"), t("2026-01-06 23:00"))).isEqualTo(22 * HOUR);
    }

    @Test
    void workingTimeAcrossTheSpringFestival() {
        // Fri 2026-02-13 12:00 -> Wed 2026-02-25 12:00: 12 h Fri + 24 h Sat 14 (make-up) + 24 h Tue 24 + 12 h Wed.
        assertThat(calendar.workingTimeBetween(java.time.Instant.ofEpochMilli(t("2026-02-13 12:00")),
                java.time.Instant.ofEpochMilli(t("2026-02-25 12:00")))).isEqualTo(Duration.ofHours(72));
        // Thu 2026-02-26 00:00 -> Mon 2026-03-02 00:00: Thu, Fri and the make-up Saturday 2026-02-28.
        assertThat(calendar.workingMillisBetween(t("2026-02-26 00:00"), t("2026-03-02 00:00"))).isEqualTo(72 * HOUR);
        // The whole holiday: nothing.
        assertThat(calendar.workingMillisBetween(t("2026-02-15 00:00"), t("2026-02-24 00:00"))).isZero();
    }

    @Test
    void addingCountsTheMakeUpSaturdays() {
        // Fri 2026-02-13 10:00: 14 h Fri, 24 h Sat 14 (make-up), then 24 h Tue 24 and 10 h Wed 25.
        assertThat(plusWorkingDays("2026-02-13 10:00", 3)).isEqualTo(t("2026-02-25 10:00"));
        // Thu 2026-02-26 12:00: 12 h Thu, 24 h Fri, 24 h Sat 28 (make-up), 12 h Mon 2026-03-02.
        assertThat(plusWorkingDays("2026-02-26 12:00", 3)).isEqualTo(t("2026-03-02 12:00"));
    }

    // "Adding N working days to an instant = the earliest instant at which the working time since the start equals N x 24 h."
    @Test
    void addingFromAWeekendStartsAtTheNextWorkingDay() {
        // Saturday 2026-01-10 10:00 + 1 working day = Tuesday 00:00 (all of Monday).
        assertThat(plusWorkingDays("2026-01-10 10:00", 1)).isEqualTo(t("2026-01-13 00:00"));
    }

    // "A date in a year that has no schedule falls back to Monday-Friday, and the result carries one warning per such year."
    @Test
    void yearWithoutScheduleFallsBackToMondayToFriday() {
        WorkingCalendar fresh = WorkingCalendar.shipped(ZONE);
        assertThat(fresh.yearsWithoutSchedule()).isEmpty();
        // 2030-01-01 is a Tuesday: a working day by the fallback (no schedule says otherwise).
        assertThat(fresh.isWorkingDay(LocalDate.of(2030, 1, 1))).isTrue();
        assertThat(fresh.isWorkingDay(LocalDate.of(2030, 1, 5))).isFalse(); // Saturday
        // Fri 2030-01-04 15:00 + 3 = Wed 2030-01-09 15:00
        assertThat(fresh.addWorkingMillis(t("2030-01-04 15:00"), 3 * WorkingCalendar.DAY_MILLIS))
                .isEqualTo(t("2030-01-09 15:00"));
        assertThat(fresh.yearsWithoutSchedule()).containsExactly(2030);
        assertThat(fresh.scheduledYears()).contains(2024, 2025, 2026);
    }

    @Test
    void scheduledYearsAreNotReportedAsMissing() {
        WorkingCalendar fresh = WorkingCalendar.shipped(ZONE);
        fresh.isWorkingDay(LocalDate.of(2026, 2, 14));
        fresh.isWorkingDay(LocalDate.of(2024, 10, 1));
        assertThat(fresh.yearsWithoutSchedule()).isEmpty();
    }

    // ---- periods: "a month 2026-01, a quarter 2026-Q1, or a year 2026"; "Quarters are Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec."

    @Test
    void parsesAMonth() {
        Period p = Period.parse("2026-01", 1);
        assertThat(p.kind()).isEqualTo(Period.Kind.MONTH);
        assertThat(p.start()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(p.end()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(p.toString()).isEqualTo("2026-01");
    }

    @Test
    void parsesAQuarter() {
        Period p = Period.parse("2026-Q1", 1);
        assertThat(p.kind()).isEqualTo(Period.Kind.QUARTER);
        assertThat(p.start()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(p.end()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(p.months()).extracting(Period::label).containsExactly("2026-01", "2026-02", "2026-03");
        assertThat(Period.parse("2026-Q4", 1).start()).isEqualTo(LocalDate.of(2026, 10, 1));
    }

    // "over the assessment year's 12 months and 4 quarters"; "The assessment year is the calendar year by default"
    @Test
    void parsesACalendarYear() {
        Period p = Period.parse("2026", 1);
        assertThat(p.kind()).isEqualTo(Period.Kind.YEAR);
        assertThat(p.start()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(p.end()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(p.months()).hasSize(12);
        assertThat(p.quarters()).extracting(Period::label)
                .containsExactly("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4");
    }

    // "a heating-season year (e.g. 2026-10 to 2027-09) is a setting"
    @Test
    void parsesAHeatingSeasonYear() {
        Period p = Period.parse("2026", 10);
        assertThat(p.start()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(p.end()).isEqualTo(LocalDate.of(2027, 10, 1));
        assertThat(p.months()).hasSize(12);
        assertThat(p.months().get(0).label()).isEqualTo("2026-10");
        assertThat(p.months().get(11).label()).isEqualTo("2027-09");
        assertThat(p.quarters()).extracting(Period::label)
                .containsExactly("2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3");
        // months and quarters of a heating-season year are still calendar months and quarters
        assertThat(Period.parse("2026-10", 10).end()).isEqualTo(LocalDate.of(2026, 11, 1));
    }

    @Test
    void rejectsWhatIsNoPeriod() {
        assertThatThrownBy(() -> Period.parse("2026-13", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.parse("2026-Q5", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.parse("January", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
