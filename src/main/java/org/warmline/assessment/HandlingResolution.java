package org.warmline.assessment;

import java.math.BigDecimal;

import org.warmline.calendar.Period;
import org.warmline.scheme.Scheme;

import static org.warmline.ledger.CaseColumn.RESOLVED;
import static org.warmline.ledger.Instants.NONE;

/**
 * 2.3 解决率 (resolution rate, {@code handling.resolution}; docs/assessment.md): judged are the subject's cases that
 * are completed, or whose 2.2 deadline has passed without completion (not resolved); resolved are the completed ones
 * with {@code resolved = true}. Below the floor rate, a loss per percentage point; at or above the bonus rate, a bonus.
 * Settings: {@code items.handling.resolution}.
 */
final class HandlingResolution implements CaseItem {

    private final Scheme.Resolution settings;
    private final Scheme.Rounding rounding;
    private final HandlingTimeliness timeliness;
    private final Reasons reasons;
    /** By case: whether it is judged. */
    private final boolean[] judged;
    /** By case: whether it is resolved. */
    private final boolean[] resolved;
    private final int judgedCount;
    private final int resolvedCount;

    HandlingResolution(Scheme scheme, HandlingTimeliness timeliness, Reasons reasons, Tally.Counters counters,
                       int cases) {
        this.settings = scheme.items().resolution();
        this.rounding = scheme.rounding();
        this.timeliness = timeliness;
        this.reasons = reasons;
        this.judged = new boolean[cases];
        this.resolved = new boolean[cases];
        this.judgedCount = counters.reserve();
        this.resolvedCount = counters.reserve();
    }

    /** Needs case {@code k}'s 2.2 deadline: judge it after {@link HandlingTimeliness#judge}. */
    @Override
    public void judge(int k, CaseAsOf v) {
        boolean completed = v.completed() != NONE;
        long deadline = timeliness.deadline(k);
        judged[k] = completed || (deadline != NONE && deadline < v.asOf());
        resolved[k] = completed && v.record().is(RESOLVED);
    }

    @Override
    public void count(int k, Tally tally) {
        if (judged[k]) {
            tally.add(judgedCount);
            if (resolved[k]) {
                tally.add(resolvedCount);
            }
        }
    }

    @Override
    public void score(Subject subject, Period period, Tally tally, ItemScore score) {
        int judgedCases = tally.count(judgedCount);
        int resolvedCases = tally.count(resolvedCount);
        score.figure("judged", judgedCases);
        score.figure("resolved", resolvedCases);
        if (judgedCases == 0) {
            return;
        }
        BigDecimal judgedN = BigDecimal.valueOf(judgedCases);
        BigDecimal resolvedTimes100 = BigDecimal.valueOf(resolvedCases).multiply(Numbers.HUNDRED);
        BigDecimal rate = resolvedTimes100.divide(judgedN, Numbers.EXACT);
        BigDecimal shown = Numbers.round(rate, rounding);
        score.figure("rate", shown);
        if (resolvedTimes100.compareTo(settings.floorRate().multiply(judgedN)) < 0) {
            score.deduct(new Entry("resolution.below-floor",
                    settings.floorRate().subtract(rate).multiply(settings.perPoint()), period.label(),
                    reasons.text("resolution.below-floor", shown, resolvedCases, judgedCases, settings.floorRate())));
        }
        if (resolvedTimes100.compareTo(settings.bonusRate().multiply(judgedN)) >= 0) {
            score.bonus(new Entry("resolution.bonus", settings.bonus(), period.label(),
                    reasons.text("resolution.bonus", shown, resolvedCases, judgedCases, settings.bonusRate())));
        }
    }
}
