package org.warmline.cases;

import java.time.Instant;

/**
 * One line of a case's history: who did what when, and for a changed field its value before and after (as text;
 * instants in ISO-8601 UTC, codes by name).
 *
 * @param action the transition, e.g. {@code DISPATCH} (see {@link Case.Action})
 * @param field  the column changed, e.g. {@code dispatched_at}, or null for a line without a field
 */
public record HistoryEntry(CaseId caseId, Instant at, String actor, String action, String field, String before,
                           String after, String note) {
}
