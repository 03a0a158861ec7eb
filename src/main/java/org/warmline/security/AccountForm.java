package org.warmline.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The form that creates an account. An empty password means: generate one and show it once. */
class AccountForm {

    @NotBlank(message = "{validation.username.required}")
    @Size(max = 64, message = "{validation.username.size}")
    @Pattern(regexp = "[A-Za-z0-9_.@-]*", message = "{validation.username.pattern}")
    private String username;

    @NotNull(message = "{validation.role.required}")
    private Role role;

    private String unitCode;

    private String staffCode;

    @Size(max = 200, message = "{validation.password.size}")
    private String password;

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

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
