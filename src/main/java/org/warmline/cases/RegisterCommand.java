package org.warmline.cases;

import java.time.Instant;

import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;

/**
 * A hotline or walk-in case typed in by an agent. {@code submittedAt} is when the citizen called or came (it may be
 * earlier than now: a walk-in written on paper first); {@code caseNo} null to have one assigned.
 */
public record RegisterCommand(Channel channel, Category category, boolean complex, String topic, String citizenName,
                              String citizenPhone, String address, String demand, Instant occurredAt,
                              Instant submittedAt, String caseNo) {

    CaseIntake intake() {
        return new CaseIntake(channel, category, complex, topic, citizenName, citizenPhone, address, demand, occurredAt,
                submittedAt, caseNo);
    }
}
