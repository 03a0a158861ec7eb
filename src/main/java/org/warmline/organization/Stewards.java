package org.warmline.organization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;

/**
 * Who may be named as the person handling a case of a unit (责任人: dispatch, reassignment, intake with a unit) and as
 * the steward of a routing rule for a unit: a staff member of post STEWARD (片区管家, the HANDLER of docs/desk.md)
 * whose unit is that unit or a unit below it. One rule for pages, API and routing rules.
 */
@Component
public class Stewards {

    /** Why a staff code may not be named for a unit. */
    public enum Refusal {
        /** No staff member has this code. */
        UNKNOWN,
        /** The staff member is not a steward (e.g. a customer service agent). */
        NOT_A_STEWARD,
        /** The steward belongs to neither the unit nor a unit below it. */
        OUTSIDE_UNIT
    }

    private final OrganizationStore store;

    public Stewards(OrganizationStore store) {
        this.store = store;
    }

    /**
     * Why {@code staffCode} may not be named for a case (or routing rule) of {@code unit}; empty when it may, or when no
     * one is named (a blank code).
     */
    public Optional<Refusal> refusal(String unit, String staffCode) {
        if (staffCode == null || staffCode.isBlank()) {
            return Optional.empty();
        }
        Optional<Staff> person = store.staffMember(staffCode.trim());
        if (person.isEmpty()) {
            return Optional.of(Refusal.UNKNOWN);
        }
        if (person.get().post() != Post.STEWARD) {
            return Optional.of(Refusal.NOT_A_STEWARD);
        }
        return subtree(unit, store.units()).contains(person.get().unit()) ? Optional.empty()
                : Optional.of(Refusal.OUTSIDE_UNIT);
    }

    /** Every steward, by code: what a form offers before its unit is chosen (the rule is checked on saving). */
    public List<Staff> all() {
        return store.staff().stream().filter(s -> s.post() == Post.STEWARD).toList();
    }

    /** The unit and every unit below it (empty when the unit is null or unknown). */
    static Set<String> subtree(String root, List<Unit> units) {
        Map<String, List<String>> children = new HashMap<>();
        Set<String> codes = new LinkedHashSet<>();
        for (Unit u : units) {
            codes.add(u.code());
            if (u.parent() != null) {
                children.computeIfAbsent(u.parent(), k -> new ArrayList<>()).add(u.code());
            }
        }
        Set<String> out = new LinkedHashSet<>();
        if (root == null || !codes.contains(root.trim())) {
            return out;
        }
        List<String> todo = new ArrayList<>(List.of(root.trim()));
        while (!todo.isEmpty()) {
            String u = todo.remove(todo.size() - 1);
            if (out.add(u)) {
                todo.addAll(children.getOrDefault(u, List.of()));
            }
        }
        return out;
    }
}
