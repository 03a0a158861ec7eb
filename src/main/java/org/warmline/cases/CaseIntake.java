package org.warmline.cases;

import java.time.Instant;

import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;

/**
 * What a case is about, as taken in (by an agent or the online form): the fields fixed at intake.
 *
 * @param topic        a topic code, its Chinese name or other text (normalised like the ledger's)
 * @param occurredAt   when the problem began, or null
 * @param submittedAt  when the citizen submitted it (may be earlier than it is typed in)
 * @param caseNo       the case number, or null to have one assigned ({@code W} + yyyyMMdd + {@code -} + id)
 */
public record CaseIntake(Channel channel, Category category, boolean complex, String topic, String citizenName,
                         String citizenPhone, String address, String demand, Instant occurredAt, Instant submittedAt,
                         String caseNo) {
}
