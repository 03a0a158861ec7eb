package org.warmline.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.warmline.calendar.Period;
import org.warmline.ledger.CaseColumn;
import org.warmline.ledger.CaseRecord;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;

import static org.warmline.ledger.CaseColumn.ACCEPTED_AT;
import static org.warmline.ledger.CaseColumn.ADDRESS;
import static org.warmline.ledger.CaseColumn.CATEGORY;
import static org.warmline.ledger.CaseColumn.CITIZEN_NAME;
import static org.warmline.ledger.CaseColumn.CITIZEN_PHONE;
import static org.warmline.ledger.CaseColumn.CONTACTED_AT;
import static org.warmline.ledger.CaseColumn.DEMAND;
import static org.warmline.ledger.CaseColumn.EVALUATION_COMMENT;
import static org.warmline.ledger.CaseColumn.OCCURRED_AT;
import static org.warmline.ledger.CaseColumn.RECORDED_AT;
import static org.warmline.ledger.CaseColumn.SITE_SURVEY;
import static org.warmline.ledger.CaseColumn.SOLUTION;
import static org.warmline.ledger.CaseColumn.SOLUTION_AT;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;
import static org.warmline.ledger.CaseColumn.SURVEYED_AT;
import static org.warmline.ledger.CaseColumn.TOPIC;
import static org.warmline.ledger.Instants.NONE;

/**
 * 1.2 台账管理 (ledger keeping, {@code basic.ledger}; docs/assessment.md): for each case, a loss for every required
 * field left empty — which fields are required depends on how far the case has gone at as_of — and one when the case
 * was recorded too long after its submission. Settings: {@code items.basic.ledger} of the scheme.
 */
final class BasicLedger implements CaseItem {

    static final String MISSING_FIELD = "ledger.missing-field";
    static final String LATE_RECORDING = "ledger.late-recording";
    /** The rules whose reference is a case number. */
    static final List<String> CASE_RULES = List.of(MISSING_FIELD, LATE_RECORDING);

    /** The columns every case must fill, whatever its stage. */
    private static final List<CaseColumn<?>> ALWAYS_REQUIRED = List.of(CITIZEN_NAME, CITIZEN_PHONE, ADDRESS, CATEGORY,
            TOPIC, DEMAND);
    /** The fields a case can miss, in the order its deductions are listed: those always required first. */
    private static final List<CaseColumn<?>> MISSING_ORDER = Stream.concat(ALWAYS_REQUIRED.stream(),
            Stream.of(OCCURRED_AT, ACCEPTED_AT, CONTACTED_AT, SOLUTION, SOLUTION_AT, SURVEYED_AT,
                    EVALUATION_COMMENT)).toList();

    private final Scheme.Ledger settings;
    /** By case: its deductions, or null. */
    private final PerCase<List<Entry>> entries;

    BasicLedger(Scheme.Ledger settings, int cases) {
        this.settings = settings;
        this.entries = new PerCase<>(cases);
    }

    @Override
    public void judge(int k, CaseAsOf v) {
        CaseRecord c = v.record();
        // the missing fields as bits of MISSING_ORDER (no list for the many cases that miss nothing)
        int missing = 0;
        for (int i = 0; i < ALWAYS_REQUIRED.size(); i++) {
            if (!c.has(ALWAYS_REQUIRED.get(i))) {
                missing |= 1 << i;
            }
        }
        if (v.happened(c.at(OCCURRED_AT)) == NONE) {
            missing |= bit(OCCURRED_AT);
        }
        // past intake: any later milestone has happened or an evaluation is known
        boolean pastIntake = v.dispatched() != NONE || v.contacted() != NONE || v.solution() != NONE
                || v.completed() != NONE || v.evaluationKnown();
        if (pastIntake && v.accepted() == NONE) {
            missing |= bit(ACCEPTED_AT);
        }
        if (v.completed() != NONE) {
            if (v.dispatched() != NONE && v.contacted() == NONE) {
                missing |= bit(CONTACTED_AT);
            }
            if (c.get(SOLUTION) == null) {
                missing |= bit(SOLUTION);
            }
            if (v.solution() == NONE) {
                missing |= bit(SOLUTION_AT);
            }
            if (c.is(SITE_SURVEY) && v.happened(c.at(SURVEYED_AT)) == NONE) {
                missing |= bit(SURVEYED_AT);
            }
        }
        if (v.evaluationKnown() && c.get(EVALUATION_COMMENT) == null) {
            missing |= bit(EVALUATION_COMMENT);
        }
        Reasons reasons = v.reasons();
        List<Entry> found = null;
        if (missing != 0) {
            found = new ArrayList<>(Integer.bitCount(missing) + 1);
            for (int i = 0; i < MISSING_ORDER.size(); i++) {
                if ((missing & 1 << i) != 0) {
                    found.add(new Entry(MISSING_FIELD, settings.missingField(), c.caseNo(),
                            reasons.text("ledger.missing-field", reasons.field(MISSING_ORDER.get(i)))));
                }
            }
        }
        if (c.at(RECORDED_AT) != NONE) {
            long recorded = Math.min(c.at(RECORDED_AT), v.asOf());
            long delay = Numbers.seconds(recorded - c.at(SUBMITTED_AT));
            if (delay > settings.recordingAllowance().getSeconds()) {
                if (found == null) {
                    found = new ArrayList<>(1);
                }
                found.add(new Entry(LATE_RECORDING, settings.lateRecording(), c.caseNo(),
                        reasons.text("ledger.late-recording", reasons.duration(delay),
                                reasons.duration(settings.recordingAllowance().getSeconds()))));
            }
        }
        entries.set(k, found);
    }

    private static int bit(CaseColumn<?> column) {
        return 1 << MISSING_ORDER.indexOf(column);
    }

    @Override
    public void count(int k, Tally tally) {
        List<Entry> found = entries.get(k);
        if (found != null) {
            for (Entry e : found) {
                tally.deduct(ItemCode.BASIC_LEDGER, e);
            }
        }
    }

    @Override
    public void score(Subject subject, Period period, Tally tally, ItemScore score) {
        // the deductions of the subject's cases are all there is
    }
}
