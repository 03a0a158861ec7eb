package org.warmline.security;

import java.util.List;
import java.util.Objects;

/**
 * Which cases an account may see (docs/desk.md "Roles and data scope"): administrators, assessors and agents see every
 * case; a unit manager sees the cases of their unit's subtree; a handler sees the cases of their team (their unit) and the cases
 * assigned to them. A case outside the scope is answered with 404, in pages and API alike.
 *
 * @param unitCode the manager's unit (root of the subtree) or the handler's team; null if none
 * @param staffCode the handler's staff code; null if none
 */
public record DataScope(Role role, String unitCode, String staffCode) {

    public DataScope {
        Objects.requireNonNull(role, "role");
    }

    /** Whether the scope covers every case. */
    public boolean unrestricted() {
        return role.seesAllCases();
    }

    /**
     * Whether a case of unit {@code caseUnit} is in scope by its unit.
     *
     * @param caseUnit the case's responsible unit, or null if not yet dispatched
     * @param unitChain the codes of that unit's ancestors up to the root (nearest first; whether it also starts with
     *     {@code caseUnit} itself does not matter); empty or null for a root unit
     */
    public boolean allowsUnit(String caseUnit, List<String> unitChain) {
        if (unrestricted()) {
            return true;
        }
        if (unitCode == null || caseUnit == null) {
            return false;
        }
        if (unitCode.equals(caseUnit)) {
            return true;
        }
        return role == Role.UNIT_MANAGER && unitChain != null && unitChain.contains(unitCode);
    }

    /**
     * Whether a case is in scope: by its unit, or, for a handler, because it is assigned to them.
     *
     * @param handler the staff code of the case's handler, or null
     */
    public boolean allowsCase(String caseUnit, List<String> unitChain, String handler) {
        if (allowsUnit(caseUnit, unitChain)) {
            return true;
        }
        return role == Role.HANDLER && staffCode != null && staffCode.equals(handler);
    }
}
