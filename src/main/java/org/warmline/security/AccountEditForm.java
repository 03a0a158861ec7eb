package org.warmline.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The form that changes an existing account: its role, unit, staff member and whether it may sign in. The user name
 * only names the account (it cannot change), so it is not held to the pattern of a new one.
 */
class AccountEditForm extends AccountRoleForm {

    @NotBlank(message = "{validation.username.required}")
    @Size(max = 64, message = "{validation.username.size}")
    private String username;

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
        this.username = trimmed(username);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
