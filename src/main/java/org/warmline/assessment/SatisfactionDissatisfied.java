package org.warmline.assessment;

import java.util.ArrayList;
import java.util.List;

import org.warmline.calendar.Period;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;

import static org.warmline.ledger.CaseColumn.EVALUATED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATION;
import static org.warmline.ledger.CaseColumn.EXPLAINED_AT;
import static org.warmline.ledger.CaseColumn.REHANDLED_AT;
import static org.warmline.ledger.CaseColumn.REVIEWED_AT;
import static org.warmline.ledger.CaseColumn.REVIEW_FINDING;
import static org.warmline.ledger.CaseColumn.UNSATISFIED_AT;
import static org.warmline.ledger.Instants.NONE;

/**
 * 3.3 不满意处理 (handling of dissatisfaction, {@code satisfaction.dissatisfied}; docs/assessment.md): for each case
 * that received an UNSATISFIED evaluation by as_of, a loss when it was not reviewed within the allowance of
 * {@code unsatisfied_at}, and another when the review's outcome (re-handling for a service problem, an explanation for
 * a misunderstanding) was not carried out. Settings: {@code items.satisfaction.dissatisfied}.
 */
final class SatisfactionDissatisfied implements CaseItem {

    static final String LATE_REVIEW = "dissatisfied.late-review";
    static final String NOT_CARRIED_OUT = "dissatisfied.not-carried-out";
    /** The rules whose reference is a case number. */
    static final List<String> CASE_RULES = List.of(LATE_REVIEW, NOT_CARRIED_OUT);

    private final Scheme.Dissatisfied settings;
    /** By case: its deductions, or null. */
    private final PerCase<List<Entry>> entries;

    SatisfactionDissatisfied(Scheme.Dissatisfied settings, int cases) {
        this.settings = settings;
        this.entries = new PerCase<>(cases);
    }

    @Override
    public void judge(int k, CaseAsOf v) {
        CaseRecord c = v.record();
        long asOf = v.asOf();
        // the UNSATISFIED round: unsatisfied_at, or evaluated_at of a known UNSATISFIED evaluation
        long unsatisfied;
        if (c.at(UNSATISFIED_AT) != NONE) {
            if (c.at(UNSATISFIED_AT) > asOf) {
                return;
            }
            unsatisfied = c.at(UNSATISFIED_AT);
        } else if (v.evaluationKnown() && c.get(EVALUATION) == EvaluationLevel.UNSATISFIED) {
            unsatisfied = c.at(EVALUATED_AT);
        } else {
            return;
        }
        Reasons reasons = v.reasons();
        List<Entry> found = new ArrayList<>(2);
        long reviewed = v.happened(c.at(REVIEWED_AT));
        long allowance = settings.reviewAllowance().getSeconds();
        if (unsatisfied != NONE) {
            if (reviewed != NONE) {
                long took = Numbers.seconds(reviewed - unsatisfied);
                if (took > allowance) {
                    found.add(new Entry(LATE_REVIEW, settings.notReviewed(), c.caseNo(),
                            reasons.text("dissatisfied.late-review", reasons.instant(unsatisfied), reasons.duration(took),
                                    reasons.duration(allowance))));
                }
            } else if (Numbers.seconds(asOf - unsatisfied) > allowance) {
                found.add(new Entry(LATE_REVIEW, settings.notReviewed(), c.caseNo(),
                        reasons.text("dissatisfied.no-review", reasons.instant(unsatisfied), reasons.duration(allowance),
                                reasons.instant(asOf))));
            }
        } else if (reviewed == NONE) {
            found.add(new Entry(LATE_REVIEW, settings.notReviewed(), c.caseNo(),
                    reasons.text("dissatisfied.no-review-no-time")));
        }
        boolean findingKnown = c.get(REVIEW_FINDING) != null
                && (c.at(REVIEWED_AT) == NONE || c.at(REVIEWED_AT) <= asOf);
        if (!findingKnown) {
            found.add(new Entry(NOT_CARRIED_OUT, settings.notCarriedOut(), c.caseNo(),
                    reasons.text("dissatisfied.no-finding", reasons.instant(asOf))));
        } else {
            boolean service = c.get(REVIEW_FINDING) == ReviewFinding.SERVICE_PROBLEM;
            long done = v.happened(service ? c.at(REHANDLED_AT) : c.at(EXPLAINED_AT));
            if (done == NONE) {
                found.add(new Entry(NOT_CARRIED_OUT, settings.notCarriedOut(), c.caseNo(),
                        reasons.text("dissatisfied.not-carried-out",
                                reasons.text("finding." + c.get(REVIEW_FINDING).name()),
                                reasons.field(service ? REHANDLED_AT : EXPLAINED_AT), reasons.instant(asOf))));
            }
        }
        entries.set(k, found);
    }

    @Override
    public void count(int k, Tally tally) {
        List<Entry> found = entries.get(k);
        if (found != null) {
            for (Entry e : found) {
                tally.deduct(ItemCode.SATISFACTION_DISSATISFIED, e);
            }
        }
    }

    @Override
    public void score(Subject subject, Period period, Tally tally, ItemScore score) {
        // the deductions of the subject's cases are all there is
    }
}
