package org.warmline.assessment;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

import org.warmline.scheme.Scheme;

/**
 * Totals, grades and the annual composite (年度综合; docs/assessment.md): a period's total is the sum of the item scores
 * as rounded, or for a kind normalised to 100 (front-line posts) {@code earned / Σ max × 100}; the grade is the
 * scheme's for the rounded total; a year's composite is {@code 0.4 × mean(months) + 0.3 × mean(quarters) + 0.3 × year}
 * from the exact means of the rounded period totals, rounded at the end, and a year's grade is that of the composite.
 * Settings: {@code subjects} ({@code normalise}), {@code grades}, {@code annual}, {@code rounding}.
 */
final class Totals {

    private final Scheme scheme;

    Totals(Scheme scheme) {
        this.scheme = scheme;
    }

    /** A period's total of the item results, rounded. */
    BigDecimal total(Collection<ItemResult> items, boolean normalise) {
        BigDecimal earned = BigDecimal.ZERO;
        BigDecimal max = BigDecimal.ZERO;
        for (ItemResult item : items) {
            earned = earned.add(item.score());
            max = max.add(item.max());
        }
        if (normalise && max.signum() > 0) {
            return round(earned.multiply(Numbers.HUNDRED).divide(max, Numbers.EXACT));
        }
        return round(earned);
    }

    /** The annual composite of a year from its (rounded) monthly, quarterly and own totals. */
    AnnualFigures annual(List<BigDecimal> monthly, List<BigDecimal> quarterly, BigDecimal year) {
        BigDecimal monthlyMean = mean(monthly);
        BigDecimal quarterlyMean = mean(quarterly);
        Scheme.AnnualWeights w = scheme.annual();
        BigDecimal composite = w.monthly().multiply(monthlyMean).add(w.quarterly().multiply(quarterlyMean))
                .add(w.yearly().multiply(year));
        return new AnnualFigures(round(monthlyMean), round(quarterlyMean), year, round(composite));
    }

    /** The grade of a period's total, or for a year of its composite. */
    String grade(BigDecimal total, AnnualFigures annual) {
        return scheme.grade(annual != null ? annual.finalScore() : total);
    }

    private static BigDecimal mean(List<BigDecimal> totals) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal total : totals) {
            sum = sum.add(total);
        }
        return sum.divide(BigDecimal.valueOf(totals.size()), Numbers.EXACT);
    }

    private BigDecimal round(BigDecimal value) {
        return Numbers.round(value, scheme.rounding());
    }
}
