package org.warmline.assessment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;

/**
 * The score of one item for one subject and period in the making: its deductions (those of its cases first, then what
 * the item finds for the subject, then manual adjustments), its bonuses and figures. {@link #result} applies the item
 * formula of docs/assessment.md: {@code score = min(max(0, max − ΣD) + min(ΣB, cap), max + cap)}, rounded once.
 */
final class ItemScore {

    private final List<Entry> deductions;
    private final List<Entry> bonuses = new ArrayList<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();

    /** @param caseDeductions the deductions of the subject's cases, a list of the score's own */
    ItemScore(List<Entry> caseDeductions) {
        this.deductions = caseDeductions;
    }

    void deduct(Entry entry) {
        deductions.add(entry);
    }

    void bonus(Entry entry) {
        bonuses.add(entry);
    }

    /** A figure a reader may want beside the score (a rate, an index, counts), in the order they are given. */
    void figure(String name, Object value) {
        figures.put(name, value);
    }

    ItemResult result(ItemCode code, Scheme.Limits limits, Scheme.Rounding rounding) {
        BigDecimal max = limits.max();
        BigDecimal cap = limits.cap();
        BigDecimal lost = sum(deductions);
        BigDecimal won = BigDecimal.ZERO;
        for (Entry e : bonuses) {
            won = won.add(e.points());
        }
        BigDecimal score = max.subtract(lost).max(BigDecimal.ZERO).add(won.min(cap)).min(max.add(cap));
        // the score's own lists, not copied (a year's deductions of a unit high up are many), read-only from here on
        return new ItemResult(code, Numbers.round(score, rounding), max, cap, Collections.unmodifiableList(deductions),
                Collections.unmodifiableList(bonuses), Collections.unmodifiableMap(figures));
    }

    /**
     * The exact sum of the points. Most entries of a subject share the very same points object (a constant of the
     * scheme), so each run of one object is added as points × count: the same exact value and scale as adding the
     * entries one by one, with far fewer additions.
     */
    private static BigDecimal sum(List<Entry> entries) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal run = null;
        long count = 0;
        for (Entry e : entries) {
            BigDecimal points = e.points();
            if (points == run) {
                count++;
                continue;
            }
            if (run != null) {
                total = total.add(count == 1 ? run : run.multiply(BigDecimal.valueOf(count)));
            }
            run = points;
            count = 1;
        }
        if (run != null) {
            total = total.add(count == 1 ? run : run.multiply(BigDecimal.valueOf(count)));
        }
        return total;
    }
}
