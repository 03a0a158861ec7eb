package org.warmline.escalation;

import java.time.Instant;
import java.util.List;

import org.warmline.cases.CaseId;
import org.warmline.security.Account;

/**
 * Something to tell people: the recipients, the text, and the case it is about (or null).
 */
public record Notice(List<Account> recipients, Instant at, String text, CaseId caseId, String caseNo) {

    public Notice {
        recipients = List.copyOf(recipients);
    }
}
