/**
 * Administration of the assessment's settings (方案与日历管理): the versions of the assessment scheme (考核方案版本) — uploaded
 * as YAML, each activated from the first day of a coming month — and the holiday calendars (节假日安排) imported per year
 * as holiday-cn JSON or iCalendar, over the shipped ones. Other modules ask {@link org.warmline.administration.SchemeVersions}
 * for the scheme of a day or a period and {@link org.warmline.administration.Calendars} for the working-day calendar.
 */
package org.warmline.administration;
