package org.warmline.notifications;

import java.time.Instant;

import org.warmline.cases.CaseId;
import org.warmline.cases.KeyedText;

/**
 * An in-app notification of an account: when, what (shown in the viewer's language), about which case (or null), and
 * when it was read (or null).
 */
public record Notification(long id, long accountId, Instant at, KeyedText text, CaseId caseId, String caseNo,
                           Instant readAt) {

    public boolean unread() {
        return readAt == null;
    }
}
