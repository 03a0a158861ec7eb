package org.warmline.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Fast, allocation-light parsers for the cell values of docs/ledger.md: instants, dates, booleans and numbers. The
 * instant parser is hand-rolled (no DateTimeFormatter on the hot path) and converts local times with a per-year cache
 * of the zone offset; years in which the zone has a transition fall back to {@link ZoneRules}.
 */
final class Values {

    /** Returned by the parsers when the text cannot be read. */
    static final long BAD = Long.MIN_VALUE + 1;

    private static final int CACHE_FIRST_YEAR = 1900;
    private static final int CACHE_LAST_YEAR = 2200;
    private static final int NO_FIXED_OFFSET = Integer.MIN_VALUE;

    private final ZoneId zone;
    /** Offset in seconds of each year without a transition, or NO_FIXED_OFFSET. */
    private final int[] yearOffsets = new int[CACHE_LAST_YEAR - CACHE_FIRST_YEAR + 1];

    Values(ZoneId zone) {
        this.zone = zone;
        ZoneRules rules = zone.getRules();
        for (int year = CACHE_FIRST_YEAR; year <= CACHE_LAST_YEAR; year++) {
            // the window covers the local year with a day's margin on both sides, whatever the offset
            java.time.Instant from = LocalDateTime.of(year, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).minusSeconds(2 * 86400);
            java.time.Instant to = LocalDateTime.of(year + 1, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).plusSeconds(2 * 86400);
            ZoneOffsetTransition next = rules.nextTransition(from);
            if (next == null || next.getInstant().isAfter(to)) {
                yearOffsets[year - CACHE_FIRST_YEAR] = rules.getOffset(from).getTotalSeconds();
            } else {
                yearOffsets[year - CACHE_FIRST_YEAR] = NO_FIXED_OFFSET;
            }
        }
    }

    ZoneId zone() {
        return zone;
    }

    /**
     * Reads an instant: {@code yyyy-MM-dd HH:mm[:ss[.f…]]} or with {@code T}, optionally followed by {@code Z},
     * {@code ±HH:MM}, {@code ±HHMM} or {@code ±HH}. {@code /} is accepted as the date separator and month, day and hour
     * may have one digit (as Excel writes them in a CSV). The text must be trimmed and non-empty.
     *
     * @return epoch milliseconds, or {@link #BAD}
     */
    long instant(String s) {
        int n = s.length();
        if (n == 19) {
            long fast = plainInstant(s);
            if (fast != BAD) {
                return fast;
            }
        }
        int[] pos = {0};
        int year = digits(s, pos, 4, 4);
        if (year < 0 || pos[0] >= n) {
            return BAD;
        }
        char sep = s.charAt(pos[0]);
        if (sep != '-' && sep != '/') {
            return BAD;
        }
        pos[0]++;
        int month = digits(s, pos, 1, 2);
        if (month < 1 || month > 12 || pos[0] >= n || s.charAt(pos[0]) != sep) {
            return BAD;
        }
        pos[0]++;
        int day = digits(s, pos, 1, 2);
        if (day < 1 || day > lengthOfMonth(year, month) || pos[0] >= n) {
            return BAD;
        }
        char t = s.charAt(pos[0]);
        if (t != ' ' && t != 'T' && t != 't') {
            return BAD;
        }
        pos[0]++;
        while (pos[0] < n && s.charAt(pos[0]) == ' ') {
            pos[0]++;
        }
        int hour = digits(s, pos, 1, 2);
        if (hour < 0 || hour > 23 || pos[0] >= n || s.charAt(pos[0]) != ':') {
            return BAD;
        }
        pos[0]++;
        int minute = digits(s, pos, 2, 2);
        if (minute < 0 || minute > 59) {
            return BAD;
        }
        int second = 0;
        int millis = 0;
        if (pos[0] < n && s.charAt(pos[0]) == ':') {
            pos[0]++;
            second = digits(s, pos, 2, 2);
            if (second < 0 || second > 59) {
                return BAD;
            }
            if (pos[0] < n && (s.charAt(pos[0]) == '.' || s.charAt(pos[0]) == ',')) {
                pos[0]++;
                int start = pos[0];
                int scale = 100;
                while (pos[0] < n && isDigit(s.charAt(pos[0]))) {
                    millis += (s.charAt(pos[0]) - '0') * scale;
                    scale /= 10;
                    pos[0]++;
                }
                int count = pos[0] - start;
                if (count == 0 || count > 9) {
                    return BAD;
                }
            }
        }
        long local = (epochDay(year, month, day) * 86400L + hour * 3600L + minute * 60L + second);
        if (pos[0] == n) {
            return localToEpochMillis(local, year, month, day, hour, minute, second) + millis;
        }
        int offset = offset(s, pos[0]);
        if (offset == NO_FIXED_OFFSET) {
            return BAD;
        }
        return (local - offset) * 1000L + millis;
    }

