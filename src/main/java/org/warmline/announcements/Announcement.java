package org.warmline.announcements;

import java.time.Instant;
import java.util.List;

import org.warmline.cases.CaseId;

/**
 * An outage announcement (停热/抢修公告) as stored.
 *
 * @param cause             why there is no heat (one line)
 * @param startedAt         when heat stopped (or stops: a planned outage may be announced ahead)
 * @param expectedRestoreAt when heat is expected back
 * @param unit              the responsible unit: the complex case's
 * @param caseId            the complex-problem case the announcement stands for
 * @param stations          the heating stations covered (with everything below them)
 * @param patterns          the address patterns covered, as written
 * @param restoredAt        when heat came back (closed announcements)
 * @param version           for optimistic locking
 */
public record Announcement(long id, String cause, Instant startedAt, Instant expectedRestoreAt, String unit,
                           CaseId caseId, String caseNo, State state, List<String> stations, List<String> patterns,
                           Instant postedAt, String postedBy, Instant closedAt, String closedBy, Instant restoredAt,
                           int version) {

    /** Active until heat is back. */
    public enum State { ACTIVE, CLOSED }

    public Announcement {
        stations = List.copyOf(stations);
        patterns = List.copyOf(patterns);
    }

    public boolean active() {
        return state == State.ACTIVE;
    }

    /** Whether heat is overdue: the expected restore time has passed and the announcement is still active. */
    public boolean overdue(Instant now) {
        return active() && expectedRestoreAt.isBefore(now);
    }
}
