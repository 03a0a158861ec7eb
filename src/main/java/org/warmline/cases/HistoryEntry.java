package org.warmline.cases;

import java.time.Instant;

/**
 * One line of a case's history: who did what when, and for a changed field its value before and after (as text;
 * instants in ISO-8601 UTC, codes by name).
 *
 * @param action the transition, e.g. {@code DISPATCH} (see {@link Case.Action})
 * @param field  the column changed, e.g. {@code dispatched_at}, or null for a line without a field
 * @param note   a free text as written (a reason, an explanation), or null
 * @param text   what the line says as a message key and arguments, shown in the viewer's language, or null
 */
public record HistoryEntry(CaseId caseId, Instant at, String actor, String action, String field, String before,
                           String after, String note, KeyedText text) {

    public HistoryEntry(CaseId caseId, Instant at, String actor, String action, String field, String before,
                        String after, String note) {
        this(caseId, at, actor, action, field, before, after, note, null);
    }

    /** A line without a field that says {@code text}. */
    public static HistoryEntry saying(CaseId caseId, Instant at, String actor, String action, KeyedText text) {
        return new HistoryEntry(caseId, at, actor, action, null, null, null, null, text);
    }

    /** The same line for another case id (a case stored since). */
    HistoryEntry forCase(CaseId id) {
        return new HistoryEntry(id, at, actor, action, field, before, after, note, text);
    }
}
