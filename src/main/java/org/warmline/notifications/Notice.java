package org.warmline.notifications;

import java.time.Instant;
import java.util.List;

import org.warmline.cases.CaseId;
import org.warmline.cases.KeyedText;
import org.warmline.security.Account;

/** Something to tell people: the recipients, what (a message key and arguments), and the case it is about (or null). */
public record Notice(List<Account> recipients, Instant at, KeyedText text, CaseId caseId, String caseNo) {

    public Notice {
        recipients = List.copyOf(recipients);
    }
}