    /**
     * The common form {@code yyyy-MM-dd HH:mm:ss} (or with {@code T}/{@code t}) read at fixed positions; {@link #BAD}
     * when the text is not exactly that form with valid values, so the general parser decides (same results, faster).
     */
    private long plainInstant(String s) {
        if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return BAD;
        }
        char t = s.charAt(10);
        if (t != ' ' && t != 'T' && t != 't') {
            return BAD;
        }
        int year = fixed(s, 0, 4);
        int month = fixed(s, 5, 2);
        int day = fixed(s, 8, 2);
        int hour = fixed(s, 11, 2);
        int minute = fixed(s, 14, 2);
        int second = fixed(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return BAD;
        }
        long local = epochDay(year, month, day) * 86400L + hour * 3600L + minute * 60L + second;
        return localToEpochMillis(local, year, month, day, hour, minute, second);
    }

    /**
     * {@link #plainInstant(String)} on the 19 characters at {@code at} of a buffer (a CSV parser's, without making a
     * string): the same value for the same text, and {@link #BAD} whenever the general parser has to decide.
     */
    long plainInstant(char[] buf, int at) {
        if (buf[at + 4] != '-' || buf[at + 7] != '-' || buf[at + 13] != ':' || buf[at + 16] != ':') {
            return BAD;
        }
        char t = buf[at + 10];
        if (t != ' ' && t != 'T' && t != 't') {
            return BAD;
        }
        // the fourteen digits without a loop; a character that is no digit makes some d negative or above 9
        int y0 = buf[at] - '0';
        int y1 = buf[at + 1] - '0';
        int y2 = buf[at + 2] - '0';
        int y3 = buf[at + 3] - '0';
        int mo0 = buf[at + 5] - '0';
        int mo1 = buf[at + 6] - '0';
        int d0 = buf[at + 8] - '0';
        int d1 = buf[at + 9] - '0';
        int h0 = buf[at + 11] - '0';
        int h1 = buf[at + 12] - '0';
        int mi0 = buf[at + 14] - '0';
        int mi1 = buf[at + 15] - '0';
        int s0 = buf[at + 17] - '0';
        int s1 = buf[at + 18] - '0';
        int any = y0 | y1 | y2 | y3 | mo0 | mo1 | d0 | d1 | h0 | h1 | mi0 | mi1 | s0 | s1;
        int nines = (9 - y0) | (9 - y1) | (9 - y2) | (9 - y3) | (9 - mo0) | (9 - mo1) | (9 - d0) | (9 - d1)
                | (9 - h0) | (9 - h1) | (9 - mi0) | (9 - mi1) | (9 - s0) | (9 - s1);
        if ((any | nines) < 0) {
            return BAD;
        }
        int year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3;
        int month = mo0 * 10 + mo1;
        int day = d0 * 10 + d1;
        int hour = h0 * 10 + h1;
        int minute = mi0 * 10 + mi1;
        int second = s0 * 10 + s1;
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour > 23 || minute > 59
                || second > 59) {
            return BAD;
        }
        long local = epochDay(year, month, day) * 86400L + hour * 3600L + minute * 60L + second;
        return localToEpochMillis(local, year, month, day, hour, minute, second);
    }

    /** The value of {@code count} ASCII digits at {@code at}, or -1. */
    private static int fixed(String s, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Reads {@code Z}, {@code ±HH:MM}, {@code ±HHMM} or {@code ±HH} (optionally after one space) up to the end. */
    private static int offset(String s, int at) {
        int n = s.length();
        if (at < n && s.charAt(at) == ' ') {
            at++;
        }
        if (at >= n) {
            return NO_FIXED_OFFSET;
        }
        char c = s.charAt(at);
        if ((c == 'Z' || c == 'z') && at + 1 == n) {
            return 0;
        }
        if (c != '+' && c != '-') {
            return NO_FIXED_OFFSET;
        }
        int sign = c == '-' ? -1 : 1;
        int[] pos = {at + 1};
        int hours = digits(s, pos, 2, 2);
        if (hours < 0 || hours > 18) {
            return NO_FIXED_OFFSET;
        }
        int minutes = 0;
        if (pos[0] < n) {
            if (s.charAt(pos[0]) == ':') {
                pos[0]++;
            }
            minutes = digits(s, pos, 2, 2);
            if (minutes < 0 || minutes > 59) {
                return NO_FIXED_OFFSET;
            }
        }
        if (pos[0] != n) {
            return NO_FIXED_OFFSET;
        }
        return sign * (hours * 3600 + minutes * 60);
    }

    /** Epoch milliseconds of a local date-time in the zone (gaps move forward, overlaps take the earlier offset). */
    long localToEpochMillis(LocalDateTime t) {
        long local = epochDay(t.getYear(), t.getMonthValue(), t.getDayOfMonth()) * 86400L + t.toLocalTime().toSecondOfDay();
        return localToEpochMillis(local, t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
                t.getSecond()) + t.getNano() / 1_000_000;
    }

    private long localToEpochMillis(long localSeconds, int year, int month, int day, int hour, int minute, int second) {
        if (year >= CACHE_FIRST_YEAR && year <= CACHE_LAST_YEAR) {
            int offset = yearOffsets[year - CACHE_FIRST_YEAR];
            if (offset != NO_FIXED_OFFSET) {
                return (localSeconds - offset) * 1000L;
            }
        }
        return ZonedDateTime.of(year, month, day, hour, minute, second, 0, zone).toEpochSecond() * 1000L;
    }

    /**
     * Reads a date {@code yyyy-MM-dd} ({@code /} accepted, one-digit month and day accepted).
     *
     * @return the date, or {@code null} when unreadable
     */
    static LocalDate date(String s) {
        int n = s.length();
        int[] pos = {0};
        int year = digits(s, pos, 4, 4);
        if (year < 0 || pos[0] >= n) {
            return null;
        }
        char sep = s.charAt(pos[0]);
        if (sep != '-' && sep != '/') {
            return null;
        }
        pos[0]++;
        int month = digits(s, pos, 1, 2);
        if (month < 1 || month > 12 || pos[0] >= n || s.charAt(pos[0]) != sep) {
            return null;
        }
        pos[0]++;
        int day = digits(s, pos, 1, 2);
        if (day < 1 || day > lengthOfMonth(year, month) || pos[0] != n) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /**
     * Reads a boolean: true/false, yes/no, 是/否, Y/N, 1/0 in any letter case.
     *
     * @return the value, or {@code null} when unreadable
     */
    static Boolean bool(String s) {
        switch (s.length()) {
            case 1:
                char c = s.charAt(0);
                if (c == 'y' || c == 'Y' || c == '1' || c == '是') {
                    return Boolean.TRUE;
                }
                if (c == 'n' || c == 'N' || c == '0' || c == '否') {
                    return Boolean.FALSE;
                }
                return null;
            default:
                // the spellings the writer and Excel use, without a case-insensitive comparison
                if (s.equals("true") || s.equals("TRUE")) {
                    return Boolean.TRUE;
                }
                if (s.equals("false") || s.equals("FALSE")) {
                    return Boolean.FALSE;
                }
                if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes")) {
                    return Boolean.TRUE;
                }
                if (s.equalsIgnoreCase("false") || s.equalsIgnoreCase("no")) {
                    return Boolean.FALSE;
                }
                return null;
        }
    }

    /**
     * Reads a signed decimal number (a leading U+2212 minus sign is accepted), normalised so that equal values are
     * equal: trailing zeros dropped, never a negative scale.
     *
     * @return the number, or {@code null} when unreadable
     */
    static BigDecimal number(String s) {
        String text = s.replace('\u2212', '-');
        if (text.length() > 40) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isDigit(c) || c == '.' || ((c == '-' || c == '+') && i == 0))) {
                return null;
            }
        }
        try {
            return normalise(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static BigDecimal normalise(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** The digits of a number as a person typed it: no {@code .0}, no exponent (13800138000, 1.5). */
    static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return normalise(BigDecimal.valueOf(value)).toPlainString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Reads {@code min}..{@code max} ASCII digits at pos, advancing it; -1 when fewer than min. */
    private static int digits(String s, int[] pos, int min, int max) {
        int i = pos[0];
        int n = s.length();
        int value = 0;
        int count = 0;
        while (i < n && count < max && isDigit(s.charAt(i))) {
            value = value * 10 + (s.charAt(i) - '0');
            i++;
            count++;
        }
        if (count < min) {
            return -1;
        }
        pos[0] = i;
        return value;
    }

    private static int lengthOfMonth(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (as LocalDate.toEpochDay). */
    static long epochDay(int year, int month, int day) {
        long y = year;
        long m = month;
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367 * m - 362) / 12;
        total += day - 1;
        if (m > 2) {
            total--;
            if (!(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
                total--;
            }
        }
        return total - 719528L;
    }
}
