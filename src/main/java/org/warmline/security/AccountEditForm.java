package org.warmline.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The form that changes an existing account: its role, unit, staff member and whether it may sign in. */
class AccountEditForm {

    @NotBlank(message = "{validation.username.required}")
    @Size(max = 64, message = "{validation.username.size}")
    private String username;

    @NotNull(message = "{validation.role.required}")
    private Role role;

    private String unitCode;

    private String staffCode;

    private boolean enabled = true;

    static AccountEditForm of(Account a) {
        AccountEditForm form = new AccountEditForm();
        form.setUsername(a.username());
        form.setRole(a.role());
        form.setUnitCode(a.unitCode());
        form.setStaffCode(a.staffCode());
        form.setEnabled(a.enabled());
        return form;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username == null ? null : username.trim();
    }

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
        this.unitCode = unitCode == null || unitCode.isBlank() ? null : unitCode.trim();
    }

    public String getStaffCode() {
        return staffCode;
    }

    public void setStaffCode(String staffCode) {
        this.staffCode = staffCode == null || staffCode.isBlank() ? null : staffCode.trim();
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
