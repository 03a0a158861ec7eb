package org.warmline.assessment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.EvaluationLevel;

import static org.warmline.ledger.CaseColumn.ACCEPTED_AT;
import static org.warmline.ledger.CaseColumn.COMPLETED_AT;
import static org.warmline.ledger.CaseColumn.CONTACTED_AT;
import static org.warmline.ledger.CaseColumn.DISPATCHED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATION;
import static org.warmline.ledger.CaseColumn.REVIEWED_AT;
import static org.warmline.ledger.CaseColumn.SOLUTION_AT;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;
import static org.warmline.ledger.CaseColumn.SURVEYED_AT;
import static org.warmline.ledger.CaseColumn.UNSATISFIED_AT;
import static org.warmline.ledger.Instants.NONE;

/** A result's warnings about readable but doubtful data, each kind listed up to a limit and then counted. */
final class Warnings {

    private static final int LIMIT = 200;

    private final Reasons reasons;
    private final Map<String, List<String>> byKind = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    /** The warnings noted so far, in order, kind and text, by warnings that only note them; else null. */
    private final List<String> noted;

    Warnings(Reasons reasons) {
        this.reasons = reasons;
        this.noted = null;
    }

    private Warnings(Reasons reasons, List<String> noted) {
        this.reasons = reasons;
        this.noted = noted;
    }

    /** Warnings that only note what they are given, in order, for {@link #addAll} (another thread's). */
    static Warnings deferred(Reasons reasons) {
        return new Warnings(reasons, new ArrayList<>());
    }

    /** Adds what deferred warnings noted, in order, as if it were added here now. */
    void addAll(Warnings deferred) {
        for (int i = 0; i < deferred.noted.size(); i += 2) {
            add(deferred.noted.get(i), deferred.noted.get(i + 1));
        }
    }

    void add(String kind, String text) {
        if (noted != null) {
            noted.add(kind);
            noted.add(text);
            return;
        }
        if (!seen.add(text)) {
            return;
        }
        List<String> list = byKind.computeIfAbsent(kind, k -> new ArrayList<>());
        int count = counts.merge(kind, 1, Integer::sum);
        if (count <= LIMIT) {
            list.add(text);
        }
    }

    /** Whether {@link #checkConsistency} has anything to say about a case (no allocation: most cases are fine). */
    static boolean inconsistent(CaseRecord c) {
        long submitted = c.at(SUBMITTED_AT);
        if (before(c.at(ACCEPTED_AT), submitted) || before(c.at(DISPATCHED_AT), submitted)
                || before(c.at(CONTACTED_AT), submitted) || before(c.at(SURVEYED_AT), submitted)
                || before(c.at(SOLUTION_AT), submitted) || before(c.at(COMPLETED_AT), submitted)
                || before(c.at(EVALUATED_AT), submitted)) {
            return true;
        }
        if (c.at(EVALUATED_AT) != NONE && c.at(COMPLETED_AT) != NONE && c.at(EVALUATED_AT) < c.at(COMPLETED_AT)) {
            return true;
        }
        long unsatisfied = c.at(UNSATISFIED_AT) != NONE ? c.at(UNSATISFIED_AT)
                : c.get(EVALUATION) == EvaluationLevel.UNSATISFIED ? c.at(EVALUATED_AT) : NONE;
        return unsatisfied != NONE && c.at(REVIEWED_AT) != NONE && c.at(REVIEWED_AT) < unsatisfied;
    }

    private static boolean before(long value, long submitted) {
        return value != NONE && value < submitted;
    }

    /** Warns about a case's instants out of order: a milestone before submission, and the like. */
    void checkConsistency(CaseRecord c) {
        long submitted = c.at(SUBMITTED_AT);
        String[] names = {"accepted_at", "dispatched_at", "contacted_at", "surveyed_at", "solution_at",
            "completed_at", "evaluated_at"};
        long[] values = {c.at(ACCEPTED_AT), c.at(DISPATCHED_AT), c.at(CONTACTED_AT), c.at(SURVEYED_AT),
            c.at(SOLUTION_AT), c.at(COMPLETED_AT), c.at(EVALUATED_AT)};
        for (int i = 0; i < names.length; i++) {
            if (values[i] != NONE && values[i] < submitted) {
                add("before-submission", reasons.text("warning.before-submission", c.caseNo(), names[i],
                        reasons.instant(values[i]), reasons.instant(submitted)));
            }
        }
        if (c.at(EVALUATED_AT) != NONE && c.at(COMPLETED_AT) != NONE && c.at(EVALUATED_AT) < c.at(COMPLETED_AT)) {
            add("evaluated-before-completed", reasons.text("warning.evaluated-before-completed", c.caseNo(),
                    reasons.instant(c.at(EVALUATED_AT)), reasons.instant(c.at(COMPLETED_AT))));
        }
        long unsatisfied = c.at(UNSATISFIED_AT) != NONE ? c.at(UNSATISFIED_AT)
                : c.get(EVALUATION) == EvaluationLevel.UNSATISFIED ? c.at(EVALUATED_AT) : NONE;
        if (unsatisfied != NONE && c.at(REVIEWED_AT) != NONE && c.at(REVIEWED_AT) < unsatisfied) {
            add("reviewed-before-unsatisfied", reasons.text("warning.reviewed-before-unsatisfied", c.caseNo(),
                    reasons.instant(c.at(REVIEWED_AT)), reasons.instant(unsatisfied)));
        }
    }

    List<String> list() {
        List<String> all = new ArrayList<>();
        byKind.forEach((kind, list) -> {
            all.addAll(list);
            int more = counts.get(kind) - list.size();
            if (more > 0) {
                all.add(reasons.text("warning.more", more));
            }
        });
        return List.copyOf(all);
    }
}
