package org.warmline.assessment;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.IntPredicate;

import org.warmline.calendar.Period;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.Topic;
import org.warmline.scheme.Scheme;

import static org.warmline.ledger.CaseColumn.CATEGORY;
import static org.warmline.ledger.CaseColumn.CITIZEN_PHONE;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;
import static org.warmline.ledger.CaseColumn.TOPIC;

/**
 * 2.4 重复投诉率 (repeat complaint rate, {@code handling.repeat}; docs/assessment.md): a COMPLAINT is a repeat when the
 * same citizen (phone, {@link PhoneNumbers}) made a COMPLAINT on the same topic strictly before it and at most the window
 * before it, in any period, by any unit. Above the ceiling rate of repeats among the subject's complaints, a loss per
 * percentage point; at or below the bonus rate, a bonus. Settings: {@code items.handling.repeat}.
 */
final class HandlingRepeat implements CaseItem {

    private final Scheme.Repeat settings;
    private final Scheme.Rounding rounding;
    private final Reasons reasons;
    /** By case: whether it is a COMPLAINT. */
    private final boolean[] complaint;
    /**
     * By complaint: the citizen's phone and topic as {@link #mark} groups them, or null when either is missing (the
     * two kept apart: no joined string per complaint).
     */
    private final PerCase<String> phone;
    private final PerCase<String> topic;
    /** By case: whether it is a repeat complaint (set by {@link #mark}). */
    private final boolean[] repeat;
    /** By repeat complaint: the latest of its earlier complaints that {@link #mark} was asked to flag, or null. */
    private final PerCase<String> flaggedEarlier;
    private final int complaintCount;
    private final int repeatCount;

    HandlingRepeat(Scheme scheme, Reasons reasons, Tally.Counters counters, int cases) {
        this.settings = scheme.items().repeat();
        this.rounding = scheme.rounding();
        this.reasons = reasons;
        this.complaint = new boolean[cases];
        this.phone = new PerCase<>(cases);
        this.topic = new PerCase<>(cases);
        this.repeat = new boolean[cases];
        this.flaggedEarlier = new PerCase<>(cases);
        this.complaintCount = counters.reserve();
        this.repeatCount = counters.reserve();
    }

    /**
     * The first of the cases (sorted by submission) that can be an earlier complaint of the case at {@code first} or of
     * any case after it: cases submitted longer than the window before it never are.
     */
    static int firstEarlier(List<CaseRecord> cases, int first, Scheme.Repeat settings) {
        long windowSeconds = settings.window().getSeconds();
        // at least the window, in milliseconds (a duration in whole seconds may be up to 999 ms longer)
        long reach = windowSeconds >= Long.MAX_VALUE / 2000 ? Long.MAX_VALUE : (windowSeconds + 1) * 1000;
        long submitted = cases.get(first).at(SUBMITTED_AT);
        long since = submitted < Long.MIN_VALUE + reach ? Long.MIN_VALUE : submitted - reach;
        int from = first;
        while (from > 0 && cases.get(from - 1).at(SUBMITTED_AT) >= since) {
            from--;
        }
        return from;
    }

    /** Notes whether case {@code k} is a complaint, and its group; judge every case that can be an earlier one too. */
    @Override
    public void judge(int k, CaseAsOf v) {
        CaseRecord c = v.record();
        if (c.get(CATEGORY) == Category.COMPLAINT) {
            complaint[k] = true;
            String normalTopic = Topic.normalize(c.get(TOPIC));
            String normalPhone = normalTopic == null ? null : PhoneNumbers.normalize(c.get(CITIZEN_PHONE));
            if (normalPhone != null) {
                phone.set(k, normalPhone);
                topic.set(k, normalTopic);
            }
        }
    }

