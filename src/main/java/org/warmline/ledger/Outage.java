package org.warmline.ledger;

/**
 * A channel outage (渠道故障) and when backup answering started.
 *
 * @param channel         the channel, free text
 * @param unit            the owning unit's code; {@code null} means the HQ_SERVICE unit
 * @param startedAt       when the outage began (epoch millis)
 * @param backupStartedAt when backup answering started (epoch millis), or {@link Instants#NONE}
 * @param row             the spreadsheet row it was read from (the header is row 1), for references
 */
public record Outage(String channel, String unit, long startedAt, long backupStartedAt, int row) {
}
