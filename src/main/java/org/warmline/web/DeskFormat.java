package org.warmline.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How the desk pages write instants: in the zone of the working-day calendar (Asia/Shanghai by default), to the
 * minute. Available to every page as {@code fmt} (public so that the templates' expressions may call it).
 */
public final class DeskFormat {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final ZoneId zone;

    DeskFormat(ZoneId zone) {
        this.zone = zone;
    }

    /** {@code 2026-01-05 14:30}, or empty for none. */
    public String at(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant.atZone(zone));
    }

    /** The value of a {@code datetime-local} input. */
    public String input(Instant instant) {
        return instant == null ? "" : INPUT.format(instant.atZone(zone));
    }

    /**
     * A value of the history as a person reads it: an instant (kept there in ISO-8601) written as {@link #at}, anything
     * else as it is.
     */
    public String value(String text) {
        if (text == null || text.length() < 20 || !text.endsWith("Z") || text.charAt(4) != '-') {
            return text;
        }
        try {
            return at(Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            return text;
        }
    }

    /** A file size: {@code 860 KB}, {@code 2.4 MB}. */
    public String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return Math.max(1, Math.round(bytes / 1024.0)) + " KB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** The zone the desk's days and times are written in. */
    public ZoneId zone() {
        return zone;
    }
}
