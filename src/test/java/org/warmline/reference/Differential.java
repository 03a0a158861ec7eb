package org.warmline.reference;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.warmline.assessment.AssessmentEngine;
import org.warmline.assessment.AssessmentResult;
import org.warmline.assessment.Entry;
import org.warmline.assessment.ItemResult;
import org.warmline.assessment.Ledgers;
import org.warmline.assessment.SubjectResult;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.DataSet;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;

/** Runs the engine and the reference on the same input and lists every difference, one readable line each. */
final class Differential {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Scheme SCHEME = Ledgers.scheme();

    /** Number of individual values compared (item scores, totals, annual figures), over all runs. */
    static final AtomicLong VALUES = new AtomicLong();
    /** Number of (data set, period, as_of) runs. */
    static final AtomicLong RUNS = new AtomicLong();

    /** How often each reference rule fired (deduction/bonus lines), so a reader can see the comparison is not vacuous. */
    static final java.util.concurrent.ConcurrentSkipListMap<String, AtomicLong> RULES =
            new java.util.concurrent.ConcurrentSkipListMap<>();
    /** How many compared item scores were below their maximum. */
    static final AtomicLong BELOW_MAX = new AtomicLong();

    private Differential() {
    }

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    static ReferenceAssessment.Result reference(DataSet data, String period, Instant asOf) {
        return new ReferenceAssessment(SCHEME, WorkingCalendar.shipped(ZONE))
                .assess(data, Period.parse(period, SCHEME.yearStartMonth()), asOf);
    }

    static AssessmentResult engine(DataSet data, String period, Instant asOf) {
        return new AssessmentEngine(SCHEME, WorkingCalendar.shipped(ZONE), Locale.ENGLISH)
                .assess(data, Period.parse(period, SCHEME.yearStartMonth()), asOf);
    }

    /** Every difference between engine and reference for one run; {@code label} names the data set (seed). */
    static List<String> compare(String label, DataSet data, String period, Instant asOf) {
        RUNS.incrementAndGet();
        AssessmentResult eng = engine(data, period, asOf);
        ReferenceAssessment.Result ref = reference(data, period, asOf);
        String where = label + " period=" + period + " asOf=" + OffsetDateTime.ofInstant(asOf, ZONE);
        List<String> diffs = new ArrayList<>();
        if (eng.subjects().size() != ref.subjects().size()) {
            diffs.add(where + ": subject count engine=" + eng.subjects().size() + " reference=" + ref.subjects().size());
        }
        for (SubjectResult es : eng.subjects()) {
            ReferenceAssessment.SubjectScore rs = ref.subjects().get(es.code());
            if (rs == null) {
                diffs.add(where + ": subject " + es.code() + " only in the engine");
                continue;
            }
            String who = where + " subject=" + es.code() + "(" + es.kind() + ")";
            if (!es.items().keySet().equals(rs.items().keySet())) {
                diffs.add(who + ": items engine=" + es.items().keySet() + " reference=" + rs.items().keySet());
            }
            for (Map.Entry<ItemCode, ReferenceAssessment.ItemScore> e : rs.items().entrySet()) {
                ItemResult ei = es.items().get(e.getKey());
                ReferenceAssessment.ItemScore ri = e.getValue();
                VALUES.incrementAndGet();
                for (ReferenceAssessment.Line l : ri.deductions()) {
                    RULES.computeIfAbsent(l.rule(), k -> new AtomicLong()).incrementAndGet();
                }
                for (ReferenceAssessment.Line l : ri.bonuses()) {
                    RULES.computeIfAbsent(l.rule(), k -> new AtomicLong()).incrementAndGet();
                }
                if (ei != null && ei.score().compareTo(ei.max()) < 0) {
                    BELOW_MAX.incrementAndGet();
                }
                if (ei == null || ei.score().compareTo(ri.score()) != 0) {
                    diffs.add(who + " item=" + e.getKey() + ": engine=" + (ei == null ? "none" : ei.score())
                            + " reference=" + ri.score()
                            + "\n    engine deductions: " + (ei == null ? "-" : entries(ei.deductions()))
                            + "\n    engine bonuses:    " + (ei == null ? "-" : entries(ei.bonuses()))
                            + "\n    ref deductions:    " + ri.deductions()
                            + "\n    ref bonuses:       " + ri.bonuses());
                }
            }
            same(diffs, who + " total", es.total(), rs.total());
            same(diffs, who + " grade", es.grade(), rs.grade());
            if (rs.annual() != null) {
                if (es.annual() == null) {
                    diffs.add(who + ": no annual figures in the engine");
                } else {
                    same(diffs, who + " annual.monthlyMean", es.annual().monthlyMean(), rs.annual().monthlyMean());
                    same(diffs, who + " annual.quarterlyMean", es.annual().quarterlyMean(), rs.annual().quarterlyMean());
                    same(diffs, who + " annual.annualTotal", es.annual().annualTotal(), rs.annual().annualTotal());
                    same(diffs, who + " annual.final", es.annual().finalScore(), rs.annual().finalScore());
                }
                List<BigDecimal> em = es.monthlyTotals().stream().map(SubjectResult.PeriodTotal::total).toList();
                List<BigDecimal> eq = es.quarterlyTotals().stream().map(SubjectResult.PeriodTotal::total).toList();
                same(diffs, who + " monthlyTotals", em, rs.monthlyTotals());
                same(diffs, who + " quarterlyTotals", eq, rs.quarterlyTotals());
            }
        }
        return diffs;
    }

    private static void same(List<String> diffs, String what, Object engine, Object reference) {
        VALUES.incrementAndGet();
        boolean equal;
        if (engine instanceof BigDecimal a && reference instanceof BigDecimal b) {
            equal = a.compareTo(b) == 0;
        } else if (engine instanceof List<?> a && reference instanceof List<?> b) {
            equal = a.size() == b.size();
            for (int i = 0; equal && i < a.size(); i++) {
                equal = ((BigDecimal) a.get(i)).compareTo((BigDecimal) b.get(i)) == 0;
            }
        } else {
            equal = String.valueOf(engine).equals(String.valueOf(reference));
        }
        if (!equal) {
            diffs.add(what + ": engine=" + engine + " reference=" + reference);
        }
    }

    static String entries(List<Entry> entries) {
        return entries.stream().map(e -> e.rule() + " " + e.points().stripTrailingZeros().toPlainString() + " " + e.ref())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
