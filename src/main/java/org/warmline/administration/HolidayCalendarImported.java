package org.warmline.administration;

/**
 * Published after a year's holiday schedule was imported and {@link Calendars#current()} rebuilt: deadlines counted in
 * working days may have moved.
 *
 * @param year the imported year
 */
public record HolidayCalendarImported(int year) {
}
