package org.warmline.assessing;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.warmline.calendar.WorkingCalendar;

/**
 * How long after publishing a deduction may be appealed: {@code warmline.assessment.appeal-window}, {@code 5d}
 * (calendar days of 24 h), {@code 5wd} (working days of the working calendar) or an ISO duration such as {@code PT72H}.
 */
record AppealWindow(int days, boolean workingDays, Duration duration) {

    private static final Pattern DAYS = Pattern.compile("(\\d{1,3})\\s*(d|wd)", Pattern.CASE_INSENSITIVE);

    static AppealWindow parse(String text) {
        String value = text == null ? "" : text.trim();
        Matcher m = DAYS.matcher(value);
        if (m.matches()) {
            return new AppealWindow(Integer.parseInt(m.group(1)), m.group(2).equalsIgnoreCase("wd"), null);
        }
        try {
            return new AppealWindow(0, false, Duration.parse(value));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("warmline.assessment.appeal-window: '" + value
                    + "' is none of 5d, 5wd, PT72H");
        }
    }

    /** The last instant (exclusive) an appeal against a result published at {@code published} is accepted. */
    Instant closes(Instant published, WorkingCalendar calendar) {
        if (duration != null) {
            return published.plus(duration);
        }
        return workingDays ? calendar.addWorkingDays(published, days) : published.plus(Duration.ofDays(days));
    }
}
