package org.warmline.cases;

import java.time.Instant;

import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;

/**
 * A case submitted online (WECHAT, APP) or transferred from the 12345 platform (GOV_HOTLINE, with its ticket number).
 * The same {@code idempotencyKey} submitted twice gives the same case.
 *
 * @param submittedAt when submitted (for a 12345 transfer, the platform's time), or null for "now"
 */
public record OnlineCommand(String idempotencyKey, Channel channel, String externalTicket, Category category,
                            boolean complex, String topic, String citizenName, String citizenPhone, String address,
                            String demand, Instant occurredAt, Instant submittedAt) {
}
