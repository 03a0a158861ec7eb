package org.warmline.assessment;

import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.Category;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.ledger.Instants.NONE;

/** The 2.2 deadlines of docs/assessment.md with its own examples. */
class DeadlinesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Scheme SCHEME = SchemeLoader.defaultScheme();
    private static final WorkingCalendar CALENDAR = WorkingCalendar.shipped(SHANGHAI);

    private static long at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant().toEpochMilli();
    }

    private static long deadline(Category category, boolean complex, String submitted) {
        return Deadlines.handlingDeadline(SCHEME, CALENDAR, category, complex, at(submitted));
    }

    @Test
    void consultationFourCalendarHours() {
        assertThat(deadline(Category.CONSULTATION, false, "2026-01-09T22:30")).isEqualTo(at("2026-01-10T02:30"));
    }

    @Test
    void complaintTwentyFourCalendarHoursEvenOverAWeekend() {
        assertThat(deadline(Category.COMPLAINT, false, "2026-01-09T15:00")).isEqualTo(at("2026-01-10T15:00"));
    }

    @Test
    void fridayAfternoonPlusThreeWorkingDaysIsWednesdayAfternoon() {
        // 2026-01-09 is a Friday: 9 h Fri, 24 h Mon, 24 h Tue, 15 h Wed
        assertThat(deadline(Category.SUGGESTION, false, "2026-01-09T15:00")).isEqualTo(at("2026-01-14T15:00"));
        assertThat(deadline(Category.COMPLAINT, true, "2026-01-09T15:00")).isEqualTo(at("2026-01-14T15:00"));
    }

    @Test
    void complexDuringTheSpringFestivalStartsCountingAfterTheHoliday() {
        assertThat(deadline(Category.CONSULTATION, true, "2026-02-17T10:00")).isEqualTo(at("2026-02-27T00:00"));
        assertThat(Deadlines.inWorkingDays(SCHEME, Category.CONSULTATION, true)).isTrue();
        assertThat(Deadlines.inWorkingDays(SCHEME, Category.COMPLAINT, false)).isFalse();
    }

    @Test
    void noCategoryAndNotComplexHasNoDeadline() {
        assertThat(deadline(null, false, "2026-01-09T15:00")).isEqualTo(NONE);
        assertThat(deadline(null, true, "2026-01-09T15:00")).isEqualTo(at("2026-01-14T15:00"));
    }
}
