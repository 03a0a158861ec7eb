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

import static org.warmline.ledger.Instants.NONE;

/** A result's warnings about readable but doubtful data, each kind listed up to a limit and then counted. */
final class Warnings {

    private static final int LIMIT = 200;

    private final Reasons reasons;
    private final Map<String, List<String>> byKind = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final Set<String> seen = new HashSet<>();

    Warnings(Reasons reasons) {
        this.reasons = reasons;
    }

    void add(String kind, String text) {
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
        long submitted = c.submittedAt();
        if (before(c.acceptedAt(), submitted) || before(c.dispatchedAt(), submitted)
                || before(c.contactedAt(), submitted) || before(c.surveyedAt(), submitted)
                || before(c.solutionAt(), submitted) || before(c.completedAt(), submitted)
                || before(c.evaluatedAt(), submitted)) {
            return true;
        }
        if (c.evaluatedAt() != NONE && c.completedAt() != NONE && c.evaluatedAt() < c.completedAt()) {
            return true;
        }
        long unsatisfied = c.unsatisfiedAt() != NONE ? c.unsatisfiedAt()
                : c.evaluation() == EvaluationLevel.UNSATISFIED ? c.evaluatedAt() : NONE;
        return unsatisfied != NONE && c.reviewedAt() != NONE && c.reviewedAt() < unsatisfied;
    }

    private static boolean before(long value, long submitted) {
        return value != NONE && value < submitted;
    }

    /** Warns about a case's instants out of order: a milestone before submission, and the like. */
    void checkConsistency(CaseRecord c) {
        long submitted = c.submittedAt();
        String[] names = {"accepted_at", "dispatched_at", "contacted_at", "surveyed_at", "solution_at",
            "completed_at", "evaluated_at"};
        long[] values = {c.acceptedAt(), c.dispatchedAt(), c.contactedAt(), c.surveyedAt(), c.solutionAt(),
            c.completedAt(), c.evaluatedAt()};
        for (int i = 0; i < names.length; i++) {
            if (values[i] != NONE && values[i] < submitted) {
                add("before-submission", reasons.text("warning.before-submission", c.caseNo(), names[i],
                        reasons.instant(values[i]), reasons.instant(submitted)));
            }
        }
        if (c.evaluatedAt() != NONE && c.completedAt() != NONE && c.evaluatedAt() < c.completedAt()) {
            add("evaluated-before-completed", reasons.text("warning.evaluated-before-completed", c.caseNo(),
                    reasons.instant(c.evaluatedAt()), reasons.instant(c.completedAt())));
        }
        long unsatisfied = c.unsatisfiedAt() != NONE ? c.unsatisfiedAt()
                : c.evaluation() == EvaluationLevel.UNSATISFIED ? c.evaluatedAt() : NONE;
        if (unsatisfied != NONE && c.reviewedAt() != NONE && c.reviewedAt() < unsatisfied) {
            add("reviewed-before-unsatisfied", reasons.text("warning.reviewed-before-unsatisfied", c.caseNo(),
                    reasons.instant(c.reviewedAt()), reasons.instant(unsatisfied)));
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
