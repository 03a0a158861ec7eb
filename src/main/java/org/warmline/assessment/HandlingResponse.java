package org.warmline.assessment;

import java.math.BigDecimal;
import java.util.List;

import org.warmline.calendar.Period;
import org.warmline.ledger.CaseRecord;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;

import static org.warmline.ledger.CaseColumn.ACCEPTED_BY;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;
import static org.warmline.ledger.Instants.NONE;

/**
 * 2.1 响应时效 (response, {@code handling.response}; docs/assessment.md): two timers per case. Acceptance, from
 * submission to the acceptance milestone, counts only for the accepting agent and the HQ_SERVICE unit that agent
 * belongs to; contact, from dispatch to {@code contacted_at}, counts for the case's subjects. Late by {@code d}, a
 * timer loses {@code ceil(d / step) × points}. Settings: {@code items.handling.response} ({@code acceptance},
 * {@code contact}).
 */
final class HandlingResponse implements CaseItem {

    static final String LATE_ACCEPTANCE = "response.late-acceptance";
    static final String LATE_CONTACT = "response.late-contact";
    /** The rules whose reference is a case number. */
    static final List<String> CASE_RULES = List.of(LATE_ACCEPTANCE, LATE_CONTACT);

    private final Scheme.Response settings;
    /** By case: the loss of a late acceptance, or null. */
    private final PerCase<Entry> acceptance;
    /** By case: the loss of a late contact, or null. */
    private final PerCase<Entry> contact;

    HandlingResponse(Scheme.Response settings, int cases) {
        this.settings = settings;
        this.acceptance = new PerCase<>(cases);
        this.contact = new PerCase<>(cases);
    }

    @Override
    public void judge(int k, CaseAsOf v) {
        CaseRecord c = v.record();
        long accepted = v.acceptanceJudgedAt();
        acceptance.set(k, timer(v, settings.acceptance(), accepted - c.at(SUBMITTED_AT), LATE_ACCEPTANCE,
                v.acceptance(), accepted));
        // contact only once the case has been dispatched
        if (v.dispatched() != NONE) {
            long contacted = v.contactJudgedAt();
            contact.set(k, timer(v, settings.contact(), contacted - v.dispatched(), LATE_CONTACT, v.contacted(),
                    contacted));
        }
    }

    /** The loss of a timer that took {@code durationMillis}, or null when in time. */
    private static Entry timer(CaseAsOf v, Scheme.Timer timer, long durationMillis, String rule, long recorded,
                               long judgedAt) {
        long taken = Numbers.seconds(durationMillis);
        long late = taken - timer.allowance().getSeconds();
        if (late <= 0) {
            return null;
        }
        long step = timer.step().getSeconds();
        long steps = (late + step - 1) / step;
        Reasons reasons = v.reasons();
        return new Entry(rule, timer.points().multiply(BigDecimal.valueOf(steps)), v.record().caseNo(),
                reasons.text(rule, reasons.duration(taken), reasons.duration(late), v.basis(recorded, judgedAt)));
    }

    /** Counts the contact timer; the acceptance timer counts for other subjects, see {@link #acceptanceCountsFor}. */
    @Override
    public void count(int k, Tally tally) {
        Entry late = contact.get(k);
        if (late != null) {
            tally.deduct(ItemCode.HANDLING_RESPONSE, late);
        }
    }

    /** The loss of case {@code k}'s late acceptance, or null. */
    Entry lateAcceptance(int k) {
        return acceptance.get(k);
    }

    /**
     * The subjects case {@code k}'s late acceptance counts for: the accepting agent (a staff member with post AGENT)
     * and the HQ_SERVICE unit that agent belongs to, nobody else; none when it was in time.
     */
    List<String> acceptanceCountsFor(int k, CaseRecord c, Organization org) {
        if (acceptance.get(k) == null || !org.isAgent(c.get(ACCEPTED_BY))) {
            return List.of();
        }
        String hq = org.hqOfAgent(c.get(ACCEPTED_BY));
        return hq == null ? List.of(c.get(ACCEPTED_BY)) : List.of(c.get(ACCEPTED_BY), hq);
    }

    @Override
    public void score(Subject subject, Period period, Tally tally, ItemScore score) {
        // the deductions of the subject's cases are all there is
    }
}
