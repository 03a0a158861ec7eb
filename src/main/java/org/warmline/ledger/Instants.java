package org.warmline.ledger;

import java.time.Instant;
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
