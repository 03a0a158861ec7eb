package org.warmline.assessment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;

/**
 * The periods one computation scores: the period asked for, last, and before it, for a year, its months and quarters
 * (for the annual composite). For a year the cases are counted in the months only; a quarter's and the year's tallies
 * are their months' tallies joined in order (the cases come sorted by submission, so that is the order of counting).
 */
final class Periods {

    private final List<Period> periods = new ArrayList<>();
    /** For each period, the indexes of the months whose tallies make up its tally, or null when counted directly. */
    private final int[][] parts;
    /** By month label, the indexes of the periods counted directly that hold it. */
    private final Map<String, int[]> byMonth = new HashMap<>();
    /** The distinct values of {@link #byMonth}, numbered from 1 by {@link #holding}. */
    private final List<int[]> holdings = new ArrayList<>();
    private final WorkingCalendar calendar;
    private long lastDay = Long.MIN_VALUE;
    private int lastHolding;

    Periods(Period period, WorkingCalendar calendar) {
        this.calendar = calendar;
        if (period.kind() == Period.Kind.YEAR) {
            periods.addAll(period.months());
            periods.addAll(period.quarters());
        }
        periods.add(period);
        parts = new int[periods.size()][];
        if (period.kind() == Period.Kind.YEAR) {
            Map<String, Integer> monthIndexes = new HashMap<>();
            for (int i = 0; i < periods.size(); i++) {
                if (periods.get(i).kind() == Period.Kind.MONTH) {
                    monthIndexes.put(periods.get(i).label(), i);
                }
            }
            for (int i = 0; i < periods.size(); i++) {
                if (periods.get(i).kind() != Period.Kind.MONTH) {
                    List<Period> months = periods.get(i).months();
                    int[] indexes = new int[months.size()];
                    for (int k = 0; k < indexes.length; k++) {
                        indexes[k] = monthIndexes.get(months.get(k).label());
                    }
                    parts[i] = indexes;
                }
            }
        }
        for (int i = 0; i < periods.size(); i++) {
            if (parts[i] != null) {
                continue;
            }
            for (Period month : periods.get(i).months()) {
                int index = i;
                byMonth.merge(month.label(), new int[] {index}, (a, b) -> {
                    int[] c = Arrays.copyOf(a, a.length + 1);
                    c[a.length] = index;
                    return c;
                });
            }
        }
        holdings.addAll(new java.util.LinkedHashSet<>(byMonth.values()));
    }

    int size() {
        return periods.size();
    }

    Period get(int index) {
        return periods.get(index);
    }

    /** The index of the period asked for. */
    int main() {
        return periods.size() - 1;
    }

    /** The indexes of the months whose tallies make up a period's tally, or null when its cases are counted in it. */
    int[] parts(int index) {
        return parts[index];
    }

    /**
     * Which periods counted directly hold a case submitted at an instant: 0 for none, else a number for
     * {@link #indexes}. One thread only; fastest with the instants in order (the month is looked up once per day).
     */
    int holding(long submittedAt) {
        long day = calendar.epochDay(submittedAt);
        if (day != lastDay) {
            lastDay = day;
            int[] indexes = byMonth.get(LocalDate.ofEpochDay(day).toString().substring(0, 7));
            lastHolding = indexes == null ? 0 : holdings.indexOf(indexes) + 1;
        }
        return lastHolding;
    }

    /** The indexes of the periods counted directly that a {@link #holding} other than 0 stands for. */
    int[] indexes(int holding) {
        return holdings.get(holding - 1);
    }
}
