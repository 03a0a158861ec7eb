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
     * The exact sum of the points. Most entries of a subject share one of a few points objects (constants of the
     * scheme), so the entries are counted per points object and each added once as points × count: an exact sum, so
     * the same value and scale as adding the entries one by one in any order, with far fewer additions.
     */
    private static BigDecimal sum(List<Entry> entries) {
        BigDecimal[] points = new BigDecimal[8];
        long[] counts = new long[8];
        int distinct = 0;
        BigDecimal total = BigDecimal.ZERO;
        for (Entry e : entries) {
            BigDecimal p = e.points();
            int i = 0;
            while (i < distinct && points[i] != p) {
                i++;
            }
            if (i < distinct) {
                counts[i]++;
            } else if (distinct < points.length) {
                points[distinct] = p;
                counts[distinct++] = 1;
            } else {
                total = total.add(p); // more distinct points than kept apart: added as they come
            }
        }
        for (int i = 0; i < distinct; i++) {
            total = total.add(counts[i] == 1 ? points[i] : points[i].multiply(BigDecimal.valueOf(counts[i])));
        }
        return total;
    }
}
