package org.warmline.cases;

import java.time.Instant;
import java.util.Set;

/**
 * A page of the case list: every filter is optional (null or empty = no filter). Results are sorted by the nearest
 * deadline of the running clocks (cases with none last), then by submission, then by id.
 *
 * @param states        the states to show
 * @param units         responsible unit codes (the caller expands a unit to its subtree)
 * @param handler       the handler's staff code
 * @param phone         the citizen's phone (compared normalised, like docs/assessment.md 2.4)
 * @param text          a part of the case number, citizen name, address, demand, solution or notes (any letter case)
 * @param submittedFrom submitted at or after
 * @param submittedTo   submitted before
 * @param limit         page size (1-500)
 * @param offset        rows to skip
 * @param visibility    the data scope (cases of these units or of this handler), or null for every case
 */
public record CaseQuery(Set<CaseState> states, Set<String> units, String handler, String phone, String text,
                        Instant submittedFrom, Instant submittedTo, int limit, int offset, Visibility visibility) {

    /**
     * A data scope as a filter: cases whose responsible unit is one of {@code units}, or whose handler is
     * {@code handler}; nothing when both are empty (see {@link CaseAccess#scoped}).
     */
    public record Visibility(Set<String> units, String handler) {

        public Visibility {
            units = units == null ? Set.of() : Set.copyOf(units);
            handler = handler == null || handler.isBlank() ? null : handler.trim();
        }
    }

    public CaseQuery(Set<CaseState> states, Set<String> units, String handler, String phone, String text,
                     Instant submittedFrom, Instant submittedTo, int limit, int offset) {
        this(states, units, handler, phone, text, submittedFrom, submittedTo, limit, offset, null);
    }

    public CaseQuery {
        states = states == null ? Set.of() : Set.copyOf(states);
        units = units == null ? Set.of() : Set.copyOf(units);
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1-500: " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }

    /** Everything, first page of 50. */
    public static CaseQuery all() {
        return new CaseQuery(Set.of(), Set.of(), null, null, null, null, null, 50, 0);
    }

    public CaseQuery withStates(Set<CaseState> states) {
        return new CaseQuery(states, units, handler, phone, text, submittedFrom, submittedTo, limit, offset, visibility);
    }

    public CaseQuery withUnits(Set<String> units) {
        return new CaseQuery(states, units, handler, phone, text, submittedFrom, submittedTo, limit, offset, visibility);
    }

    public CaseQuery withHandler(String handler) {
        return new CaseQuery(states, units, handler, phone, text, submittedFrom, submittedTo, limit, offset, visibility);
    }

    public CaseQuery withPhone(String phone) {
        return new CaseQuery(states, units, handler, phone, text, submittedFrom, submittedTo, limit, offset, visibility);
    }

    public CaseQuery withText(String text) {
        return new CaseQuery(states, units, handler, phone, text, submittedFrom, submittedTo, limit, offset, visibility);
    }

    public CaseQuery submitted(Instant from, Instant to) {
        return new CaseQuery(states, units, handler, phone, text, from, to, limit, offset, visibility);
    }

    public CaseQuery page(int limit, int offset) {
        return new CaseQuery(states, units, handler, phone, text, submittedFrom, submittedTo, limit, offset, visibility);
    }

    /** The query within a data scope (see {@link CaseAccess#scoped}). */
    public CaseQuery visibleTo(Visibility visibility) {
        return new CaseQuery(states, units, handler, phone, text, submittedFrom, submittedTo, limit, offset, visibility);
    }
}
