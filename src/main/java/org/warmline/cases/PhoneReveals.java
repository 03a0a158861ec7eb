package org.warmline.cases;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import org.warmline.security.Account;

/**
 * The log of revealed phone numbers (docs/desk.md: citizens' phone numbers are masked except to the people working
 * the case; revealing one is logged): a line in the case's history with action {@value #ACTION}, who and when, without
 * the number itself. The case and its version are not changed.
 */
@Component
public class PhoneReveals {

    /** The history action of a reveal. */
    public static final String ACTION = "PHONE_REVEALED";

    private final CaseRepository cases;

    PhoneReveals(CaseRepository cases) {
        this.cases = cases;
    }

    /** Records that {@code by} was shown the full phone number of the case at {@code at}. */
    public void record(CaseId id, Account by, Instant at) {
        recordAll(List.of(id), by, at);
    }

    /** Records that {@code by} was shown the full phone numbers of these cases at {@code at} (one statement). */
    public void recordAll(List<CaseId> ids, Account by, Instant at) {
        String actor = CaseDesk.actor(by);
        cases.appendHistory(ids.stream().distinct()
                .map(id -> new HistoryEntry(id, at, actor, ACTION, "citizen_phone", null, null, null)).toList());
    }
}
