package org.warmline.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The form that creates an account. An empty password means: generate one and show it once. */
class AccountForm extends AccountRoleForm {

    @NotBlank(message = "{validation.username.required}")
    @Size(max = 64, message = "{validation.username.size}")
    @Pattern(regexp = "[A-Za-z0-9_.@-]*", message = "{validation.username.pattern}")
    private String username;

    @Size(max = 200, message = "{validation.password.size}")
    private String password;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = trimmed(username);
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
