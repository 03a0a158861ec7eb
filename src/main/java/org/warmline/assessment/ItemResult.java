package org.warmline.assessment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.warmline.scheme.ItemCode;

/**
 * The score of one item for one subject and period, with every deduction and bonus behind it.
 *
 * @param item       the item
 * @param score      {@code min(max(0, max − ΣD) + min(ΣB, cap), max + cap)}, rounded
 * @param max        the item's maximum
 * @param cap        the item's bonus cap
 * @param deductions every deduction, at full value (manual adjustments included)
 * @param bonuses    every bonus
 * @param figures    figures a reader may want: {@code rate}, {@code index}, {@code mix}, counts (may be empty)
 */
public record ItemResult(ItemCode item, BigDecimal score, BigDecimal max, BigDecimal cap, List<Entry> deductions,
                         List<Entry> bonuses, Map<String, Object> figures) {
}
