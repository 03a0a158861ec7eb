package org.warmline.assessing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.warmline.administration.SchemeVersions;
import org.warmline.assessment.AnnualFigures;
import org.warmline.assessment.AssessmentEngine;
import org.warmline.assessment.AssessmentResult;
import org.warmline.assessment.Entry;
import org.warmline.assessment.ItemResult;
import org.warmline.assessment.SubjectResult;
import org.warmline.calendar.Period;
import org.warmline.ledger.DataSet;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SubjectKind;

/**
 * The what-if of a scheme version (方案试算): a past period assessed twice from the same data of the desk — with the
 * version in force on it and with another version (typically one uploaded and not yet activated) — by the engine of
 * the live assessment ({@link LiveAssessment#assessWith}), and compared subject by subject and item by item: the
 * points before and after and the deductions and bonuses that make the difference (those that appear, disappear or
 * change their points), each with the case or record it comes from. Nothing is stored and nothing changes.
 */
@Service
public class SchemeWhatIf {

    /** How a deduction or bonus differs. */
    public enum Change { APPEARS, DISAPPEARS, CHANGES }

    /**
     * A deduction or bonus that differs between the two results.
     *
     * @param before the points with the version in force (null when it appears)
     * @param after  the points with the other version (null when it disappears)
     */
    public record EntryChange(Change change, boolean bonus, String rule, String ref, BigDecimal before,
                              BigDecimal after, String reasonBefore, String reasonAfter) {

        /** Whether the reference is a case number (the page links it to the case). */
        public boolean caseRef() {
            return ref != null && AssessmentEngine.refersToCase(rule);
        }

        /** The reason of the result the entry is in (the other version's when both). */
        public String reason() {
            return reasonAfter != null ? reasonAfter : reasonBefore;
        }
    }

    /** An item of a subject: its score before and after (null where the version does not score it) and what differs. */
    public record ItemChange(ItemCode item, BigDecimal before, BigDecimal after, List<EntryChange> entries) {

        /** after − before, or null when one of them is missing. */
        public BigDecimal difference() {
            return before == null || after == null ? null : after.subtract(before);
        }

        public boolean changed() {
            return !entries.isEmpty() || !same(before, after);
        }
    }

    /**
     * A subject: its total and grade before and after (null where it is not in that result), for a year also the
     * annual composite (年度综合), and every item that differs.
     */
    public record SubjectChange(String code, String name, SubjectKind kind, BigDecimal before, BigDecimal after,
                                String gradeBefore, String gradeAfter, BigDecimal finalBefore, BigDecimal finalAfter,
                                List<ItemChange> items) {

        /** after − before of the total, or null when the subject is in one result only. */
        public BigDecimal difference() {
            return before == null || after == null ? null : after.subtract(before);
        }

        /** after − before of the annual composite (a year), or null. */
        public BigDecimal finalDifference() {
            return finalBefore == null || finalAfter == null ? null : finalAfter.subtract(finalBefore);
        }

        public boolean changed() {
            return !items.isEmpty() || !same(before, after) || !same(finalBefore, finalAfter)
                    || !java.util.Objects.equals(gradeBefore, gradeAfter);
        }

        /** The differing deductions and bonuses of every item. */
        public int entryChanges() {
            return items.stream().mapToInt(i -> i.entries().size()).sum();
        }
    }

    /**
     * The comparison of a period: the two versions, the instant both results are as of, and every subject (those that
     * changed first, the largest change of the total first).
     */
    public record Comparison(Period period, String versionBefore, String versionAfter, Instant asOf,
                             AssessmentResult resultBefore, AssessmentResult resultAfter,
                             List<SubjectChange> subjects) {

        public List<SubjectChange> changed() {
            return subjects.stream().filter(SubjectChange::changed).toList();
        }

        public List<SubjectChange> unchanged() {
            return subjects.stream().filter(s -> !s.changed()).toList();
        }

        /** How many deductions and bonuses differ, over all subjects. */
        public int entryChanges() {
            return subjects.stream().mapToInt(SubjectChange::entryChanges).sum();
        }

        public boolean sameVersion() {
            return versionBefore.equals(versionAfter);
        }
    }

    private final LiveAssessment live;
    private final SchemeVersions versions;

    SchemeWhatIf(LiveAssessment live, SchemeVersions versions) {
        this.live = live;
        this.versions = versions;
    }

    /**
     * Compares a period as the version in force on it assesses it with the same period assessed by {@code version}.
     *
     * @throws AssessmentRefused 404 when there is no such version; 400 when the period has not begun by {@code asOf}
     */
    public Comparison compare(String version, Period period, Instant asOf, Locale locale) {
        SchemeVersions.Active other = versions.version(version == null ? null : version.trim())
                .orElseThrow(() -> new AssessmentRefused(404, "whatIf.error.unknownVersion", "version",
                        version == null ? "" : version.trim()));
        if (period.start().isAfter(LocalDate.ofInstant(asOf, live.zone()))) {
            throw new AssessmentRefused("whatIf.error.notBegun", "period", period.label());
        }
        SchemeVersions.Active inForce = versions.forPeriod(period);
        Duration window = longer(inForce.scheme(), other.scheme());
        DataSet data = live.assessmentData(period, window);
        AssessmentResult before = live.assessWith(inForce.scheme(), data, period, asOf, locale);
        AssessmentResult after = live.assessWith(other.scheme(), data, period, asOf, locale);
        return new Comparison(period, inForce.version(), other.version(), asOf, before, after,
                compare(before, after));
    }

