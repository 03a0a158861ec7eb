package org.warmline.ledger;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Instants of the ledger model are epoch milliseconds; {@link #NONE} marks an empty cell. */
public final class Instants {

    /** An empty instant. */
    public static final long NONE = Long.MIN_VALUE;

    /** Instants as people type them: {@code 2026-01-05}, {@code 2026-01-05 08:30}, {@code 2026-01-05T08:30:00.5+08:00}, … */
    private static final DateTimeFormatter TYPED = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd().optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private Instants() {
    }

    public static boolean present(long instant) {
        return instant != NONE;
    }

    /** The first day the desk and its API take an instant of (at 00:00 in the desk's zone). */
    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    /** How far ahead of now the desk and its API take an instant (two systems' clocks may differ a little). */
    public static final Duration AHEAD = Duration.ofDays(1);

    /**
     * An instant typed into the desk or sent to its API: read as {@link #parse} does (ISO-8601 text: a date, a local
     * date-time in {@code zone}, or with an offset), and refused when it is before {@link #EARLIEST} or more than
     * {@link #AHEAD} after {@code now} — a far-off year is a typing or encoding mistake, not a time of the desk.
     *
     * @throws DateTimeException when the text is none of these ({@link DateTimeParseException}) or out of that range
     */
    public static Instant parseWithin(String text, ZoneId zone, Instant now) {
        return within(parse(text, zone), zone, now);
    }

    /**
     * The instant, if it lies between {@link #EARLIEST} (in {@code zone}) and {@link #AHEAD} after {@code now}.
     *
     * @throws DateTimeException when it does not
     */
    public static Instant within(Instant instant, ZoneId zone, Instant now) {
        if (instant.isBefore(EARLIEST.atStartOfDay(zone).toInstant()) || instant.isAfter(now.plus(AHEAD))) {
            throw new DateTimeException("not between " + EARLIEST + " and a day after now: " + instant);
        }
        return instant;
    }

    /**
     * An instant as the {@code assess} command's {@code --as-of} and the API's {@code asOf} read it: a date (its
     * midnight), a local date-time in {@code zone}, or a date-time with an offset.
     *
     * @throws DateTimeParseException when the text is none of these
     */
    public static Instant parse(String text, ZoneId zone) {
        var parsed = TYPED.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
        return parsed instanceof OffsetDateTime odt ? odt.toInstant() : ((LocalDateTime) parsed).atZone(zone).toInstant();
    }
}
