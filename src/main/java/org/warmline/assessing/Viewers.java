package org.warmline.assessing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;
import org.warmline.assessment.AssessmentResult;
import org.warmline.assessment.WarningScope;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAccess;
import org.warmline.cases.CaseDesk;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.Role;

/**
 * Who sees which assessment subjects (考核结果的查看范围): ASSESSOR and ADMIN every subject; a UNIT_MANAGER the units
 * of their unit's subtree and the staff of those units; AGENT and HANDLER none (403: results are the office's and the
 * managers' business, a person's own score is shown to them by their manager). And of a result's warnings, a
 * UNIT_MANAGER sees only those about cases they could open and the general ones ({@link WarningScope}): in the API, on
 * the pages and in the result workbook alike.
 */
@Component
class Viewers {

    private final OrganizationStore organization;
    private final CaseDesk desk;
    private final CaseAccess access;

    Viewers(OrganizationStore organization, CaseDesk desk, CaseAccess access) {
        this.organization = organization;
        this.desk = desk;
        this.access = access;
    }

    /** Whether the account sees every subject and warning (the office, administrators). */
    static boolean seesAll(Account account) {
        return account.role() != Role.UNIT_MANAGER;
    }

    /**
     * The warnings the account may see: all for the office; for a unit manager those about a case they could open
     * (its number is in them; a text that reads as more than one case number is shown only if every case it could
     * name is theirs) and those about no data at all — never one about a case, record or count outside.
     */
    List<String> warnings(Account account, List<String> warnings) {
        if (warnings == null || seesAll(account)) {
            return warnings;
        }
        return warnings.stream().filter(w -> {
            WarningScope about = WarningScope.of(w);
            return switch (about.kind()) {
                case GENERAL -> true;
                case CASE -> opens(account, about.caseNos());
                case OTHER -> false;
            };
        }).toList();
    }

    /** Whether the account could open a case of these numbers, and no existing one of them is outside its scope. */
    private boolean opens(Account account, List<String> caseNos) {
        boolean any = false;
        for (String caseNo : caseNos) {
            Optional<Case> c = desk.findByCaseNo(caseNo);
            if (c.isPresent()) {
                if (!access.sees(account, c.get())) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** The result as the account may see it: its subjects and its warnings. */
    AssessmentResult visible(Account account, AssessmentResult result) {
        if (seesAll(account)) {
            return result;
        }
        Predicate<String> subjects = subjects(account);
        return new AssessmentResult(result.period(), result.asOf(), result.scheme(),
                warnings(account, result.warnings()),
                result.subjects().stream().filter(s -> subjects.test(s.code())).toList());
    }

    /** A result document (live or frozen) as the account may see it: its subjects and its warnings. */
    ResultDocument visible(Account account, ResultDocument document) {
        if (!seesAll(account)) {
            document.root().put("subjects", document.subjects(subjects(account)));
            document.root().put("warnings", warnings(account, document.warnings()));
        }
        return document;
    }

    /** Whether the account may look at assessment results at all. */
    static boolean mayView(Account account) {
        return account.role() == Role.ADMIN || account.role() == Role.ASSESSOR
                || account.role() == Role.UNIT_MANAGER && account.unitCode() != null;
    }

    /** Whether the account runs the office's work: publishing, deciding appeals. */
    static boolean isAssessor(Account account) {
        return account.role() == Role.ASSESSOR;
    }

    /** The subject codes the account sees; everything for the office. */
    Predicate<String> subjects(Account account) {
        if (!mayView(account)) {
            return code -> false;
        }
        if (account.role() != Role.UNIT_MANAGER) {
            return code -> true;
        }
        Set<String> visible = subtree(account.unitCode());
        for (Staff person : organization.staff()) {
            if (visible.contains(person.unit())) {
                visible.add(person.code());
            }
        }
        return visible::contains;
    }

    /** A unit and every unit below it. */
    Set<String> subtree(String root) {
        List<Unit> units = organization.units();
        Map<String, List<String>> children = new HashMap<>();
        for (Unit unit : units) {
            if (unit.parent() != null) {
                children.computeIfAbsent(unit.parent(), k -> new java.util.ArrayList<>()).add(unit.code());
            }
        }
        Set<String> result = new HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            String code = todo.pop();
            if (result.add(code)) {
                todo.addAll(children.getOrDefault(code, List.of()));
            }
        }
        return result;
    }
}
