package org.warmline.records;

import java.time.Instant;

/**
 * A manual record as the desk stores it: the ledger's record with its database id, and who recorded it when.
 *
 * @param id         the row's id (for a regulation, whose key is its unit, 0; for a special task, 0 — its key is the
 *                   task number)
 * @param record     the ledger's record (a {@link org.warmline.ledger.Regulation}, {@link org.warmline.ledger.Training},
 *                   …)
 * @param recordedAt when it was recorded
 * @param recordedBy the account that recorded it
 */
public record Recorded<T>(long id, T record, Instant recordedAt, String recordedBy) {
}
