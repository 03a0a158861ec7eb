package org.warmline.assessment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /** By complaint: the citizen's phone and topic as {@link #mark} groups them, or null when either is missing. */
    private final String[] key;
    /** By case: whether it is a repeat complaint (set by {@link #mark}). */
    private final boolean[] repeat;
    /** By repeat complaint: the latest of its earlier complaints that {@link #mark} was asked to flag, or null. */
    private final String[] flaggedEarlier;
    private final int complaintCount;
    private final int repeatCount;

    HandlingRepeat(Scheme scheme, Reasons reasons, Tally.Counters counters, int cases) {
        this.settings = scheme.items().repeat();
        this.rounding = scheme.rounding();
        this.reasons = reasons;
        this.complaint = new boolean[cases];
        this.key = new String[cases];
        this.repeat = new boolean[cases];
        this.flaggedEarlier = new String[cases];
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

    /** The group of a complaint: normalised phone and topic, or null when either is missing. */
    private static String key(CaseRecord c) {
        String topic = Topic.normalize(c.get(TOPIC));
        if (topic == null) {
            return null;
        }
        String phone = PhoneNumbers.normalize(c.get(CITIZEN_PHONE));
        if (phone == null) {
            return null;
        }
        String key = phone + '\u0000' + topic;
        key.hashCode(); // computed here, in the judging thread
        return key;
    }

    /** Notes whether case {@code k} is a complaint, and its group; judge every case that can be an earlier one too. */
    @Override
    public void judge(int k, CaseAsOf v) {
        CaseRecord c = v.record();
        if (c.get(CATEGORY) == Category.COMPLAINT) {
            complaint[k] = true;
            key[k] = key(c);
        }
    }

    /**
     * Marks the repeat complaints among the cases judged ({@code cases}, sorted by submission, from
     * {@link #firstEarlier} on) and, for each, the latest of the earlier complaints that make it a repeat for which
     * {@code flagged} holds (2.2 flags the late ones, to double a late repeat's loss).
     */
    void mark(List<CaseRecord> cases, IntPredicate flagged) {
        long windowSeconds = settings.window().getSeconds();
        Map<String, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            String group = complaint[i] ? key[i] : null;
            if (group == null) {
                continue;
            }
            groups.computeIfAbsent(group, g -> new ArrayList<>(2)).add(i);
        }
        for (List<Integer> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
            int n = group.size();
            long[] times = new long[n];
            int[] flaggedBefore = new int[n + 1];
            for (int j = 0; j < n; j++) {
                times[j] = cases.get(group.get(j)).at(SUBMITTED_AT);
                flaggedBefore[j + 1] = flaggedBefore[j] + (flagged.test(group.get(j)) ? 1 : 0);
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
                    int k = group.get(j);
                    repeat[k] = true;
                    if (flaggedBefore[hi] - flaggedBefore[lo] > 0) {
                        for (int e = hi - 1; e >= lo; e--) {
                            if (flagged.test(group.get(e))) {
                                flaggedEarlier[k] = cases.get(group.get(e)).caseNo();
                                break;
                            }
                        }
                    }
                }
            }
        }
    }

    /** Whether case {@code k} is a repeat complaint. */
    boolean isRepeat(int k) {
        return repeat[k];
    }

    /** The case number of the latest earlier complaint of repeat complaint {@code k} that was flagged, or null. */
    String flaggedEarlier(int k) {
        return flaggedEarlier[k];
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
