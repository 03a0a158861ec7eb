package org.warmline.cases;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.warmline.ledger.Category;
import org.warmline.ledger.ReviewFinding;
import org.warmline.security.Role;

import static org.warmline.cases.CaseState.ACCEPTED;
import static org.warmline.cases.CaseState.COMPLETED;
import static org.warmline.cases.CaseState.DISPATCHED;
import static org.warmline.cases.CaseState.EVALUATED;
import static org.warmline.cases.CaseState.IN_PROGRESS;
import static org.warmline.cases.CaseState.REVIEW;
import static org.warmline.cases.CaseState.SOLUTION_GIVEN;
import static org.warmline.cases.CaseState.SUBMITTED;

/**
 * The transitions the case page offers — who may make them is {@link org.warmline.cases.CaseAccess}'s one table, shared
 * with the API — and in
 * which states the page shows their form. The case itself has the last word: a transition posted in another state is
 * refused by {@link Case} with its message. The name (lower case) is the path segment of the form's POST.
 */
enum DeskAction {

    ACCEPT(EnumSet.of(SUBMITTED)),
    ANSWER(EnumSet.of(SUBMITTED, ACCEPTED)),
    DISPATCH(EnumSet.of(SUBMITTED, ACCEPTED)),
    REASSIGN(EnumSet.of(DISPATCHED, IN_PROGRESS, SOLUTION_GIVEN)),
    CONTACT(EnumSet.of(DISPATCHED)),
    SURVEY(EnumSet.of(IN_PROGRESS)),
    SOLUTION(EnumSet.of(IN_PROGRESS)),
    COMPLETE(EnumSet.of(SOLUTION_GIVEN)),
    EVALUATE(EnumSet.of(COMPLETED)),
    REVIEW(EnumSet.of(CaseState.REVIEW)),
    REHANDLE(EnumSet.of(CaseState.REVIEW)),
    EXPLAIN(EnumSet.of(CaseState.REVIEW)),
    CLOSE(EnumSet.of(EVALUATED)),
    /** 现场验收: the citizen's acceptance of a complex case's rectification, recorded on site after completion. */
    CONFIRM(EnumSet.of(COMPLETED, EVALUATED, CaseState.REVIEW)),
    WITHDRAW(EnumSet.of(SUBMITTED, ACCEPTED, DISPATCHED, IN_PROGRESS, SOLUTION_GIVEN));

    private final Set<CaseState> states;

    DeskAction(Set<CaseState> states) {
        this.states = states;
    }

    /** The path segment, e.g. {@code dispatch}. */
    String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The message key of the action's name (the case module's {@code case.action.*}). */
    String messageKey() {
        return "case.action." + name();
    }

    /** Whether the role may make this transition at all. */
    boolean allowedTo(Role role) {
        // one permission table for pages and API: the cases module's CaseAccess
        return org.warmline.cases.CaseAccess.may(role, org.warmline.cases.Case.Action.valueOf(name()));
    }

    /** Whether the case page offers the form for this case (the role is checked separately). */
    boolean offeredFor(Case c) {
        if (!states.contains(c.state())) {
            return false;
        }
        return switch (this) {
            case ANSWER -> c.category() == Category.CONSULTATION && !c.complex();
            case REVIEW -> c.reviewedAt() == null;
            case REHANDLE -> c.reviewedAt() != null && c.reviewFinding() == ReviewFinding.SERVICE_PROBLEM;
            case EXPLAIN -> c.reviewedAt() != null && c.reviewFinding() == ReviewFinding.MISUNDERSTANDING;
            case CONFIRM -> c.complex();
            default -> true;
        };
    }

    static Optional<DeskAction> byPath(String path) {
        for (DeskAction a : values()) {
            if (a.path().equals(path)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