    private static Duration longer(Scheme a, Scheme b) {
        Duration x = a.items().repeat().window();
        Duration y = b.items().repeat().window();
        return x.compareTo(y) >= 0 ? x : y;
    }

    /** Every subject of either result, compared; the changed ones first, by the size of the total's change. */
    static List<SubjectChange> compare(AssessmentResult before, AssessmentResult after) {
        Map<String, SubjectResult> was = new LinkedHashMap<>();
        before.subjects().forEach(s -> was.put(s.code(), s));
        Map<String, SubjectResult> is = new LinkedHashMap<>();
        after.subjects().forEach(s -> is.put(s.code(), s));
        List<String> codes = new ArrayList<>(was.keySet());
        is.keySet().stream().filter(c -> !was.containsKey(c)).forEach(codes::add);
        List<SubjectChange> out = new ArrayList<>();
        for (String code : codes) {
            out.add(subject(was.get(code), is.get(code)));
        }
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            order.put(codes.get(i), i);
        }
        out.sort(Comparator.comparing((SubjectChange s) -> !s.changed())
                .thenComparing(s -> magnitude(s), Comparator.reverseOrder())
                .thenComparing(s -> order.get(s.code())));
        return out;
    }

    private static BigDecimal magnitude(SubjectChange s) {
        BigDecimal d = s.finalDifference() != null ? s.finalDifference() : s.difference();
        return d == null ? BigDecimal.valueOf(Long.MAX_VALUE) : d.abs();
    }

    private static SubjectChange subject(SubjectResult before, SubjectResult after) {
        SubjectResult any = after != null ? after : before;
        Map<ItemCode, ItemChange> items = new EnumMap<>(ItemCode.class);
        for (ItemCode code : ItemCode.values()) {
            ItemResult b = before == null ? null : before.items().get(code);
            ItemResult a = after == null ? null : after.items().get(code);
            if (b == null && a == null) {
                continue;
            }
            ItemChange change = new ItemChange(code, b == null ? null : b.score(), a == null ? null : a.score(),
                    entries(b, a));
            if (change.changed()) {
                items.put(code, change);
            }
        }
        return new SubjectChange(any.code(), any.name(), any.kind(), before == null ? null : before.total(),
                after == null ? null : after.total(), before == null ? null : before.grade(),
                after == null ? null : after.grade(), annual(before), annual(after), List.copyOf(items.values()));
    }

    private static BigDecimal annual(SubjectResult s) {
        AnnualFigures annual = s == null ? null : s.annual();
        return annual == null ? null : annual.finalScore();
    }

    /**
     * The deductions and bonuses that differ: entries are matched by kind, rule and reference (the case or record),
     * the n-th of a key before with the n-th after; one without a partner appears or disappears, a pair with other
     * points changes. Deductions first, each kind in the order of the results.
     */
    private static List<EntryChange> entries(ItemResult before, ItemResult after) {
        List<EntryChange> out = new ArrayList<>();
        out.addAll(entries(false, before == null ? List.of() : before.deductions(),
                after == null ? List.of() : after.deductions()));
        out.addAll(entries(true, before == null ? List.of() : before.bonuses(),
                after == null ? List.of() : after.bonuses()));
        return out;
    }

    private static List<EntryChange> entries(boolean bonus, List<Entry> before, List<Entry> after) {
        Map<String, List<Entry>> was = byKey(before);
        Map<String, List<Entry>> is = byKey(after);
        List<EntryChange> out = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> e : was.entrySet()) {
            List<Entry> then = e.getValue();
            List<Entry> now = is.getOrDefault(e.getKey(), List.of());
            for (int i = 0; i < then.size(); i++) {
                Entry b = then.get(i);
                if (i < now.size()) {
                    Entry a = now.get(i);
                    if (!same(b.points(), a.points())) {
                        out.add(new EntryChange(Change.CHANGES, bonus, b.rule(), b.ref(), b.points(), a.points(),
                                b.reason(), a.reason()));
                    }
                } else {
                    out.add(new EntryChange(Change.DISAPPEARS, bonus, b.rule(), b.ref(), b.points(), null,
                            b.reason(), null));
                }
            }
        }
        for (Map.Entry<String, List<Entry>> e : is.entrySet()) {
            List<Entry> then = was.getOrDefault(e.getKey(), List.of());
            List<Entry> now = e.getValue();
            for (int i = then.size(); i < now.size(); i++) {
                Entry a = now.get(i);
                out.add(new EntryChange(Change.APPEARS, bonus, a.rule(), a.ref(), null, a.points(), null,
                        a.reason()));
            }
        }
        return out;
    }

    private static Map<String, List<Entry>> byKey(List<Entry> entries) {
        Map<String, List<Entry>> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            out.computeIfAbsent(e.rule() + '\u0000' + e.ref(), k -> new ArrayList<>()).add(e);
        }
        return out;
    }

    /** Equal numbers whatever their scale (2 and 2.00), or both null. */
    static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
