package org.warmline.organization;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;

/** The rules a unit tree must keep (docs/ledger.md "units"): known parents, no cycle, at most one HQ_SERVICE unit. */
final class OrganizationRules {

    private OrganizationRules() {
    }

    /** The units after {@code changes} are applied over {@code existing} (same code: the change wins), by code. */
    static Map<String, Unit> merged(List<Unit> existing, List<Unit> changes) {
        Map<String, Unit> byCode = new LinkedHashMap<>();
        existing.forEach(u -> byCode.put(u.code(), u));
        changes.forEach(u -> byCode.put(u.code(), u));
        return byCode;
    }

    /** Whether following parents from {@code start} comes back to a unit already passed. */
    static boolean inCycle(Map<String, Unit> units, String start) {
        Set<String> seen = new HashSet<>();
        String code = start;
        while (code != null) {
            if (!seen.add(code)) {
                return true;
            }
            Unit unit = units.get(code);
            code = unit == null ? null : unit.parent();
        }
        return false;
    }

    /** The codes of units in a cycle. */
    static List<String> cycles(Map<String, Unit> units) {
        List<String> found = new ArrayList<>();
        for (String code : units.keySet()) {
            if (inCycle(units, code)) {
                found.add(code);
            }
        }
        return found;
    }

    /** The codes of units whose parent is not a unit. */
    static List<String> unknownParents(Map<String, Unit> units) {
        return units.values().stream().filter(u -> u.parent() != null && !units.containsKey(u.parent()))
                .map(Unit::code).toList();
    }

    /** The codes of the HQ_SERVICE units. */
    static List<String> headquarters(Map<String, Unit> units) {
        return units.values().stream().filter(u -> u.kind() == UnitKind.HQ_SERVICE).map(Unit::code).toList();
    }

    /** Codes used by both a unit and a staff member. */
    static List<String> sharedCodes(Map<String, Unit> units, List<Staff> staff) {
        return staff.stream().map(Staff::code).filter(units::containsKey).distinct().toList();
    }

    /** The units as a tree: depth-first from the top units, children by code, with their depth. */
    static List<TreeRow> tree(List<Unit> units) {
        Map<String, List<Unit>> children = new LinkedHashMap<>();
        Set<String> codes = new HashSet<>();
        units.forEach(u -> codes.add(u.code()));
        List<Unit> tops = new ArrayList<>();
        for (Unit unit : units) {
            if (unit.parent() == null || !codes.contains(unit.parent())) {
                tops.add(unit);
            } else {
                children.computeIfAbsent(unit.parent(), k -> new ArrayList<>()).add(unit);
            }
        }
        List<TreeRow> rows = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (Unit top : tops) {
            walk(top, 0, children, rows, placed);
        }
        for (Unit unit : units) { // units in a cycle (only possible if the database was edited by hand)
            if (!placed.contains(unit.code())) {
                walk(unit, 0, children, rows, placed);
            }
        }
        return rows;
    }

    private static void walk(Unit unit, int depth, Map<String, List<Unit>> children, List<TreeRow> rows,
            Set<String> placed) {
        if (!placed.add(unit.code())) {
            return;
        }
        rows.add(new TreeRow(unit, depth));
        for (Unit child : children.getOrDefault(unit.code(), List.of())) {
            walk(child, depth + 1, children, rows, placed);
        }
    }

    /** A unit with its depth in the tree (0 for a top unit). */
    record TreeRow(Unit unit, int depth) {
    }
}