    /**
     * Marks the repeat complaints among the cases judged ({@code cases}, sorted by submission, from
     * {@link #firstEarlier} on) and, for each, the latest of the earlier complaints that make it a repeat for which
     * {@code flagged} holds (2.2 flags the late ones, to double a late repeat's loss).
     */
    void mark(List<CaseRecord> cases, IntPredicate flagged) {
        long windowSeconds = settings.window().getSeconds();
        Groups groups = new Groups(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            if (complaint[i] && phone.get(i) != null) {
                groups.add(i);
            }
        }
        int[] group = new int[0];
        for (int g = 0; g < groups.count; g++) {
            int n = groups.size[g];
            if (n < 2) {
                continue;
            }
            if (group.length < n) {
                group = new int[Math.max(n, group.length * 2)];
            }
            for (int j = 0, i = groups.first[g]; j < n; j++, i = groups.next[i]) {
                group[j] = i;
            }
            long[] times = new long[n];
            int[] flaggedBefore = new int[n + 1];
            for (int j = 0; j < n; j++) {
                times[j] = cases.get(group[j]).at(SUBMITTED_AT);
                flaggedBefore[j + 1] = flaggedBefore[j] + (flagged.test(group[j]) ? 1 : 0);
            }
            int lo = 0;
            int hi = 0;
            for (int j = 0; j < n; j++) {
                long t = times[j];
                // at most the window before it, measured in whole seconds like every duration
                while (lo < n && Numbers.seconds(t - times[lo]) > windowSeconds) {
                    lo++;
                }
                // strictly before it
                while (hi < n && times[hi] < t) {
                    hi++;
                }
                if (hi > lo) {
                    int k = group[j];
                    repeat[k] = true;
                    if (flaggedBefore[hi] - flaggedBefore[lo] > 0) {
                        for (int e = hi - 1; e >= lo; e--) {
                            if (flagged.test(group[e])) {
                                flaggedEarlier.set(k, cases.get(group[e]).caseNo());
                                break;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The complaints grouped by phone and topic, each group's cases in the order added: an open-addressing table of
     * ints, with room for every complaint in a group of its own so that it never grows, and a chain through the cases;
     * a million cases make a few arrays and no object per case.
     */
    private final class Groups {
        /** Per slot: 1 + its group, or 0 when free. */
        private final int[] slots;
        /** Per group: its first and last case, and how many. */
        private final int[] first;
        private final int[] last;
        private final int[] size;
        /** Per case: the next case of its group, or -1. */
        private final int[] next;
        private int count;

        Groups(int cases) {
            next = new int[cases];
            int complaints = 0;
            for (int i = 0; i < cases; i++) {
                complaints += complaint[i] ? 1 : 0;
            }
            slots = new int[Integer.highestOneBit(Math.max(complaints, 1 << 8) * 2 - 1) << 1];
            first = new int[Math.max(complaints, 1)];
            last = new int[first.length];
            size = new int[first.length];
        }

        /** Adds complaint {@code i}, one of those counted at construction. */
        void add(int i) {
            int slot = slot(i);
            next[i] = -1;
            if (slots[slot] == 0) {
                slots[slot] = ++count;
                first[count - 1] = i;
                last[count - 1] = i;
                size[count - 1] = 1;
            } else {
                int g = slots[slot] - 1;
                next[last[g]] = i;
                last[g] = i;
                size[g]++;
            }
        }

        /** The slot of the group of complaint {@code i}, or the free slot where it would go. */
        private int slot(int i) {
            String p = phone.get(i);
            String t = topic.get(i);
            int mask = slots.length - 1;
            int h = (p.hashCode() * 31 + t.hashCode()) * 0x9E3779B9;
            int s = (h ^ (h >>> 16)) & mask;
            while (slots[s] != 0) {
                int other = first[slots[s] - 1];
                if (phone.get(other).equals(p) && topic.get(other).equals(t)) {
                    break;
                }
                s = (s + 1) & mask;
            }
            return s;
        }
    }

    /** Whether case {@code k} is a repeat complaint. */
    boolean isRepeat(int k) {
        return repeat[k];
    }

    /** The case number of the latest earlier complaint of repeat complaint {@code k} that was flagged, or null. */
    String flaggedEarlier(int k) {
        return flaggedEarlier.get(k);
    }

    @Override
    public void count(int k, Tally tally) {
        if (complaint[k]) {
            tally.add(complaintCount);
            if (repeat[k]) {
                tally.add(repeatCount);
            }
        }
    }

    @Override
    public void score(Subject subject, Period period, Tally tally, ItemScore score) {
        int complaints = tally.count(complaintCount);
        int repeats = tally.count(repeatCount);
        score.figure("complaints", complaints);
        score.figure("repeats", repeats);
        if (complaints == 0) {
            return;
        }
        BigDecimal complaintsN = BigDecimal.valueOf(complaints);
        BigDecimal repeatsTimes100 = BigDecimal.valueOf(repeats).multiply(Numbers.HUNDRED);
        BigDecimal rate = repeatsTimes100.divide(complaintsN, Numbers.EXACT);
        BigDecimal shown = Numbers.round(rate, rounding);
        score.figure("rate", shown);
        if (repeatsTimes100.compareTo(settings.ceilingRate().multiply(complaintsN)) > 0) {
            score.deduct(new Entry("repeat.above-ceiling",
                    rate.subtract(settings.ceilingRate()).multiply(settings.perPoint()), period.label(),
                    reasons.text("repeat.above-ceiling", shown, repeats, complaints, settings.ceilingRate())));
        }
        if (repeatsTimes100.compareTo(settings.bonusRate().multiply(complaintsN)) <= 0) {
            score.bonus(new Entry("repeat.bonus", settings.bonus(), period.label(),
                    reasons.text("repeat.bonus", shown, repeats, complaints, settings.bonusRate())));
        }
    }
}
