package org.warmline.calendar;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An assessment period (考核周期): a month ({@code 2026-01}), a calendar quarter ({@code 2026-Q1}, Jan–Mar) or an
 * assessment year ({@code 2026}), which starts in the scheme's first month (January by default; October for a
 * heating-season year, so {@code 2026} is then 2026-10 to 2027-09).
 *
 * @param kind  month, quarter or year
 * @param label the period as written ({@code 2026-01}, {@code 2026-Q1}, {@code 2026})
 * @param start its first date
 * @param end   the first date after it
 */
public record Period(Kind kind, String label, LocalDate start, LocalDate end) implements Comparable<Period> {

    /** The kinds of period, as the JSON result names them ({@code periodKind}). */
    public enum Kind { MONTH, QUARTER, YEAR }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public static Period month(YearMonth month) {
        return new Period(Kind.MONTH, month.toString(), month.atDay(1), month.plusMonths(1).atDay(1));
    }

    public static Period quarter(int year, int quarter) {
        LocalDate start = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
        return new Period(Kind.QUARTER, year + "-Q" + quarter, start, start.plusMonths(3));
    }

    /** The assessment year labelled {@code year}, starting in {@code startMonth}. */
    public static Period year(int year, int startMonth) {
        LocalDate start = LocalDate.of(year, startMonth, 1);
        return new Period(Kind.YEAR, Integer.toString(year), start, start.plusYears(1));
    }

    /**
     * Parses {@code 2026-01}, {@code 2026-Q1} or {@code 2026}.
     *
     * @throws IllegalArgumentException when the text is none of these
     */
    public static Period parse(String text, int yearStartMonth) {
        String value = text == null ? "" : text.trim();
        Matcher m = MONTH.matcher(value);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(2));
            if (month >= 1 && month <= 12) {
                return month(YearMonth.of(Integer.parseInt(m.group(1)), month));
            }
        }
        m = QUARTER.matcher(value);
        if (m.matches()) {
            return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        m = YEAR.matcher(value);
        if (m.matches()) {
            return year(Integer.parseInt(m.group(1)), yearStartMonth);
        }
        throw new IllegalArgumentException(value);
    }

    /** Whether a date lies in this period. */
    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && date.isBefore(end);
    }

    /** The months of this period, in order. */
    public List<Period> months() {
        List<Period> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(start); m.atDay(1).isBefore(end); m = m.plusMonths(1)) {
            months.add(month(m));
        }
        return months;
    }

    /** The calendar quarters that lie wholly in this period, in order. */
    public List<Period> quarters() {
        List<Period> quarters = new ArrayList<>();
        for (Period month : months()) {
            int monthValue = month.start().getMonthValue();
            if (monthValue % 3 == 1) {
                Period quarter = quarter(month.start().getYear(), (monthValue - 1) / 3 + 1);
                if (!quarter.end().isAfter(end)) {
                    quarters.add(quarter);
                }
            }
        }
        return quarters;
    }

    /** The quarter that holds the given month. */
    public static Period quarterOf(LocalDate date) {
        return quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
    }

    @Override
    public int compareTo(Period other) {
        int byStart = start.compareTo(other.start);
        return byStart != 0 ? byStart : other.end.compareTo(end);
    }

    @Override
    public String toString() {
        return label;
    }
}
