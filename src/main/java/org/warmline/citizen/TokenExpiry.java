package org.warmline.citizen;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.warmline.cases.CaseEvent;

/**
 * Starts the expiry of a case's tracking links when the case is completed (again, after a re-handling) or withdrawn,
 * in the transaction of that change.
 */
@Component
class TokenExpiry {

    private final TrackingTokens tokens;

    TokenExpiry(TrackingTokens tokens) {
        this.tokens = tokens;
    }

    @EventListener
    void completed(CaseEvent.CaseCompleted event) {
        tokens.expireAfterClosing(event.caseId(), event.at());
    }

    @EventListener
    void withdrawn(CaseEvent.CaseWithdrawn event) {
        tokens.expireAfterClosing(event.caseId(), event.at());
    }
}
