package org.warmline.security;

import jakarta.validation.constraints.NotNull;

/**
 * What the form that creates an account and the form that changes one share: the role and, for the roles that need
 * them, the unit and the staff member the account acts as (its data scope); a blank code means none.
 */
abstract class AccountRoleForm {

    @NotNull(message = "{validation.role.required}")
    private Role role;

    private String unitCode;

    private String staffCode;

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public String getUnitCode() {
        return unitCode;
    }

    public void setUnitCode(String unitCode) {
        this.unitCode = optional(unitCode);
    }

    public String getStaffCode() {
        return staffCode;
    }

    public void setStaffCode(String staffCode) {
        this.staffCode = optional(staffCode);
    }

    /** A user name as typed, without the spaces around it. */
    static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    private static String optional(String code) {
        return code == null || code.isBlank() ? null : code.trim();
    }
}
