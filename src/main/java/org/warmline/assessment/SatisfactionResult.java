package org.warmline.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.warmline.calendar.Period;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.scheme.Scheme;

import static org.warmline.ledger.CaseColumn.EVALUATION;

/**
 * 3.2 评价结果 (evaluation result, {@code satisfaction.result}; docs/assessment.md): over the subject's cases with a known
 * evaluation, {@code index = (S × 10 + B × 6) / N × 10} (weights and scale from the scheme). At or above
 * {@code fullAt} no loss; down to {@code zeroBelow}, {@code perStep} per started {@code step} below; under it,
 * {@code zeroLoss}. Settings: {@code items.satisfaction.result}.
 */
final class SatisfactionResult implements CaseItem {

    private final Scheme.Result settings;
    private final Scheme.Rounding rounding;
    private final Reasons reasons;
    private static final EvaluationLevel[] LEVELS = EvaluationLevel.values();
    /** By case: the level of its known evaluation, as its ordinal + 1, or 0 (no array of objects: see PerCase). */
    private final byte[] level;
    private final int evaluations;
    private final int satisfied;
    private final int basic;
    private final int unsatisfied;

    SatisfactionResult(Scheme scheme, Reasons reasons, Tally.Counters counters, int cases) {
        this.settings = scheme.items().result();
        this.rounding = scheme.rounding();
        this.reasons = reasons;
        this.level = new byte[cases];
        this.evaluations = counters.reserve();
        this.satisfied = counters.reserve();
        this.basic = counters.reserve();
        this.unsatisfied = counters.reserve();
    }

    @Override
    public void judge(int k, CaseAsOf v) {
        if (v.evaluationKnown()) {
            level[k] = (byte) (v.record().get(EVALUATION).ordinal() + 1);
        }
    }

    @Override
    public void count(int k, Tally tally) {
        if (level[k] != 0) {
            EvaluationLevel l = LEVELS[level[k] - 1];
            tally.add(evaluations);
            switch (l) {
                case SATISFIED -> tally.add(satisfied);
                case BASIC -> tally.add(basic);
                case UNSATISFIED -> tally.add(unsatisfied);
            }
        }
    }

    @Override
    public void score(Subject subject, Period period, Tally tally, ItemScore score) {
        int n = tally.count(evaluations);
        score.figure("evaluations", n);
        if (n == 0) {
            return;
        }
        int s = tally.count(satisfied);
        int b = tally.count(basic);
        BigDecimal all = BigDecimal.valueOf(n);
        BigDecimal weighted = settings.weights().get("SATISFIED").multiply(BigDecimal.valueOf(s))
                .add(settings.weights().get("BASIC").multiply(BigDecimal.valueOf(b)))
                .add(settings.weights().get("UNSATISFIED").multiply(BigDecimal.valueOf(tally.count(unsatisfied))))
                .multiply(settings.scale());
        BigDecimal index = weighted.divide(all, Numbers.EXACT);
        BigDecimal shown = Numbers.round(index, rounding);
        score.figure("index", shown);
        if (weighted.compareTo(settings.fullAt().multiply(all)) >= 0) {
            return;
        }
        if (weighted.compareTo(settings.zeroBelow().multiply(all)) >= 0) {
            BigDecimal steps = settings.fullAt().multiply(all).subtract(weighted)
                    .divide(settings.step().multiply(all), 0, RoundingMode.CEILING);
            score.deduct(new Entry("result.low-index", settings.perStep().multiply(steps), period.label(),
                    reasons.text("result.low-index", shown, s, b, n, settings.fullAt())));
        } else {
            score.deduct(new Entry("result.low-index", settings.zeroLoss(), period.label(),
                    reasons.text("result.zero-index", shown, s, b, n, settings.zeroBelow())));
        }
    }
}
