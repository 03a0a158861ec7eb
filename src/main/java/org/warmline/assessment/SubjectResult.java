package org.warmline.assessment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.warmline.scheme.ItemCode;
import org.warmline.scheme.SubjectKind;

/**
 * The assessment of one subject (考核对象) for the period.
 *
 * @param code            unit or staff code
 * @param name            display name
 * @param kind            what the subject is
 * @param total           the period total, rounded (front-line posts normalised to 100)
 * @param grade           the grade of the total; for a year, of {@code annual.final}
 * @param items           every item that applies, in scheme order
 * @param annual          the annual composite, for a year only ({@code null} otherwise)
 * @param monthlyTotals   for a year: the total of each month, in order (empty otherwise)
 * @param quarterlyTotals for a year: the total of each quarter, in order (empty otherwise)
 */
public record SubjectResult(String code, String name, SubjectKind kind, BigDecimal total, String grade,
                            Map<ItemCode, ItemResult> items, AnnualFigures annual, List<PeriodTotal> monthlyTotals,
                            List<PeriodTotal> quarterlyTotals) {

    /** The total of one period inside a year. */
    public record PeriodTotal(String period, BigDecimal total) {
    }
}
