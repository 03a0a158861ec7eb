package org.warmline.escalation;

import java.time.Instant;

import org.warmline.cases.CaseId;

/** An in-app notification of an account: when, what, about which case (or null), and when it was read (or null). */
public record Notification(long id, long accountId, Instant at, String text, CaseId caseId, Instant readAt) {
}
