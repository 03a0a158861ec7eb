package org.warmline.assessment;

import java.math.BigDecimal;

/**
 * The annual composite (年度综合): {@code final = 0.4 × monthlyMean + 0.3 × quarterlyMean + 0.3 × annualTotal} with the
 * scheme's weights, from the exact means of the rounded period totals, rounded at the end.
 *
 * @param monthlyMean   mean of the 12 monthly totals (shown rounded)
 * @param quarterlyMean mean of the 4 quarterly totals (shown rounded)
 * @param annualTotal   the year's own total
 * @param finalScore    the composite, rounded
 */
public record AnnualFigures(BigDecimal monthlyMean, BigDecimal quarterlyMean, BigDecimal annualTotal,
                           BigDecimal finalScore) {
}
