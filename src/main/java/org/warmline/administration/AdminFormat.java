package org.warmline.administration;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Instants of the administration pages as local date and time ({@code 2026-11-28 14:05}) in the scheme's zone. */
final class AdminFormat {

    private final DateTimeFormatter format;

    AdminFormat(ZoneId zone) {
        this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    public String at(Instant instant) {
        return instant == null ? "" : format.format(instant);
    }
}
