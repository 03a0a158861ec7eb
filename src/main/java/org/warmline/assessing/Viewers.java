package org.warmline.assessing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.Role;

/**
 * Who sees which assessment subjects (考核结果的查看范围): ASSESSOR and ADMIN every subject; a UNIT_MANAGER the units
 * of their unit's subtree and the staff of those units; AGENT and HANDLER none (403: results are the office's and the
 * managers' business, a person's own score is shown to them by their manager).
 */
@Component
class Viewers {

    private final OrganizationStore organization;

    Viewers(OrganizationStore organization) {
        this.organization = organization;
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
