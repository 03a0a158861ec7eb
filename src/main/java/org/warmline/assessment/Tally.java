package org.warmline.assessment;

import java.util.ArrayList;
import java.util.List;

import org.warmline.scheme.ItemCode;

/**
 * What the cases of one subject add up to in one period: the deductions of each item, in the order of the cases, and
 * the counters the case items keep (2.3's judged and resolved cases, 2.4's complaints and repeats, …). Each item
 * reserves its own counters from {@link Counters}; what a counter means is the item's business.
 */
final class Tally {

    private static final int ITEM_CODES = ItemCode.values().length;

    @SuppressWarnings("unchecked")
    private final List<Entry>[] deductions = new List[ITEM_CODES];
    private final int[] counts;

    Tally(int counters) {
        this.counts = new int[counters];
    }

    /** Hands out the counters of one computation, a few to each case item. */
    static final class Counters {
        private int size;

        int reserve() {
            return size++;
        }

        int size() {
            return size;
        }
    }

    void deduct(ItemCode item, Entry entry) {
        List<Entry> list = deductions[item.ordinal()];
        if (list == null) {
            list = new ArrayList<>();
            deductions[item.ordinal()] = list;
        }
        list.add(entry);
    }

    void add(int counter) {
        counts[counter]++;
    }

    int count(int counter) {
        return counts[counter];
    }

    /** The tally of several tallies: the counters added up, the deductions of each item listed in turn. */
    static Tally joined(Tally[] tallies, int[] parts) {
        Tally t = new Tally(tallies[parts[0]].counts.length);
        for (int item = 0; item < ITEM_CODES; item++) {
            int size = 0;
            for (int k : parts) {
                List<Entry> list = tallies[k].deductions[item];
                size += list == null ? 0 : list.size();
            }
            if (size > 0) {
                List<Entry> all = new ArrayList<>(size);
                for (int k : parts) {
                    List<Entry> list = tallies[k].deductions[item];
                    if (list != null) {
                        all.addAll(list);
                    }
                }
                t.deductions[item] = all;
            }
        }
        for (int k : parts) {
            int[] counts = tallies[k].counts;
            for (int c = 0; c < counts.length; c++) {
                t.counts[c] += counts[c];
            }
        }
        return t;
    }

    /** The deductions of an item, as a list of the caller's own (the tally no longer holds it). */
    List<Entry> takeDeductions(ItemCode item) {
        List<Entry> list = deductions[item.ordinal()];
        deductions[item.ordinal()] = null;
        return list == null ? new ArrayList<>() : list;
    }
}
